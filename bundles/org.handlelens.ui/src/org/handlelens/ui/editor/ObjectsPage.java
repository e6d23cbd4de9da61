package org.handlelens.ui.editor;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.function.IntFunction;

import org.eclipse.jface.viewers.ArrayContentProvider;
import org.eclipse.jface.viewers.ColumnLabelProvider;
import org.eclipse.jface.viewers.StructuredSelection;
import org.eclipse.jface.viewers.TableViewer;
import org.eclipse.jface.viewers.TableViewerColumn;
import org.eclipse.swt.SWT;
import org.eclipse.swt.custom.SashForm;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Spinner;
import org.eclipse.swt.widgets.Text;
import org.handlelens.model.HandleModel;
import org.handlelens.model.ModelConstants;
import org.handlelens.model.analysis.ObjectView;
import org.handlelens.model.query.CountOverTime;
import org.handlelens.model.query.HandleColumn;
import org.handlelens.model.query.RowSelection;

/**
 * The "Objects" page (ETWAnalyzer's object view): kernel objects found by name, type, lifetime and how many
 * processes hold them ({@link ObjectView#search}); below, the selected object's handles in every process —
 * created, duplicated from another process, pre-existing or listed — with their times. The lower table's
 * selection is {@link HandleRef}s (Properties and Create Stack views follow); a double-click shows the
 * object's handles in the Handles page. Searching runs in a Job; only the latest result is shown.
 */
public final class ObjectsPage {
    /** Objects listed at most (the count says how many matched). */
    public static final int LIMIT = 1000;
    /** The type combo's first entry: no type filter. */
    public static final String ALL_TYPES = "(all types)";

    private final HandleModel model;
    private final boolean timed;
    private final IntFunction<String> stackLabels;
    private final Composite root;
    private final Text nameText;
    private final Combo typeCombo;
    private final Text minLifetimeText;
    private final Spinner minProcesses;
    private final Button searchButton;
    private final Label countLabel;
    private final TableViewer objectsViewer;
    private final Label objectLabel;
    private final TableViewer handlesViewer;
    private volatile ObjectView.Found found;
    private ObjectView.ObjectHistory selected;
    private final BackgroundQuery<ObjectView.Found> query;
    private final java.util.concurrent.atomic.AtomicBoolean relabelQueued = new java.util.concurrent.atomic.AtomicBoolean();

    /**
     * The page over {@code model}; a double-click on a handle shows the object's handles through {@code opener};
     * {@code stackLabels} (null = the model's frame texts) labels a row's create stack.
     */
    ObjectsPage(Composite parent, HandleModel model, RowsOpener opener, IntFunction<String> stackLabels) {
        this.model = model;
        this.stackLabels = stackLabels;
        this.timed = CountOverTime.spanNanos(model) > 0;
        root = new Composite(parent, SWT.NONE);
        query = new BackgroundQuery<>("Searching objects", root, this::show);
        root.setLayout(new GridLayout(1, false));

        Composite filters = new Composite(root, SWT.NONE);
        GridLayout fl = new GridLayout(10, false);
        fl.marginWidth = 0;
        fl.marginHeight = 0;
        filters.setLayout(fl);
        filters.setLayoutData(new GridData(SWT.FILL, SWT.TOP, true, false));
        label(filters, "&Name:", null);
        nameText = new Text(filters, SWT.SEARCH | SWT.ICON_SEARCH | SWT.ICON_CANCEL | SWT.BORDER);
        nameText.setMessage("glob (*Event*) or re:regex");
        nameText.setToolTipText("Object name: a glob with * and ?, or re: and a regular expression; the whole name"
                + " matches, ignoring case");
        GridData nameData = new GridData(SWT.FILL, SWT.CENTER, true, false);
        nameData.widthHint = 220;
        nameData.minimumWidth = 140; // the row is wide: without a minimum the field is squeezed to nothing
        nameText.setLayoutData(nameData);
        label(filters, "T&ype:", null);
        typeCombo = new Combo(filters, SWT.READ_ONLY);
        typeCombo.add(ALL_TYPES);
        typeCombo.select(0);
        String noTimes = "This source has no times (a snapshot): no object has a known lifetime";
        Label lifetimeLabel = label(filters, "Open &longer than (s):", timed ? null : noTimes);
        minLifetimeText = new Text(filters, SWT.BORDER);
        GridData lifetimeData = new GridData(SWT.FILL, SWT.CENTER, false, false);
        lifetimeData.widthHint = 60;
        minLifetimeText.setLayoutData(lifetimeData);
        minLifetimeText.setToolTipText(timed ? "Only objects seen open at least this many seconds" : noTimes);
        minLifetimeText.setEnabled(timed);
        lifetimeLabel.setEnabled(timed);
        label(filters, "Held by &at least", "Only objects with handles in at least this many processes"
                + " (2 = objects shared between processes)");
        minProcesses = new Spinner(filters, SWT.BORDER);
        minProcesses.setValues(1, 1, 9999, 0, 1, 10);
        minProcesses.setToolTipText("Only objects with handles in at least this many processes");
        label(filters, "process(es)", null);
        searchButton = new Button(filters, SWT.PUSH);
        searchButton.setText("&Search");
        countLabel = new Label(root, SWT.NONE); // own line: the filter row has no room left at 1366 pixels
        countLabel.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));

        SashForm sash = new SashForm(root, SWT.VERTICAL);
        sash.setLayoutData(new GridData(SWT.FILL, SWT.FILL, true, true));
        objectsViewer = new TableViewer(sash, SWT.SINGLE | SWT.FULL_SELECTION | SWT.BORDER);
        objectsViewer.getTable().setHeaderVisible(true);
        objectsViewer.getTable().setLinesVisible(true);
        objectsViewer.setContentProvider(ArrayContentProvider.getInstance());
        org.eclipse.jface.viewers.ColumnViewerToolTipSupport.enableFor(objectsViewer);
        List<TableViewerColumn> untimed = new ArrayList<>(); // time columns: hidden for a snapshot
        // widths sum to the editor's width at 1366 pixels with the perspective's views; Owning Processes last
        column(objectsViewer, "Object", 140, SWT.LEFT, (ObjectView.ObjectHistory o) -> HandleColumn.hex(o.objectAddress()));
        column(objectsViewer, "Type", 75, SWT.LEFT, (ObjectView.ObjectHistory o) -> o.type());
        column(objectsViewer, "Name", 170, SWT.LEFT, (ObjectView.ObjectHistory o) -> o.name() == null ? "" : o.name());
        column(objectsViewer, "Handles", 60, SWT.RIGHT, (ObjectView.ObjectHistory o) -> count(o.handles().size()));
        column(objectsViewer, "Open at End", 60, SWT.RIGHT, (ObjectView.ObjectHistory o) -> count(o.openHandleCount()));
        column(objectsViewer, "Processes", 60, SWT.RIGHT, (ObjectView.ObjectHistory o) -> count(o.processCount()));
        untimed.add(column(objectsViewer, "First Create", 100, SWT.LEFT, (ObjectView.ObjectHistory o) -> firstCreate(o)));
        untimed.add(column(objectsViewer, "Last Close", 115, SWT.LEFT, (ObjectView.ObjectHistory o) -> lastClose(o)));
        untimed.add(column(objectsViewer, "Lifetime (s)", 80, SWT.RIGHT, (ObjectView.ObjectHistory o) -> lifetime(o)));
        column(objectsViewer, "Owning Processes", 200, SWT.LEFT,
                (ObjectView.ObjectHistory o) -> String.join(", ", o.processLabels()));

        Composite lower = new Composite(sash, SWT.NONE);
        GridLayout ll = new GridLayout(1, false);
        ll.marginWidth = 0;
        ll.marginHeight = 0;
        lower.setLayout(ll);
        objectLabel = new Label(lower, SWT.NONE);
        objectLabel.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
        objectLabel.setText("Select an object to see its handles in every process.");
        handlesViewer = new TableViewer(lower, SWT.MULTI | SWT.FULL_SELECTION | SWT.BORDER);
        handlesViewer.getTable().setHeaderVisible(true);
        handlesViewer.getTable().setLinesVisible(true);
        handlesViewer.getTable().setLayoutData(new GridData(SWT.FILL, SWT.FILL, true, true));
        handlesViewer.setContentProvider(ArrayContentProvider.getInstance());
        // times before the creating/closing processes: they fit the editor's width at 1366 pixels
        column(handlesViewer, "Owning Process", 120, SWT.LEFT, (HandleRef h) -> label(HandleColumn.OWNING_PROCESS, h));
        column(handlesViewer, "Handle", 60, SWT.LEFT, (HandleRef h) -> label(HandleColumn.HANDLE, h));
        column(handlesViewer, "Origin", 75, SWT.LEFT, (HandleRef h) -> origin(model, h.row()));
        column(handlesViewer, "Duplicated From", 135, SWT.LEFT, (HandleRef h) -> duplicatedFrom(model, h.row()));
        untimed.add(column(handlesViewer, "Create Time", 95, SWT.LEFT, (HandleRef h) -> label(HandleColumn.CREATE_TIME, h)));
        untimed.add(column(handlesViewer, "Close Time", 95, SWT.LEFT, (HandleRef h) -> label(HandleColumn.CLOSE_TIME, h)));
        column(handlesViewer, "Open at End", 60, SWT.LEFT, (HandleRef h) -> model.isOutstanding(h.row()) ? "yes" : "");
        column(handlesViewer, "Creating Process", 120, SWT.LEFT, (HandleRef h) -> label(HandleColumn.CREATING_PROCESS, h));
        column(handlesViewer, "Closing Process", 120, SWT.LEFT, (HandleRef h) -> label(HandleColumn.CLOSING_PROCESS, h));
        column(handlesViewer, "Granted Access", 80, SWT.LEFT, (HandleRef h) -> label(HandleColumn.GRANTED_ACCESS, h));
        column(handlesViewer, "Create Stack", 260, SWT.LEFT, (HandleRef h) -> stackLabel(h.row()));
        sash.setWeights(new int[] { 55, 45 });
        if (!timed) {
            // a snapshot (WinDbg) has no times: room for the names instead of empty time columns
            for (TableViewerColumn c : untimed) {
                c.getColumn().setWidth(0);
                c.getColumn().setResizable(false);
            }
            objectsViewer.getTable().getColumn(2).setWidth(objectsViewer.getTable().getColumn(2).getWidth() + 250);
        }

        objectsViewer.addSelectionChangedListener(e -> showObject(
                e.getStructuredSelection().getFirstElement() instanceof ObjectView.ObjectHistory o ? o : null));
        handlesViewer.addDoubleClickListener(e -> openHandles(opener));
        nameText.addListener(SWT.DefaultSelection, e -> search());
        minLifetimeText.addListener(SWT.DefaultSelection, e -> search());
        minProcesses.addListener(SWT.DefaultSelection, e -> search());
        typeCombo.addListener(SWT.Selection, e -> search());
        searchButton.addListener(SWT.Selection, e -> search());
        fillTypes();
        search();
    }

    private static Label label(Composite parent, String text, String tip) {
        Label l = new Label(parent, SWT.NONE);
        l.setText(text);
        l.setToolTipText(tip);
        return l;
    }

    @SuppressWarnings("unchecked")
    private static <T> TableViewerColumn column(TableViewer viewer, String title, int width, int align,
            Function<T, String> text) {
        TableViewerColumn c = new TableViewerColumn(viewer, align);
        c.getColumn().setText(title);
        org.eclipse.swt.graphics.GC gc = new org.eclipse.swt.graphics.GC(viewer.getTable());
        try {
            c.getColumn().setWidth(Math.max(width, gc.textExtent(title).x + 24)); // the title is never cut off
        } finally {
            gc.dispose();
        }
        c.getColumn().setMoveable(true);
        c.setLabelProvider(new ColumnLabelProvider() {
            @Override
            public String getText(Object element) {
                return text.apply((T) element);
            }

            @Override
            public String getToolTipText(Object element) {
                String t = text.apply((T) element);
                return t.length() > 20 ? t : null; // long names and process lists are often cut off
            }
        });
        return c;
    }

    private static String count(int n) {
        return String.format("%,d", n);
    }

    private String label(HandleColumn column, HandleRef h) {
        return column.label(model, column.code(model, h.row()));
    }

    private String stackLabel(int row) {
        IntFunction<String> labels = stackLabels;
        return labels != null ? labels.apply(row)
                : HandleColumn.CREATE_STACK.label(model, HandleColumn.CREATE_STACK.code(model, row));
    }

    private String firstCreate(ObjectView.ObjectHistory o) {
        return o.firstSeenNanos() != ModelConstants.TIME_UNKNOWN ? HandleColumn.seconds(o.firstSeenNanos())
                : timed ? "before the source" : "";
    }

    private String lastClose(ObjectView.ObjectHistory o) {
        return o.lastSeenNanos() != ModelConstants.TIME_UNKNOWN ? HandleColumn.seconds(o.lastSeenNanos())
                : o.openAtEnd() ? "open at the end" : "";
    }

    private static String lifetime(ObjectView.ObjectHistory o) {
        return o.lifetimeNanos() == ModelConstants.TIME_UNKNOWN ? ""
                : String.format(Locale.ROOT, "%.6f", o.lifetimeNanos() / 1e9);
    }

    /**
     * How the handle came to be, as the command line's {@code objects --object} says it: {@code duplicate},
     * {@code create}, {@code pre-existing} (before the trace) or {@code listed} (a WinDbg {@code !handle} entry).
     */
    public static String origin(HandleModel m, int row) {
        if (m.duplicatedFromHandle(row) != -1) {
            return "duplicate";
        }
        return m.isPreExisting(row) ? (m.snapshots().isEmpty() ? "pre-existing" : "listed") : "create";
    }

    /** {@code image (pid) 0xHANDLE} of the handle a duplicate was made from; empty for other handles. */
    public static String duplicatedFrom(HandleModel m, int row) {
        long from = m.duplicatedFromHandle(row);
        if (from == -1) {
            return "";
        }
        return m.processLabel(m.duplicatedFromProcess(row)) + " " + HandleColumn.hex(from);
    }

    /** Fills the type combo with the types of objects in the model (scanned in a Job). */
    private void fillTypes() {
        new BackgroundQuery<TreeSet<String>>("Collecting object types", typeCombo, types -> {
            for (String t : types) {
                typeCombo.add(t);
            }
            root.layout(true, true);
        }).run(monitor -> objectTypes());
    }

    /** Types of the model's rows that name an object ("" = type not in the source is left out). */
    private TreeSet<String> objectTypes() {
        TreeSet<String> types = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
        boolean[] seen = new boolean[Math.max(1, model.stringCount())];
        for (int row = 0; row < model.rowCount(); row++) {
            int id = model.typeId(row);
            if (id >= 0 && id < seen.length && !seen[id] && model.objectAddress(row) != -1) {
                seen[id] = true;
                String type = model.string(id);
                if (type != null && !type.isBlank()) {
                    types.add(type);
                }
            }
        }
        return types;
    }

    /** The filter the fields describe; an IllegalArgumentException names what is wrong. */
    public ObjectView.ObjectFilter currentFilter() {
        ObjectView.ObjectFilter f = ObjectView.ObjectFilter.ALL;
        String name = nameText.getText().strip();
        if (!name.isEmpty()) {
            f = f.withName(name);
        }
        if (typeCombo.getSelectionIndex() > 0) {
            f = f.withType(typeCombo.getText());
        }
        String seconds = minLifetimeText.getText().strip();
        if (timed && !seconds.isEmpty()) {
            Long nanos = ChartLinking.parseSeconds(seconds);
            if (nanos == null) {
                throw new IllegalArgumentException("Open longer than needs seconds, e.g. 30 or 2.5; got '" + seconds
                        + "'");
            }
            f = f.withMinLifetime(nanos);
        }
        if (minProcesses.getSelection() > 1) {
            f = f.withMinProcesses(minProcesses.getSelection());
        }
        return f;
    }

    /** Searches in a Job with the fields' filter; a bad field is reported in the count label. */
    public void search() {
        ObjectView.ObjectFilter filter;
        try {
            filter = currentFilter();
        } catch (IllegalArgumentException e) {
            query.cancel();
            countLabel.setText(e.getMessage());
            countLabel.setToolTipText(e.getMessage());
            root.layout(new Control[] { countLabel });
            return;
        }
        countLabel.setText("searching...");
        countLabel.setToolTipText(null);
        query.run(monitor -> ObjectView.search(model, filter, LIMIT));
    }

    private void show(ObjectView.Found result) {
        found = result;
        long keep = selected == null ? -1 : selected.objectAddress();
        objectsViewer.setInput(result.objects());
        countLabel.setText(countText(result));
        root.layout(new Control[] { countLabel });
        ObjectView.ObjectHistory again = result.objects().stream().filter(o -> o.objectAddress() == keep).findFirst()
                .orElse(null);
        if (again != null) {
            objectsViewer.setSelection(new StructuredSelection(again), true);
        } else {
            showObject(null);
        }
    }

    /** "N objects" or, when the list is cut at {@link #LIMIT}, "N of M objects". */
    public static String countText(ObjectView.Found f) {
        int shownCount = f.objects().size();
        return shownCount < f.matchCount() ? String.format("%,d of %,d objects", shownCount, f.matchCount())
                : String.format("%,d %s", f.matchCount(), f.matchCount() == 1 ? "object" : "objects");
    }

    private void showObject(ObjectView.ObjectHistory o) {
        selected = o;
        if (o == null) {
            objectLabel.setText("Select an object to see its handles in every process.");
            handlesViewer.setInput(List.of());
            return;
        }
        List<HandleRef> refs = new ArrayList<>(o.handles().size());
        for (ObjectView.ObjectHandle h : o.handles()) {
            refs.add(new HandleRef(model, h.row()));
        }
        objectLabel.setText(summary(o));
        handlesViewer.setInput(refs);
    }

    /** The line above the handle table, as {@code handlelens objects --object} prints it. */
    private String summary(ObjectView.ObjectHistory o) {
        StringBuilder s = new StringBuilder();
        s.append(HandleColumn.hex(o.objectAddress())).append("  ").append(o.type().isEmpty() ? "(type unknown)" : o.type());
        if (o.name() != null) {
            s.append("  ").append(o.name());
        }
        s.append(" \u2014 ").append(o.handles().size()).append(o.handles().size() == 1 ? " handle" : " handles")
                .append(" in ").append(o.processCount()).append(o.processCount() == 1 ? " process, " : " processes, ")
                .append(o.openHandleCount()).append(" open at the end");
        if (o.lifetimeNanos() != ModelConstants.TIME_UNKNOWN) {
            s.append("; lifetime ").append(String.format(Locale.ROOT, "%.6f s", o.lifetimeNanos() / 1e9));
        }
        return s.toString().replace("&", "&&");
    }

    private void openHandles(RowsOpener opener) {
        ObjectView.ObjectHistory o = selected;
        if (o == null) {
            return;
        }
        int[] rows = o.handles().stream().mapToInt(ObjectView.ObjectHandle::row).toArray();
        opener.open(RowSelection.of(rows), "object " + HandleColumn.hex(o.objectAddress()));
    }

    /** Repaints the handles' cells (after symbols were loaded: Create Stack); callable from any thread, coalesced. */
    public void relabelLater() {
        if (relabelQueued.compareAndSet(false, true) && !root.isDisposed()) {
            root.getDisplay().asyncExec(() -> {
                relabelQueued.set(false);
                if (!handlesViewer.getTable().isDisposed()) {
                    handlesViewer.refresh(true);
                }
            });
        }
    }

    /** Selects the listed object at {@code objectAddress}; false when it is not listed. */
    public boolean selectObject(long objectAddress) {
        for (ObjectView.ObjectHistory o : objects()) {
            if (o.objectAddress() == objectAddress) {
                objectsViewer.setSelection(new StructuredSelection(o), true);
                return true;
            }
        }
        return false;
    }

    /** The listed objects (empty before the first search finished). */
    public List<ObjectView.ObjectHistory> objects() {
        ObjectView.Found f = found;
        return f == null ? List.of() : f.objects();
    }

    /** The latest search result, or null before the first one finished. */
    public ObjectView.Found found() {
        return found;
    }

    /** The object whose handles are shown below, or null. */
    public ObjectView.ObjectHistory selectedObject() {
        return selected;
    }

    /** True when the latest search has been shown. */
    public boolean isReady() {
        return query.isReady();
    }

    /** The count label's text ("12 objects", "1,000 of 5,321 objects" or the reason a field is wrong). */
    public String countLabelText() {
        return countLabel.getText();
    }

    /** The name pattern field. */
    public Text nameText() {
        return nameText;
    }

    /** The type combo; index 0 is {@link #ALL_TYPES}. */
    public Combo typeCombo() {
        return typeCombo;
    }

    /** The "Open longer than (s)" field (disabled without times). */
    public Text minLifetimeText() {
        return minLifetimeText;
    }

    /** The "Held by at least N processes" spinner. */
    public Spinner minProcessesSpinner() {
        return minProcesses;
    }

    /** The Search button. */
    public Button searchButton() {
        return searchButton;
    }

    /** The objects table (upper). */
    public TableViewer objectsViewer() {
        return objectsViewer;
    }

    /** The selected object's handles (lower); its selection is {@link HandleRef}s. */
    public TableViewer handlesViewer() {
        return handlesViewer;
    }

    Control control() {
        return root;
    }
}
