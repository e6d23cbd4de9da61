package org.handlelens.ui.navigator;

import org.eclipse.core.resources.IFile;
import org.eclipse.jface.viewers.StructuredViewer;
import org.eclipse.jface.viewers.Viewer;
import org.eclipse.swt.widgets.Control;
import org.eclipse.ui.IMemento;
import org.eclipse.ui.navigator.ICommonContentExtensionSite;
import org.eclipse.ui.navigator.ICommonContentProvider;
import org.handlelens.ui.HandleLensUi;
import org.handlelens.ui.imports.TraceSummaries;
import org.handlelens.ui.imports.TraceSummary;
import org.handlelens.ui.project.TraceProjects;

/**
 * Adds the processes beneath each trace of a trace project in the Project Explorer. The process list
 * comes from the trace's summary; when it is not known yet a "Reading index..." node is shown while
 * a Job reads the persisted index (or indexes the trace), then the trace is refreshed. Never reads a
 * file on the UI thread.
 */
public final class TraceContentProvider implements ICommonContentProvider {
    private static final Object[] NONE = new Object[0];

    private volatile StructuredViewer viewer;

    @Override
    public void init(ICommonContentExtensionSite config) {
        // no configuration
    }

    @Override
    public void inputChanged(Viewer newViewer, Object oldInput, Object newInput) {
        viewer = newViewer instanceof StructuredViewer s ? s : null;
    }

    @Override
    public Object[] getElements(Object inputElement) {
        return getChildren(inputElement);
    }

    @Override
    public Object[] getChildren(Object parent) {
        if (!(parent instanceof IFile trace) || !TraceProjects.isTrace(trace)) {
            return NONE;
        }
        TraceSummaries summaries = summaries();
        if (summaries == null) {
            return NONE;
        }
        TraceSummary summary = summaries.get(trace);
        if (summary != null) {
            return summary.processes().stream().map(p -> new TraceProcessNode(trace, p)).toArray();
        }
        String error = summaries.error(trace);
        if (error != null && !summaries.isPending(trace)) {
            return new Object[] {new TraceStatusNode(trace, "Cannot read: " + error, true)};
        }
        summaries.request(trace, this::refreshLater);
        return new Object[] {new TraceStatusNode(trace, "Reading index\u2026", false)};
    }

    private void refreshLater(IFile trace) {
        StructuredViewer v = viewer;
        Control control = v == null ? null : v.getControl();
        if (control == null || control.isDisposed()) {
            return;
        }
        control.getDisplay().asyncExec(() -> {
            if (!control.isDisposed()) {
                v.refresh(trace);
            }
        });
    }

    private static TraceSummaries summaries() {
        HandleLensUi ui = HandleLensUi.getDefault();
        return ui == null ? null : ui.traceSummaries();
    }

    @Override
    public Object getParent(Object element) {
        if (element instanceof TraceProcessNode n) {
            return n.trace();
        }
        if (element instanceof TraceStatusNode n) {
            return n.trace();
        }
        return null;
    }

    @Override
    public boolean hasChildren(Object element) {
        return element instanceof IFile f && TraceProjects.isTrace(f);
    }

    @Override
    public void dispose() {
        viewer = null;
    }

    @Override
    public void restoreState(IMemento memento) {
        // nothing to restore
    }

    @Override
    public void saveState(IMemento memento) {
        // nothing to save
    }
}
