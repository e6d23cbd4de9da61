package org.handlelens.ui.navigator;

import org.eclipse.jface.viewers.Viewer;
import org.eclipse.jface.viewers.ViewerComparator;

/** Processes beneath a trace: most handles first (as on the editor's Processes page), then by label. */
public final class TraceProcessSorter extends ViewerComparator {
    @Override
    public int compare(Viewer viewer, Object a, Object b) {
        if (a instanceof TraceProcessNode x && b instanceof TraceProcessNode y) {
            int byCount = Long.compare(y.process().handleCount(), x.process().handleCount());
            return byCount != 0 ? byCount : x.process().label().compareToIgnoreCase(y.process().label());
        }
        return super.compare(viewer, a, b);
    }
}
