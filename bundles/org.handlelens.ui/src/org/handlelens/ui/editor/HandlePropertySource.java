package org.handlelens.ui.editor;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.eclipse.ui.views.properties.IPropertyDescriptor;
import org.eclipse.ui.views.properties.IPropertySource;
import org.eclipse.ui.views.properties.PropertyDescriptor;
import org.handlelens.model.HandleDetail;
import org.handlelens.model.HandleModel;
import org.handlelens.model.ProcessRecord;
import org.handlelens.model.StackTrace;
import org.handlelens.model.query.HandleColumn;

/** Read-only properties of one handle (all table columns plus WinDbg object detail and the stack). */
final class HandlePropertySource implements IPropertySource {
    private final Map<String, String> values = new LinkedHashMap<>();
    private final Map<String, String> categories = new LinkedHashMap<>();

    HandlePropertySource(HandleModel model, int row) {
        for (HandleColumn c : HandleColumn.values()) {
            put("Handle", c.displayName(), c.label(model, c.code(model, row)));
        }
        String attributes = model.attributes(row);
        if (attributes != null) {
            put("Handle", "Attributes", attributes);
        }
        HandleDetail detail = model.detail(row);
        if (detail != null) {
            put("Object", "Detail", detail.toString());
        }
        int owner = model.owningProcess(row);
        if (owner >= 0) {
            ProcessRecord p = model.process(owner);
            put("Owning Process", "Image", p.image());
            put("Owning Process", "PID", Integer.toString(p.pid()));
            put("Owning Process", "Parent PID", p.parentPid() < 0 ? "" : Integer.toString(p.parentPid()));
            put("Owning Process", "Handle Count", p.handleCount() < 0 ? "n/a" : Long.toString(p.handleCount()));
        }
        StackTrace stack = model.stack(model.createStackId(row));
        if (stack != null) {
            String[] frames = stack.frameTexts();
            for (int i = 0; i < frames.length; i++) {
                put("Create Stack", String.format("%02d", i), frames[i]);
            }
        }
    }

    private void put(String category, String name, String value) {
        String id = category + "/" + name;
        values.put(id, value == null ? "" : value);
        categories.put(id, category);
    }

    @Override
    public Object getEditableValue() {
        return this;
    }

    @Override
    public IPropertyDescriptor[] getPropertyDescriptors() {
        List<IPropertyDescriptor> out = new ArrayList<>();
        for (String id : values.keySet()) {
            PropertyDescriptor d = new PropertyDescriptor(id, id.substring(id.indexOf('/') + 1));
            d.setCategory(categories.get(id));
            out.add(d);
        }
        return out.toArray(IPropertyDescriptor[]::new);
    }

    @Override
    public Object getPropertyValue(Object id) {
        return values.get(id);
    }

    @Override
    public boolean isPropertySet(Object id) {
        return false;
    }

    @Override
    public void resetPropertyValue(Object id) {
        // read-only
    }

    @Override
    public void setPropertyValue(Object id, Object value) {
        // read-only
    }
}
