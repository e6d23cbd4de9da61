package org.handlelens.ui.editor;

import java.util.List;

import org.eclipse.jface.viewers.TreeViewer;
import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Label;
import org.handlelens.model.HandleModel;
import org.handlelens.model.query.GroupTree;
import org.handlelens.model.query.HandleColumn;
import org.handlelens.model.query.HandleFilter;

/**
 * The "Groups" page: handles grouped WPA style into a tree (e.g. Owning Process > Handle Type >
 * Create Stack) with the count and outstanding count of every group. Grouping runs in a Job.
 */
public final class GroupsPage {
    /** Group-by presets offered in the combo; the first is WPA's handle-leak view. */
    public static final List<List<HandleColumn>> PRESETS = List.of(
            List.of(HandleColumn.OWNING_PROCESS, HandleColumn.TYPE, HandleColumn.CREATE_STACK),
            List.of(HandleColumn.CLOSING_PROCESS, HandleColumn.OWNING_PROCESS, HandleColumn.TYPE,
                    HandleColumn.CREATING_PROCESS, HandleColumn.CREATE_STACK),
            List.of(HandleColumn.OWNING_PROCESS, HandleColumn.TYPE),
            List.of(HandleColumn.TYPE, HandleColumn.OWNING_PROCESS),
            List.of(HandleColumn.CREATE_STACK, HandleColumn.OWNING_PROCESS),
            List.of(HandleColumn.TYPE, HandleColumn.NAME));

    private final HandleModel model;
    private final Composite root;
    private final Combo groupBy;
    private final Button outstandingOnly;
    private final Label totals;
    private final TreeViewer viewer;
    private volatile GroupTree.Node tree;
    private final BackgroundQuery<GroupTree.Node> query;

    GroupsPage(Composite parent, HandleModel model) {
        this(parent, model, RowsOpener.NONE);
    }

    /** The page; double-click (or Enter) on a group shows its handles through {@code opener}. */
    GroupsPage(Composite parent, HandleModel model, RowsOpener opener) {
        this.model = model;
        root = new Composite(parent, SWT.NONE);
        root.setLayout(new GridLayout(4, false));
        Label label = new Label(root, SWT.NONE);
        label.setText("&Group by:");
        // presets in the list; any order of groupable columns can be typed ("Type > Name", Enter)
        groupBy = new Combo(root, SWT.DROP_DOWN);
        groupBy.setToolTipText("Pick a grouping or type columns separated by '>', e.g. Handle Type > Owning Process"
                + " > Create Stack, then press Enter. Columns: " + String.join(", ", groupableNames()));
        for (List<HandleColumn> preset : PRESETS) {
            groupBy.add(String.join(" > ", preset.stream().map(HandleColumn::displayName).toList()));
        }
        groupBy.select(0);
        outstandingOnly = new Button(root, SWT.CHECK);
        outstandingOnly.setText("O&utstanding only");
        outstandingOnly.setSelection(true);
        totals = new Label(root, SWT.NONE);
        GridData totalsData = new GridData(SWT.END, SWT.CENTER, true, false);
        totalsData.minimumWidth = 220;
        totals.setLayoutData(totalsData);

        viewer = new TreeViewer(root, SWT.MULTI | SWT.FULL_SELECTION | SWT.BORDER);
        viewer.getTree().setHeaderVisible(true);
        viewer.getTree().setLinesVisible(true);
        viewer.getTree().setLayoutData(new GridData(SWT.FILL, SWT.FILL, true, true, 4, 1));
        viewer.setContentProvider(new ChildrenContent<>(GroupTree.Node.class, GroupTree.Node::children));
        viewer.addDoubleClickListener(e -> {
            if (viewer.getStructuredSelection().getFirstElement() instanceof GroupTree.Node n) {
                openRows(n, opener);
            }
        });
        TreeColumns.add(viewer, GroupTree.Node.class, "Group", 560, n -> n.key() == null ? "All" : n.key().column().displayName() + ": " + n.key().label());
        TreeColumns.add(viewer, GroupTree.Node.class, "Count", 90, n -> String.format("%,d", n.count()));
        TreeColumns.add(viewer, GroupTree.Node.class, "Outstanding", 100, n -> String.format("%,d", n.outstanding()));
        TreeColumns.add(viewer, GroupTree.Node.class, "Share of Outstanding", 150, n -> tree == null || tree.outstanding() == 0 ? ""
                : String.format("%.1f %%", 100.0 * n.outstanding() / tree.outstanding()));
        query = new BackgroundQuery<>("Grouping handles", root, this::show);
        groupBy.addListener(SWT.Selection, e -> refresh());
        groupBy.addListener(SWT.DefaultSelection, e -> refresh());
        outstandingOnly.addListener(SWT.Selection, e -> refresh());
        refresh();
    }

    /** Regroups in a Job with the chosen or typed grouping and the filter; a wrong column name is reported. */
    public void refresh() {
        List<HandleColumn> columns;
        try {
            columns = HandleColumn.parseGroupKeys(groupBy.getText());
        } catch (IllegalArgumentException e) {
            totals.setText(e.getMessage());
            totals.setToolTipText(e.getMessage());
            root.layout(new Control[] { totals });
            return;
        }
        totals.setToolTipText(null);
        HandleFilter filter = HandleFilter.ALL.withOutstandingOnly(outstandingOnly.getSelection());
        totals.setText("grouping...");
        // cancellable: a grouping replaced by a newer one (e.g. the first preset, then the one the user picks) stops
        query.run(monitor -> GroupTree.build(model, filter.select(model), columns, monitor::isCanceled));
    }

    private void show(GroupTree.Node result) {
        tree = result;
        // the top-level groups come in steps too (expandLater): setting all 200 processes of the 10 M-row bench as
        // the input at once made their items in one turn (59 ms at load 2.5, docs/benchmarks.md)
        shownGroups = new java.util.ArrayList<>();
        viewer.setInput(shownGroups);
        totals.setText(String.format("%,d groups, %,d handles, %,d outstanding", result.children().size(),
                result.count(), result.outstanding()));
        root.layout(new Control[] { totals });
        expanded = 0;
        expandLater(result);
    }

    /** Top-level groups expanded per event-loop turn (see {@link #expandLater}). */
    static final int EXPAND_STEP_GROUPS = 25;
    /** How many of the shown tree's top-level groups are in the tree and expanded so far (UI thread). */
    private int expanded;
    /** The viewer's input: the top-level groups added so far, in the tree's order (UI thread). */
    private List<GroupTree.Node> shownGroups = List.of();

    /**
     * Adds the top-level groups and expands them (one level: e.g. each process's types) {@link #EXPAND_STEP_GROUPS}
     * at a time, one step per event-loop turn. The tree widget is not virtual: expanding all 200 processes of the
     * 10 M-row bench at once created ~4,000 GTK rows in one turn (130-430 ms on the UI thread, docs/benchmarks.md).
     */
    private void expandLater(GroupTree.Node shown) {
        root.getDisplay().asyncExec(() -> {
            if (viewer.getTree().isDisposed() || tree != shown) {
                return; // a newer grouping replaced this one: it expands itself
            }
            List<GroupTree.Node> groups = shown.children();
            int end = Math.min(groups.size(), expanded + EXPAND_STEP_GROUPS);
            viewer.getTree().setRedraw(false);
            try {
                List<GroupTree.Node> step = groups.subList(expanded, end);
                shownGroups.addAll(step);
                viewer.add(shownGroups, step.toArray()); // appended: the viewer has no comparator
                for (GroupTree.Node group : step) {
                    viewer.expandToLevel(group, 1);
                }
            } finally {
                viewer.getTree().setRedraw(true);
            }
            expanded = end;
            if (end < groups.size()) {
                expandLater(shown);
            }
        });
    }

    private static List<String> groupableNames() {
        return java.util.Arrays.stream(HandleColumn.values()).filter(HandleColumn::groupable)
                .map(HandleColumn::displayName).toList();
    }

    /** Types {@code text} into the group-by box (as a user would, then Enter) and regroups. */
    public void groupBy(String text) {
        groupBy.setText(text);
        refresh();
    }

    /** Text of the totals line ("N groups, ..." or why a typed grouping is wrong). */
    public String totalsText() {
        return totals.getText();
    }

    /** Selects preset {@code index} of {@link #PRESETS} and regroups. */
    public void selectPreset(int index) {
        groupBy.select(index);
        refresh();
    }

    /** The outstanding-only check box. */
    public Button outstandingOnlyButton() {
        return outstandingOnly;
    }

    /** Shows the handles of group {@code n}. */
    private void openRows(GroupTree.Node n, RowsOpener opener) {
        String name = n.key() == null ? "all groups" : n.key().column().displayName() + " " + n.key().label();
        opener.openComputed(root, name, () -> GroupTree.rowsOf(n));
    }

    /** The current tree (root node), or null before the first grouping finished. */
    public GroupTree.Node tree() {
        return tree;
    }

    /** True when the last grouping has been shown (its top-level groups expanded). */
    public boolean isReady() {
        GroupTree.Node t = tree;
        return query.isReady() && t != null && expanded == t.children().size();
    }

    /** The tree viewer. */
    public TreeViewer viewer() {
        return viewer;
    }

    Control control() {
        return root;
    }
}
