package org.handlelens.ui.editor;

import java.util.Objects;

import org.eclipse.jface.resource.ImageDescriptor;
import org.eclipse.ui.IEditorInput;
import org.eclipse.ui.IPersistableElement;
import org.handlelens.model.HandleModel;

/**
 * Opens the handle editor on a model that is already in memory (built by a test or a generator) instead
 * of a file to index. Not persisted: the editor is not reopened after a restart.
 *
 * @param model the model
 * @param name  editor tab title
 */
public record ModelEditorInput(HandleModel model, String name) implements IEditorInput {
    public ModelEditorInput {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(name, "name");
    }

    @Override
    public <T> T getAdapter(Class<T> adapter) {
        return null;
    }

    @Override
    public boolean exists() {
        return false;
    }

    @Override
    public ImageDescriptor getImageDescriptor() {
        return ImageDescriptor.getMissingImageDescriptor();
    }

    @Override
    public String getName() {
        return name;
    }

    @Override
    public IPersistableElement getPersistable() {
        return null;
    }

    @Override
    public String getToolTipText() {
        return name + " (in memory, " + model.rowCount() + " handles)";
    }
}
