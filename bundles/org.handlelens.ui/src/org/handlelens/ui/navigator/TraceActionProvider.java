package org.handlelens.ui.navigator;

import org.eclipse.jface.action.IMenuManager;
import org.eclipse.jface.viewers.IStructuredSelection;
import org.eclipse.ui.IActionBars;
import org.eclipse.ui.navigator.CommonActionProvider;
import org.eclipse.ui.navigator.ICommonActionConstants;
import org.eclipse.ui.navigator.ICommonActionExtensionSite;
import org.eclipse.ui.navigator.ICommonMenuConstants;
import org.eclipse.ui.navigator.ICommonViewerWorkbenchSite;

/** Open (double-click, Enter, context menu) for traces and their processes in the Project Explorer. */
public final class TraceActionProvider extends CommonActionProvider {
    private OpenTraceAction open;

    @Override
    public void init(ICommonActionExtensionSite site) {
        if (site.getViewSite() instanceof ICommonViewerWorkbenchSite workbenchSite) {
            open = new OpenTraceAction(workbenchSite.getPage());
        }
    }

    private boolean update() {
        if (open == null || !(getContext().getSelection() instanceof IStructuredSelection selection)) {
            return false;
        }
        open.selectionChanged(selection);
        return open.isEnabled();
    }

    @Override
    public void fillActionBars(IActionBars actionBars) {
        if (update()) {
            actionBars.setGlobalActionHandler(ICommonActionConstants.OPEN, open);
        }
    }

    @Override
    public void fillContextMenu(IMenuManager menu) {
        if (update()) {
            menu.appendToGroup(ICommonMenuConstants.GROUP_OPEN, open);
        }
    }
}
