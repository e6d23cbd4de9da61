package org.handlelens.ui.properties;

import org.eclipse.jface.viewers.ISelection;
import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.FillLayout;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.ui.IActionBars;
import org.eclipse.ui.IWorkbenchPart;
import org.eclipse.ui.part.Page;
import org.eclipse.ui.views.properties.IPropertySheetPage;
import org.eclipse.ui.views.properties.PropertySheetPage;

/**
 * The Properties view's page for a part, the standard {@link PropertySheetPage} created one event-loop turn after
 * the view asks for it. The view creates a page for every part the moment the part is activated, i.e. inside the
 * turn that opens an editor; the standard page's tree, columns, actions and tool bar items were ~30 % of that turn
 * (JFR, docs/benchmarks.md). Until the real page exists this one is an empty composite and remembers the last
 * selection it was given; the real page then gets it, its tool bar and menu contributions, and the global action
 * handlers (Copy) through this page's site, as the standard page would have had them.
 */
public final class DeferredPropertySheetPage extends Page implements IPropertySheetPage {
    private Composite holder;
    private PropertySheetPage page;
    private IActionBars actionBars;
    private IWorkbenchPart pendingPart;
    private ISelection pendingSelection;

    @Override
    public void createControl(Composite parent) {
        holder = new Composite(parent, SWT.NONE);
        holder.setLayout(new FillLayout());
        holder.getDisplay().asyncExec(this::createPage);
    }

    /** The standard page in its turn; nothing when the view closed the page meanwhile. */
    private void createPage() {
        if (holder == null || holder.isDisposed() || page != null) {
            return;
        }
        page = new PropertySheetPage();
        page.init(getSite());
        page.createControl(holder);
        if (actionBars != null) {
            page.setActionBars(actionBars);
            actionBars.updateActionBars(); // the view's tool bar shows them if this page is active
        }
        holder.layout(true, true);
        if (pendingPart != null) {
            page.selectionChanged(pendingPart, pendingSelection);
            pendingPart = null;
            pendingSelection = null;
        }
    }

    /** The standard page once created (the next event-loop turn), else null. */
    public PropertySheetPage page() {
        return page;
    }

    @Override
    public void setActionBars(IActionBars bars) {
        actionBars = bars; // contributed when the standard page exists
    }

    @Override
    public void selectionChanged(IWorkbenchPart part, ISelection selection) {
        if (page != null) {
            page.selectionChanged(part, selection);
        } else {
            pendingPart = part;
            pendingSelection = selection;
        }
    }

    @Override
    public Control getControl() {
        return holder;
    }

    @Override
    public void setFocus() {
        if (page != null) {
            page.setFocus();
        } else if (holder != null && !holder.isDisposed()) {
            holder.setFocus();
        }
    }

    @Override
    public void dispose() {
        if (page != null) {
            page.dispose();
            page = null;
        }
        pendingPart = null;
        pendingSelection = null;
        super.dispose();
    }
}
