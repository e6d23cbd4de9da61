package org.handlelens.ui.properties;

import java.util.ArrayList;
import java.util.List;

import org.eclipse.ui.views.properties.IPropertyDescriptor;
import org.eclipse.ui.views.properties.IPropertySource;
import org.eclipse.ui.views.properties.PropertyDescriptor;

/**
 * Properties view content that is only shown, never edited: labelled text values in categories, in the
 * order they were added. Subclasses fill it in their constructor with {@link #add}.
 */
public class ReadOnlyPropertySource implements IPropertySource {
    private record Row(String id, String category, String label, String value) {
    }

    private final List<Row> rows = new ArrayList<>();

    /** Adds {@code label = value} under {@code category}; a null value shows as empty. */
    protected final void add(String category, String label, String value) {
        rows.add(new Row(category + "/" + label, category, label, value == null ? "" : value));
    }

    /** The value shown for {@code label} in any category (tests, tooltips), or null. */
    public final String value(String label) {
        for (Row r : rows) {
            if (r.label().equals(label)) {
                return r.value();
            }
        }
        return null;
    }

    @Override
    public final Object getEditableValue() {
        return this;
    }

    @Override
    public final IPropertyDescriptor[] getPropertyDescriptors() {
        IPropertyDescriptor[] out = new IPropertyDescriptor[rows.size()];
        for (int i = 0; i < out.length; i++) {
            Row r = rows.get(i);
            PropertyDescriptor d = new PropertyDescriptor(r.id(), r.label());
            d.setCategory(r.category());
            out[i] = d;
        }
        return out;
    }

    @Override
    public final Object getPropertyValue(Object id) {
        for (Row r : rows) {
            if (r.id().equals(id)) {
                return r.value();
            }
        }
        return null;
    }

    @Override
    public final boolean isPropertySet(Object id) {
        return false;
    }

    @Override
    public final void resetPropertyValue(Object id) {
        // read-only
    }

    @Override
    public final void setPropertyValue(Object id, Object value) {
        // read-only
    }
}
