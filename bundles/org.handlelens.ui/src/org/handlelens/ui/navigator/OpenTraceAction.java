package org.handlelens.ui.navigator;

import java.util.LinkedHashSet;
import java.util.Set;

import org.eclipse.core.resources.IFile;
import org.eclipse.jface.viewers.IStructuredSelection;
import org.eclipse.ui.IWorkbenchPage;
import org.eclipse.ui.actions.BaseSelectionListenerAction;
import org.handlelens.ui.editor.EditorOpener;
import org.handlelens.ui.project.TraceProjects;

/** Opens the selected traces (or the traces of selected processes) in the handle editor. */
public final class OpenTraceAction extends BaseSelectionListenerAction {
    private final IWorkbenchPage page;

    /** An action opening editors on {@code page}. */
    public OpenTraceAction(IWorkbenchPage page) {
        super("&Open in Handle Table");
        setToolTipText("Open the trace in the HandleLens handle table");
        this.page = page;
    }

    @Override
    protected boolean updateSelection(IStructuredSelection selection) {
        return !selection.isEmpty() && !traces(selection).isEmpty()
                && traces(selection).size() == countTraceElements(selection);
    }

    private static int countTraceElements(IStructuredSelection selection) {
        Set<IFile> all = new LinkedHashSet<>();
        int others = 0;
        for (Object o : selection.toList()) {
            IFile f = traceOf(o);
            if (f == null) {
                others++;
            } else {
                all.add(f);
            }
        }
        return others > 0 ? -1 : all.size();
    }

    /** The trace files behind the selection, in order, each once. */
    static Set<IFile> traces(IStructuredSelection selection) {
        Set<IFile> result = new LinkedHashSet<>();
        for (Object o : selection.toList()) {
            IFile f = traceOf(o);
            if (f != null) {
                result.add(f);
            }
        }
        return result;
    }

    private static IFile traceOf(Object o) {
        if (o instanceof TraceProcessNode n) {
            return n.trace();
        }
        if (o instanceof TraceStatusNode n) {
            return n.trace();
        }
        return TraceProjects.isTrace(o) ? (IFile) o : null;
    }

    @Override
    public void run() {
        for (IFile trace : traces(getStructuredSelection())) {
            EditorOpener.open(page, trace);
        }
    }
}
