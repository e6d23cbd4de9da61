package org.handlelens.ui.editor;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.Supplier;

import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.jface.viewers.IStructuredSelection;
import org.eclipse.jface.viewers.TreeViewer;
import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.FileDialog;
import org.eclipse.swt.widgets.Label;
import org.handlelens.model.HandleModel;
import org.handlelens.model.Snapshot;
import org.handlelens.model.query.CountOverTime;
import org.handlelens.model.query.Diff;
import org.handlelens.model.query.GroupResult;
import org.handlelens.model.query.GroupTree;
import org.handlelens.ui.load.EclipseProgress;
import org.handlelens.ui.load.IndexedModelLoader;
import org.handlelens.ui.load.ModelSourceRegistry;

/**
 * The "Diff" page: handles new, closed and still open between two points — two times of this source,
 * or this source and another file (another trace, another WinDbg snapshot) at their ends — grouped by
 * Owning Process > Handle Type > Create Stack with counts. The diff runs in a Job; double-click (or
 * Enter) on a group of this source shows its handles in the Handles page.
 */
public final class DiffPage {
    /** A line of the tree: a part of the diff (new, closed, still open) or a group within it. */
    public record Line(String text, long count, HandleModel model, GroupTree.Node node, List<Line> children) {
    }

    /** A computed diff and the models its groups belong to. */
    public record Shown(HandleModel before, HandleModel after, Diff.Result result, String fromText, String toText,
            List<Line> lines) {
    }

    private final HandleModel model;
    private final EditorNavigation navigation;
    private final Function<Path, HandleModel> openModels;
    private final Supplier<List<Path>> openFiles;
    private final Supplier<TimeRange> chartRange;
    private final long spanNanos;
    private final Map<Path, HandleModel> loaded = new ConcurrentHashMap<>();
    private final Composite root;
    private final PointSelector from;
    private final PointSelector to;
    private final Button compare;
    private final Label summary;
    private final TreeViewer viewer;
    private final BackgroundQuery<Shown> query;
    private volatile Shown shown;

    /**
     * @param openModels the model of another open editor on a file, or null (saves reading it again)
     * @param openFiles  files of the other open HandleLens editors (offered for "Another file")
     * @param chartRange the range selected on the Outstanding Chart, or null
     */
    DiffPage(Composite parent, HandleModel model, EditorNavigation navigation, Function<Path, HandleModel> openModels,
            Supplier<List<Path>> openFiles, Supplier<TimeRange> chartRange) {
        this.model = model;
        this.navigation = navigation;
        this.openModels = openModels;
        this.openFiles = openFiles;
        this.chartRange = chartRange;
        this.spanNanos = CountOverTime.spanNanos(model);
        root = new Composite(parent, SWT.NONE);
        root.setLayout(new GridLayout(5, false));
        boolean timed = spanNanos > 0;
        List<Snapshot> snapshots = model.snapshots();
        boolean snapshotted = !timed && snapshots.size() >= 2;
        from = new PointSelector(root, "&From:", timed ? DiffPoint.Kind.THIS_SOURCE
                : snapshotted ? DiffPoint.Kind.SNAPSHOT : DiffPoint.Kind.OTHER_FILE,
                timed ? "0" : snapshotted ? snapshots.get(0).describe() : "");
        compare = new Button(root, SWT.PUSH);
        compare.setText("&Compare");
        compare.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, false, false));
        to = snapshotted
                ? new PointSelector(root, "&To:", DiffPoint.Kind.SNAPSHOT, snapshots.get(snapshots.size() - 1).describe())
                : new PointSelector(root, "&To:", DiffPoint.Kind.THIS_SOURCE, timed ? seconds(spanNanos) : "end");
        Button fromChart = new Button(root, SWT.PUSH);
        fromChart.setText("Chart &Range");
        fromChart.setToolTipText("Compare the start and end of the range dragged on the Outstanding Chart");
        fromChart.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, false, false));
        fromChart.setEnabled(timed);
        fromChart.addListener(SWT.Selection, e -> useChartRange());
        summary = new Label(root, SWT.WRAP);
        summary.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false, 5, 1));
        summary.setText(timed ? "Compare two times of this trace, or this source with another file. "
                + "Double-click a group to see its handles."
                : snapshotted ? "This log holds " + snapshots.size() + " snapshots (!htrace -snapshot/-diff, !handle): "
                        + "compare two of them, or this log with another file."
                : "This source is a snapshot (no times): compare it with another snapshot or trace of the same machine.");
        viewer = new TreeViewer(root, SWT.SINGLE | SWT.FULL_SELECTION | SWT.BORDER);
        viewer.getTree().setHeaderVisible(true);
        viewer.getTree().setLinesVisible(true);
        viewer.getTree().setLayoutData(new GridData(SWT.FILL, SWT.FILL, true, true, 5, 1));
        viewer.setContentProvider(new ChildrenContent<>(Line.class, Line::children));
        // lines are records over large group trees: identity, not deep equality, finds their items
        viewer.setComparer(new org.eclipse.jface.viewers.IElementComparer() {
            @Override
            public boolean equals(Object a, Object b) {
                return a == b;
            }

            @Override
            public int hashCode(Object element) {
                return System.identityHashCode(element);
            }
        });
        TreeColumns.add(viewer, Line.class, "Owning Process > Handle Type > Create Stack", 700, Line::text);
        TreeColumns.add(viewer, Line.class, "Handles", 100, l -> String.format("%,d", l.count()));
        viewer.addDoubleClickListener(e -> {
            Object first = ((IStructuredSelection) e.getSelection()).getFirstElement();
            if (first instanceof Line line) {
                open(line);
            }
        });
        query = new BackgroundQuery<Shown>("Comparing handles", root, this::show)
                .onError(message -> summary.setText("Could not compare: " + message)).asUserJob();
        compare.addListener(SWT.Selection, e -> compare());
    }

    /** The page is shown: the first time, a timed source is compared from its start to its end. */
    void showing() {
        if (spanNanos > 0 && !query.isStarted()) {
            compare();
        }
    }

    private static String seconds(long nanos) {
        return String.format(java.util.Locale.ROOT, "%.3f", nanos / 1e9);
    }

    /** The "from" selector. */
    public PointSelector from() {
        return from;
    }

    /** The "to" selector. */
    public PointSelector to() {
        return to;
    }

    /** Runs the diff of the selected points in a Job. */
    public void compare() {
        DiffPoint a;
        DiffPoint b;
        try {
            a = from.point();
            b = to.point();
        } catch (IllegalArgumentException e) {
            summary.setText(e.getMessage());
            root.layout(new Control[] { summary });
            return;
        }
        String fromText = describe(a);
        String toText = describe(b);
        summary.setText("Comparing " + fromText + " with " + toText + "...");
        query.run(monitor -> diff(a, b, fromText, toText, monitor));
    }

    /** Compares the start and the end of the range selected on the Outstanding Chart. */
    public void useChartRange() {
        TimeRange r = chartRange.get();
        if (r == null || spanNanos <= 0) {
            summary.setText("Drag a range on the Outstanding Chart first (or type it into its range fields).");
            root.layout(new Control[] { summary });
            return;
        }
        from.set(DiffPoint.Kind.THIS_SOURCE, ChartLinking.formatSeconds(r.fromNanos()));
        to.set(DiffPoint.Kind.THIS_SOURCE, ChartLinking.formatSeconds(r.toNanos()));
        compare();
    }

    private Shown diff(DiffPoint a, DiffPoint b, String fromText, String toText, IProgressMonitor monitor)
            throws Exception {
        HandleModel before = modelOf(a, monitor);
        HandleModel after = modelOf(b, monitor);
        Diff.Result r;
        if (a instanceof DiffPoint.AtSnapshot s1 && b instanceof DiffPoint.AtSnapshot s2) {
            r = Diff.betweenSnapshots(model, s1.index(), s2.index(), Diff.DEFAULT_COLUMNS);
        } else if (a instanceof DiffPoint.AtSnapshot || b instanceof DiffPoint.AtSnapshot) {
            throw new IllegalArgumentException("a snapshot of this log is compared with another snapshot of it; "
                    + "to compare with another file, take this log at its end");
        } else if (a instanceof DiffPoint.AtTime t1 && b instanceof DiffPoint.AtTime t2) {
            long n1 = Math.min(t1.nanos(), spanNanos);
            long n2 = Math.min(t2.nanos(), spanNanos);
            if (spanNanos <= 0) {
                throw new IllegalArgumentException("this source is a snapshot: compare it with another file");
            }
            if (n1 >= n2) {
                throw new IllegalArgumentException("\"from\" must be before \"to\"");
            }
            r = Diff.between(model, n1, n2, Diff.DEFAULT_COLUMNS);
        } else {
            // Two sources are compared at their ends: a time of this source can only be its end.
            for (DiffPoint p : List.of(a, b)) {
                if (p instanceof DiffPoint.AtTime t && t.nanos() < spanNanos) {
                    throw new IllegalArgumentException("another file is compared at its end, so this source must be "
                            + "taken at its end too (leave its seconds empty)");
                }
            }
            r = Diff.between(before, after, Diff.DEFAULT_COLUMNS);
        }
        List<Line> lines = List.of(
                part("New: open at " + toText + ", not at " + fromText, after, r.added()),
                part("Closed: open at " + fromText + ", not at " + toText, before, r.closed()),
                part("Still open at both", after, r.stillOpen()));
        return new Shown(before, after, r, fromText, toText, lines);
    }

    private HandleModel modelOf(DiffPoint p, IProgressMonitor monitor) throws Exception {
        return switch (p) {
            case DiffPoint.AtTime t -> model;
            case DiffPoint.AtSnapshot t -> model;
            case DiffPoint.EndOfFile f -> {
                Path file = f.file().toAbsolutePath().normalize();
                HandleModel open = openModels.apply(file);
                if (open != null) {
                    yield open;
                }
                HandleModel m = loaded.get(file);
                if (m == null) {
                    m = new IndexedModelLoader(ModelSourceRegistry.load()).load(file, null,
                            new EclipseProgress(monitor)).model();
                    loaded.put(file, m);
                }
                yield m;
            }
        };
    }

    private String describe(DiffPoint p) {
        return switch (p) {
            case DiffPoint.AtTime t -> t.nanos() >= spanNanos ? (spanNanos > 0 ? "the end (" + seconds(spanNanos)
                    + " s)" : "this snapshot") : seconds(t.nanos()) + " s";
            case DiffPoint.AtSnapshot t -> t.index() >= 0 && t.index() < model.snapshots().size()
                    ? "snapshot " + model.snapshots().get(t.index()).describe() : "snapshot #" + t.index();
            case DiffPoint.EndOfFile f -> String.valueOf(f.file().getFileName());
        };
    }

    /** The tree lines of one part of a diff (UI-free; also used by tests). */
    public static Line part(String title, HandleModel model, GroupResult groups) {
        GroupTree.Node rootNode = GroupTree.nest(groups);
        return new Line(title, groups.totalCount(), model, rootNode, children(rootNode, model));
    }

    private static List<Line> children(GroupTree.Node node, HandleModel model) {
        List<Line> out = new ArrayList<>(node.children().size());
        for (GroupTree.Node n : node.children()) {
            String label = n.key().label() == null || n.key().label().isBlank() ? "(none in the source)"
                    : n.key().label();
            out.add(new Line(n.key().column().displayName() + ": " + label, n.count(), model, n, children(n, model)));
        }
        return out;
    }

    /** What a double-click does: the group's handles in the Handles page (when they are this source's). */
    public void open(Line line) {
        if (line.model() != model) {
            summary.setText("These handles are in " + line.model().source().fileName()
                    + "; open that file to see them in its Handles page.");
            root.layout(new Control[] { summary });
            return;
        }
        RowsOpener opener = navigation::showHandles;
        opener.openComputed(root, "diff: " + line.text(), () -> GroupTree.rowsOf(line.node()));
    }

    private void show(Shown s) {
        shown = s;
        Diff.Result r = s.result();
        summary.setText(String.format("From %s to %s: %,d new, %,d closed, %,d still open. "
                + "Double-click a group to see its handles.", s.fromText(), s.toText(), r.added().totalCount(),
                r.closed().totalCount(), r.stillOpen().totalCount()));
        viewer.setInput(s.lines());
        viewer.expandToLevel(2);
        // open the largest group of each part down to its create stacks
        for (Line part : s.lines()) {
            Line at = part;
            List<Object> path = new ArrayList<>();
            path.add(part);
            while (at.children().size() > 0 && at.children().get(0).children().size() > 0) {
                at = at.children().get(0);
                path.add(at);
            }
            viewer.expandToLevel(new org.eclipse.jface.viewers.TreePath(path.toArray()), 1);
        }
        root.layout(new Control[] { summary });
    }

    /** The diff shown, or null before the first one finished. */
    public Shown shown() {
        return shown;
    }

    /** True when the latest comparison (or its error) is shown. */
    public boolean isReady() {
        return query.isReady();
    }

    /** The summary line (counts, or why a comparison failed). */
    public String summaryText() {
        return summary.getText();
    }

    /** The tree viewer. */
    public TreeViewer viewer() {
        return viewer;
    }

    Control control() {
        return root;
    }

    /** One side: a kind combo, a value (seconds or a file; other open editors' files offered) and Browse. */
    public final class PointSelector {
        private final Combo kind;
        private final Combo value;
        private final Button browse;

        PointSelector(Composite parent, String title, DiffPoint.Kind initial, String initialValue) {
            Label label = new Label(parent, SWT.NONE);
            label.setText(title);
            kind = new Combo(parent, SWT.READ_ONLY);
            for (DiffPoint.Kind k : DiffPoint.Kind.values()) {
                kind.add(k.label());
            }
            value = new Combo(parent, SWT.DROP_DOWN);
            GridData valueData = new GridData(SWT.FILL, SWT.CENTER, true, false);
            valueData.widthHint = 420;
            value.setLayoutData(valueData);
            browse = new Button(parent, SWT.PUSH);
            browse.setText("Browse...");
            browse.addListener(SWT.Selection, e -> browse());
            kind.addListener(SWT.Selection, e -> kindChanged(""));
            value.addListener(SWT.DefaultSelection, e -> compare());
            kind.select(initial.ordinal());
            kindChanged(initialValue);
        }

        private void kindChanged(String text) {
            DiffPoint.Kind k = kind();
            value.removeAll();
            if (k == DiffPoint.Kind.THIS_SOURCE && spanNanos > 0) {
                value.add("0");
                value.add(seconds(spanNanos));
            } else if (k == DiffPoint.Kind.OTHER_FILE) {
                for (Path p : openFiles.get()) {
                    value.add(p.toString());
                }
            } else if (k == DiffPoint.Kind.SNAPSHOT) {
                for (Snapshot snapshot : model.snapshots()) {
                    value.add(snapshot.describe());
                }
            }
            value.setText(text);
            value.setToolTipText(k.hint());
            browse.setEnabled(k == DiffPoint.Kind.OTHER_FILE);
        }

        private void browse() {
            FileDialog dialog = new FileDialog(root.getShell(), SWT.OPEN);
            dialog.setText("Compare with");
            dialog.setFilterExtensions(new String[] { "*.etl;*.txt;*.log", "*.*" });
            String chosen = dialog.open();
            if (chosen != null) {
                value.setText(chosen);
            }
        }

        /** The chosen kind. */
        public DiffPoint.Kind kind() {
            return DiffPoint.Kind.values()[Math.max(0, kind.getSelectionIndex())];
        }

        /** Chooses {@code k} and {@code text} as its value (tests, and links from other pages). */
        public void set(DiffPoint.Kind k, String text) {
            kind.select(k.ordinal());
            kindChanged(text);
        }

        /** The point chosen; IllegalArgumentException with a message for the user when the value is wrong. */
        public DiffPoint point() {
            return kind().parse(value.getText());
        }

        /** The values offered in the value combo. */
        public List<String> offered() {
            return List.of(value.getItems());
        }
    }
}
