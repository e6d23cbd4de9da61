package org.handlelens.ui.editor;

import org.eclipse.core.runtime.IAdaptable;
import org.eclipse.ui.views.properties.IPropertySource;
import org.handlelens.model.HandleModel;

/**
 * A handle of a model as the handle table's selection element: the Properties view, the stack
 * views and copy commands read the row through it.
 */
public record HandleRef(HandleModel model, int row) implements IAdaptable {
    @Override
    public <T> T getAdapter(Class<T> adapter) {
        if (adapter == IPropertySource.class) {
            return adapter.cast(new HandlePropertySource(model, row));
        }
        return null;
    }
}
