package org.handlelens.ui.welcome;

import org.eclipse.core.commands.AbstractHandler;
import org.eclipse.core.commands.ExecutionEvent;
import org.eclipse.core.commands.ExecutionException;
import org.eclipse.ui.PartInitException;
import org.eclipse.ui.handlers.HandlerUtil;

/** Help > Welcome: opens (or brings up) the Welcome page. */
public final class ShowWelcomeHandler extends AbstractHandler {
    @Override
    public Object execute(ExecutionEvent event) throws ExecutionException {
        try {
            HandlerUtil.getActiveWorkbenchWindowChecked(event).getActivePage().openEditor(WelcomeInput.INSTANCE,
                    WelcomeEditor.ID);
        } catch (PartInitException e) {
            throw new ExecutionException("Could not open the Welcome page", e);
        }
        return null;
    }
}
