package org.handlelens.ui.welcome;

import org.eclipse.jface.resource.ImageDescriptor;
import org.eclipse.ui.IEditorInput;
import org.eclipse.ui.IPersistableElement;

/** Input of the Welcome page (there is only one). */
public final class WelcomeInput implements IEditorInput {
    /** The single instance. */
    public static final WelcomeInput INSTANCE = new WelcomeInput();

    private WelcomeInput() {
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
        return null;
    }

    @Override
    public String getName() {
        return "Welcome";
    }

    @Override
    public IPersistableElement getPersistable() {
        return null;
    }

    @Override
    public String getToolTipText() {
        return "Welcome to HandleLens";
    }
}
