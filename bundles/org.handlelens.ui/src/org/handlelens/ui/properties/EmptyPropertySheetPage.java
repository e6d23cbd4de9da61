package org.handlelens.ui.properties;

import org.eclipse.jface.viewers.ISelection;
import org.eclipse.ui.IWorkbenchPart;
import org.eclipse.ui.part.MessagePage;
import org.eclipse.ui.views.properties.IPropertySheetPage;

/**
 * The Properties view's page for a part that has no properties (the Welcome page): a message instead of the standard
 * page's empty property tree. The standard page adds three tool bar buttons and three menu items to the view; the
 * view removes them again in the turn that activates the next part (an opening editor), which cost that turn ~5-10 ms
 * of tool bar rebuilding (docs/benchmarks.md).
 */
public final class EmptyPropertySheetPage extends MessagePage implements IPropertySheetPage {
    /** A page saying the view's usual "Properties are not available.". */
    public EmptyPropertySheetPage() {
        setMessage("Properties are not available.");
    }

    @Override
    public void selectionChanged(IWorkbenchPart part, ISelection selection) {
        // nothing to show
    }
}
