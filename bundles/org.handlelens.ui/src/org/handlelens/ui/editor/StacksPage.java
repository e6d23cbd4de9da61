package org.handlelens.ui.editor;

import java.util.ArrayList;
import java.util.List;

import org.eclipse.jface.viewers.ITreeSelection;
import org.eclipse.jface.viewers.TreePath;
import org.eclipse.jface.viewers.TreeViewer;
import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Label;
import org.handlelens.model.HandleModel;
import org.handlelens.model.query.HandleFilter;
import org.handlelens.model.query.StackTree;

/**
 * The "Stacks" page: create stacks merged into a call tree weighted by outstanding handles —
 * callers first (where the leak comes from) or callees first (which API leaks, and who calls it).
 */
public final class StacksPage {
    private final HandleModel model;
    private final Composite root;
    private final Button calleesFirst;
    private final Button outstandingOnly;
    private final Label totals;
    private final TreeViewer viewer;
    private volatile StackTree.Node tree;
    private final RowsOpener opener;
    /** Direction and filter of the tree on screen (the rows of a node are computed with them). */
    private StackTree.Direction shownDirection;
    private HandleFilter shownFilter;
    private final BackgroundQuery<Built> query;

    /** A call tree and the direction and filter it was built with. */
    private record Built(StackTree.Node tree, StackTree.Direction direction, HandleFilter filter) {
    }

    /** The page; double-click (or Enter) on a frame shows the handles whose stacks pass through it. */
    StacksPage(Composite parent, HandleModel model, RowsOpener opener) {
        this.model = model;
        this.opener = opener;
        root = new Composite(parent, SWT.NONE);
        root.setLayout(new GridLayout(3, false));
        calleesFirst = new Button(root, SWT.CHECK);
        calleesFirst.setText("&Callees first (start at the creating function)");
        outstandingOnly = new Button(root, SWT.CHECK);
        outstandingOnly.setText("O&utstanding only");
        outstandingOnly.setSelection(true);
        totals = new Label(root, SWT.NONE);
        totals.setLayoutData(new GridData(SWT.END, SWT.CENTER, true, false));
        viewer = new TreeViewer(root, SWT.SINGLE | SWT.FULL_SELECTION | SWT.BORDER);
        viewer.getTree().setHeaderVisible(true);
        viewer.getTree().setLinesVisible(true);
        viewer.getTree().setLayoutData(new GridData(SWT.FILL, SWT.FILL, true, true, 3, 1));
        viewer.setContentProvider(new ChildrenContent<>(StackTree.Node.class, StackTree.Node::children));
        TreeColumns.add(viewer, StackTree.Node.class, "Frame", 640, StackTree.Node::frame);
        TreeColumns.add(viewer, StackTree.Node.class, "Handles", 90, n -> String.format("%,d", n.count()));
        TreeColumns.add(viewer, StackTree.Node.class, "Outstanding", 100, n -> String.format("%,d", n.outstanding()));
        viewer.addDoubleClickListener(e -> openSelectedFrame());
        query = new BackgroundQuery<>("Building the create-stack tree", root, this::show);
        calleesFirst.addListener(SWT.Selection, e -> refresh());
        outstandingOnly.addListener(SWT.Selection, e -> refresh());
        refresh();
    }

    /** Rebuilds the call tree in a Job. */
    public void refresh() {
        StackTree.Direction direction = calleesFirst.getSelection() ? StackTree.Direction.CALLEES_FIRST
                : StackTree.Direction.CALLERS_FIRST;
        HandleFilter filter = HandleFilter.ALL.withOutstandingOnly(outstandingOnly.getSelection());
        query.run(monitor -> new Built(StackTree.build(model, filter.select(model), direction), direction, filter));
    }

    private void show(Built built) {
        StackTree.Node result = built.tree();
        tree = result;
        shownDirection = built.direction();
        shownFilter = built.filter();
        viewer.setInput(result);
        expandHeaviestPath(result);
        totals.setText(String.format("%,d handles, %,d outstanding", result.count(), result.outstanding()));
        root.layout(new Control[] { totals });
    }

    /** Shows the handles through the selected frame (its path from the root) in the Handles page. */
    private void openSelectedFrame() {
        if (!(viewer.getSelection() instanceof ITreeSelection sel) || sel.getPaths().length == 0 || shownFilter == null) {
            return;
        }
        TreePath path = sel.getPaths()[0];
        List<String> frames = new ArrayList<>(path.getSegmentCount());
        for (int i = 0; i < path.getSegmentCount(); i++) {
            frames.add(((StackTree.Node) path.getSegment(i)).frame());
        }
        StackTree.Direction direction = shownDirection;
        HandleFilter filter = shownFilter;
        opener.openComputed(root, "stacks through " + frames.get(frames.size() - 1),
                () -> StackTree.rowsThrough(model, filter.select(model), direction, frames));
    }

    /** Opens the heaviest branch, as WPA and PerfView do, so the leak path is visible at once. */
    private void expandHeaviestPath(StackTree.Node node) {
        StackTree.Node at = node;
        java.util.List<Object> path = new java.util.ArrayList<>();
        while (!at.children().isEmpty() && path.size() < 64) {
            at = at.children().get(0);
            path.add(at);
        }
        if (!path.isEmpty()) {
            viewer.expandToLevel(new org.eclipse.jface.viewers.TreePath(path.toArray()), 0);
            viewer.setSelection(new org.eclipse.jface.viewers.TreeSelection(
                    new org.eclipse.jface.viewers.TreePath(path.toArray())), true);
        }
    }

    /** The current tree, or null before the first Job finished. */
    public StackTree.Node tree() {
        return tree;
    }

    /** True when the last tree is shown. */
    public boolean isReady() {
        return query.isReady();
    }

    /** The callees-first check box. */
    public Button calleesFirstButton() {
        return calleesFirst;
    }

    /** The tree viewer. */
    public TreeViewer viewer() {
        return viewer;
    }

    Control control() {
        return root;
    }
}
