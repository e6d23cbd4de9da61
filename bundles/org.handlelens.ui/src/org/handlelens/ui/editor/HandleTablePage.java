package org.handlelens.ui.editor;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.IntFunction;

import org.eclipse.jface.action.GroupMarker;
import org.eclipse.jface.action.MenuManager;
import org.eclipse.jface.viewers.ColumnLabelProvider;
import org.eclipse.jface.viewers.ILazyContentProvider;
import org.eclipse.jface.viewers.TableViewer;
import org.eclipse.jface.viewers.TableViewerColumn;
import org.eclipse.jface.viewers.Viewer;
import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.TableColumn;
import org.eclipse.swt.widgets.Text;
import org.eclipse.ui.IWorkbenchActionConstants;
import org.eclipse.ui.IWorkbenchPartSite;
import org.handlelens.model.HandleModel;
import org.handlelens.model.ModelConstants;
import org.handlelens.model.query.HandleColumn;
import org.handlelens.model.query.HandleFilter;
import org.handlelens.model.query.KeyValue;
import org.handlelens.model.query.RowSelection;
import org.handlelens.ui.HelpContexts;

/**
 * The "Handles" page: a virtual table with WPA's columns over any number of rows. Filtering
 * and sorting run in a Job ({@link RowOrder}); the table holds one page of at most
 * {@link #PAGE_ROWS} rows of that order ({@link RowWindow}, Previous/Next buttons) and asks only
 * for the rows it paints.
 */
public final class HandleTablePage {
    /** Column order of the table: WPA's (Closing, Owning, Type, Creating, Stack) then details. */
    public static final HandleColumn[] COLUMNS = {
        HandleColumn.CLOSING_PROCESS, HandleColumn.OWNING_PROCESS, HandleColumn.TYPE,
        HandleColumn.CREATING_PROCESS, HandleColumn.CREATE_STACK, HandleColumn.HANDLE, HandleColumn.OBJECT,
        HandleColumn.NAME, HandleColumn.GRANTED_ACCESS, HandleColumn.CREATE_TIME, HandleColumn.CLOSE_TIME };
    private static final int[] WIDTHS = { 125, 150, 105, 130, 170, 60, 140, 220, 110, 90, 90 };

    /**
     * Most rows the table widget holds; longer orders are shown a page at a time. GTK's list store
     * costs ~1-3 µs per row added and more per row removed (SWT issues #208, #3607), so the widget
     * never gets millions of rows. Measured 2026-11-23 on this 2-core machine (SWT 3.135, GTK 3,
     * Xvfb, load ~2.5, 11 columns, warm): removeAll of 10,000 rows 39-70 ms, of 20,000 rows 83-138 ms,
     * of 50,000 rows 213-420 ms; setItemCount(10,000) 11-19 ms. 10,000 keeps every re-show under 100 ms.
     */
    public static final int PAGE_ROWS = 10_000;

    /** Id of the table's context menu (menu contributions: {@code popup:<id>?after=additions}). */
    public static final String CONTEXT_MENU_ID = "org.handlelens.ui.editor.handles.table";

    private final HandleModel model;
    private volatile IntFunction<String> createStackLabels;
    private final AtomicBoolean relabelQueued = new AtomicBoolean();
    private final Composite root;
    private final Text filterText;
    private final Button outstandingOnly;
    private final Button preExistingOnly;
    private final Label countLabel;
    private final Composite pager;
    private final Label pageLabel;
    private final Button previousPage;
    private final Button nextPage;
    private final Text openAt;
    private final Text createdFrom;
    private final Text createdTo;
    private final Label seriesLabel;
    private final Button clearLinks;
    /** A chart series (owning process or type) the rows are narrowed to by a click on the chart, or null. */
    private KeyValue seriesKey;
    /** True while the chart sets several fields at once: one refresh at the end instead of one per field. */
    private boolean settingFilters;
    /** Set when the chart changed the filters: the next result is shown from its first row. */
    private boolean scrollToTop;
    private final TableViewer viewer;
    private volatile RowOrder order;
    /** The page of {@link #order} in the table (UI thread). */
    private RowWindow window;
    /** Rows per page: {@link #PAGE_ROWS}, smaller in tests that page real (small) sources. */
    private final int pageRows;
    /** True after Select All: every row of {@link #order} is selected, on every page (UI thread). */
    private boolean allRowsSelected;
    /** The page's selection for the editor site: one handle, or {@link SelectedRows} for several. */
    private final RowsSelectionProvider selectionProvider = new RowsSelectionProvider();
    private HandleColumn sortColumn;
    private boolean sortDescending;
    private final BackgroundQuery<RowOrder> query;
    /** True once a result is in the table. */
    private boolean rowsComplete;
    private RowSelection restriction;
    private String restrictionName;

    /** A page over {@code model}; {@code site} (may be null) gets the table's context menu. */
    public HandleTablePage(Composite parent, HandleModel model, IWorkbenchPartSite site) {
        this(parent, model, site, PAGE_ROWS);
    }

    /** Like {@link #HandleTablePage(Composite, HandleModel, IWorkbenchPartSite)} with {@code pageRows} rows a page. */
    HandleTablePage(Composite parent, HandleModel model, IWorkbenchPartSite site, int pageRows) {
        this(parent, model, site, pageRows, null);
    }

    /**
     * Like {@link #HandleTablePage(Composite, HandleModel, IWorkbenchPartSite, int)}; with {@code created} not null
     * the table's columns are made in the next two event-loop turns, then {@code created} runs (the editor lays the
     * page out only then, so nothing shows half made). {@link #completeCreation()} makes the rest at once.
     */
    HandleTablePage(Composite parent, HandleModel model, IWorkbenchPartSite site, int pageRows, Runnable created) {
        this.model = model;
        this.pageRows = pageRows;
        this.window = RowWindow.first(0, pageRows);
        root = new Composite(parent, SWT.NONE);
        root.setLayout(new GridLayout(7, false));

        Label filterLabel = new Label(root, SWT.NONE);
        filterLabel.setText("&Filter:");
        filterText = new Text(root, SWT.SEARCH | SWT.ICON_SEARCH | SWT.ICON_CANCEL | SWT.BORDER);
        filterText.setMessage("process, type, name, handle or object");
        filterText.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
        outstandingOnly = new Button(root, SWT.CHECK);
        outstandingOnly.setText("&Outstanding only");
        outstandingOnly.setToolTipText("Handles still open when the trace ended (Closing Process = Unknown)");
        preExistingOnly = new Button(root, SWT.CHECK);
        preExistingOnly.setText("&Pre-existing only");
        preExistingOnly.setToolTipText("Handles created before the trace started (Creating Process = Unknown)");
        Label atLabel = new Label(root, SWT.NONE);
        atLabel.setText("Open &at (s):");
        openAt = new Text(root, SWT.BORDER);
        openAt.setMessage("any time");
        openAt.setToolTipText("Only handles open at this many seconds after the trace start (empty: no time filter)");
        GridData atData = new GridData(SWT.FILL, SWT.CENTER, false, false);
        atData.widthHint = 70;
        openAt.setLayoutData(atData);
        boolean timed = org.handlelens.model.query.CountOverTime.spanNanos(model) > 0;
        atLabel.setEnabled(timed);
        openAt.setEnabled(timed);
        Composite countCell = new Composite(root, SWT.NONE);
        GridLayout ccl = new GridLayout(2, false);
        ccl.marginWidth = 0;
        ccl.marginHeight = 0;
        countCell.setLayout(ccl);
        GridData countCellData = new GridData(SWT.END, SWT.CENTER, false, false);
        countCellData.horizontalIndent = 12;
        countCell.setLayoutData(countCellData);
        countLabel = new Label(countCell, SWT.NONE);
        GridData countData = new GridData(SWT.END, SWT.CENTER, false, false);
        countData.minimumWidth = 160;
        countLabel.setLayoutData(countData);
        // the pager: shown only when the order is longer than one page
        pager = new Composite(countCell, SWT.NONE);
        GridLayout pl = new GridLayout(3, false);
        pl.marginWidth = 0;
        pl.marginHeight = 0;
        pager.setLayout(pl);
        GridData pagerData = new GridData(SWT.END, SWT.CENTER, false, false);
        pagerData.exclude = true;
        pager.setLayoutData(pagerData);
        pager.setVisible(false);
        pageLabel = new Label(pager, SWT.NONE);
        pageLabel.setToolTipText(String.format("The table shows up to %,d rows at a time; Export writes all rows", pageRows));
        previousPage = new Button(pager, SWT.PUSH);
        previousPage.setText("< Pre&vious");
        previousPage.setToolTipText(String.format("Show the previous %,d rows", pageRows));
        previousPage.addListener(SWT.Selection, e -> showPreviousPage());
        nextPage = new Button(pager, SWT.PUSH);
        nextPage.setText("Ne&xt >");
        nextPage.setToolTipText(String.format("Show the next %,d rows", pageRows));
        nextPage.addListener(SWT.Selection, e -> showNextPage());

        boolean hasTimes = timed;
        Composite timeRow = new Composite(root, SWT.NONE);
        GridLayout trl = new GridLayout(7, false);
        trl.marginWidth = 0;
        trl.marginHeight = 0;
        timeRow.setLayout(trl);
        GridData timeRowData = new GridData(SWT.FILL, SWT.CENTER, true, false, 7, 1);
        timeRowData.exclude = !hasTimes; // a snapshot (WinDbg) has no times to filter by
        timeRow.setLayoutData(timeRowData);
        timeRow.setVisible(hasTimes);
        Label fromLabel = new Label(timeRow, SWT.NONE);
        fromLabel.setText("C&reated from (s):");
        createdFrom = secondsField(timeRow, "start", "Only handles created at or after this many seconds (also: drag on the chart)");
        Label toLabel = new Label(timeRow, SWT.NONE);
        toLabel.setText("t&o");
        createdTo = secondsField(timeRow, "end", "Only handles created at or before this many seconds");
        for (Control c : new Control[] { fromLabel, createdFrom, toLabel, createdTo }) {
            c.setEnabled(hasTimes);
        }
        seriesLabel = new Label(timeRow, SWT.NONE);
        GridData seriesData = new GridData(SWT.FILL, SWT.CENTER, true, false);
        seriesData.horizontalIndent = 16;
        seriesLabel.setLayoutData(seriesData);
        clearLinks = new Button(timeRow, SWT.PUSH);
        clearLinks.setText("Clear &Time Filters");
        clearLinks.setToolTipText("Clear Open at, the created range and the chart series filter");
        clearLinks.addListener(SWT.Selection, e -> clearTimeFilters());
        clearLinks.setEnabled(hasTimes);
        new Label(timeRow, SWT.NONE); // keeps the grid's seventh cell

        viewer = new TableViewer(root, SWT.VIRTUAL | SWT.MULTI | SWT.FULL_SELECTION | SWT.BORDER);
        Table table = viewer.getTable();
        table.setHeaderVisible(true);
        table.setLinesVisible(true);
        table.setLayoutData(new GridData(SWT.FILL, SWT.FILL, true, true, 7, 1));
        HelpContexts.set(table, HelpContexts.HANDLE_TABLE);
        viewer.setUseHashlookup(false);
        viewer.setContentProvider(new LazyRows());
        // a click or keyboard selection in the table replaces a Select All of every page
        viewer.addSelectionChangedListener(e -> {
            allRowsSelected = false;
            selectionProvider.fire();
        });
        table.addListener(SWT.KeyDown, e -> {
            if ((e.stateMask & SWT.MOD1) != 0 && (e.keyCode == 'a' || e.keyCode == 'A')) {
                e.doit = false; // GTK's own Ctrl+A would select the page only
                selectAllRows();
            }
        });
        query = new BackgroundQuery<>("Filtering handles", root, this::show);
        filterText.addListener(SWT.Modify, e -> refresh());
        outstandingOnly.addListener(SWT.Selection, e -> refresh());
        openAt.addListener(SWT.Modify, e -> refreshUnlessSetting());
        createdFrom.addListener(SWT.Modify, e -> refreshUnlessSetting());
        createdTo.addListener(SWT.Modify, e -> refreshUnlessSetting());
        preExistingOnly.addListener(SWT.Selection, e -> refresh());
        if (site != null) {
            // commands (e.g. Load Symbols) contribute to popup:org.handlelens.ui.editor.handles.table. The menu is
            // made on the first right-click: registering it with the workbench (E4 menu model, contributions)
            // took ~115 ms of the page's first show on the UI thread (10 M-row bench, docs/benchmarks.md).
            table.addListener(SWT.MenuDetect, e -> {
                if (table.getMenu() == null) {
                    createContextMenu(site, table);
                }
            });
        }
        refresh(); // the Job runs while the columns are made
        if (created == null) {
            createColumns(COLUMNS.length);
        } else {
            // the table and its 11 columns with the filter bars in one turn took 47-77 ms at load 2-2.5 (10 M-row
            // bench, docs/benchmarks.md): the columns come in two more turns, before the page's first layout
            whenCreated = created;
            root.getDisplay().asyncExec(() -> {
                if (!root.isDisposed() && columnsMade < COLUMNS.length) {
                    createColumns(FIRST_TURN_COLUMNS);
                    root.getDisplay().asyncExec(() -> {
                        if (!root.isDisposed()) {
                            completeCreation();
                        }
                    });
                }
            });
        }
    }

    /** Columns made in the first turn after the filter bars when the page is made in turns (WPA's five and one). */
    private static final int FIRST_TURN_COLUMNS = 6;
    /** How many of {@link #COLUMNS} the table has so far (UI thread). */
    private int columnsMade;
    /** Runs once the table has all its columns, when the page is made in turns; then null (UI thread). */
    private Runnable whenCreated;

    /** Makes the columns not made yet (all of them unless the page is made in turns). UI thread. */
    void completeCreation() {
        if (columnsMade < COLUMNS.length) {
            createColumns(COLUMNS.length);
        }
    }

    private void createColumns(int end) {
        for (int i = columnsMade; i < end; i++) {
            addColumn(i);
        }
        columnsMade = end;
        if (end < COLUMNS.length) {
            return;
        }
        Table table = viewer.getTable();
        restoreColumnLayout(table);
        table.addListener(SWT.Dispose, e -> saveColumnLayout(table));
        Runnable created = whenCreated;
        whenCreated = null;
        if (created != null) {
            created.run();
        }
    }

    private void addColumn(int i) {
        HandleColumn column = COLUMNS[i];
        TableViewerColumn vc = new TableViewerColumn(viewer, SWT.LEFT);
        vc.getColumn().setText(column.displayName());
        vc.getColumn().setWidth(WIDTHS[i]);
        vc.getColumn().setMoveable(true);
        vc.getColumn().setData(HandleColumn.class.getName(), column);
        vc.setLabelProvider(new ColumnLabelProvider() {
            @Override
            public String getText(Object element) {
                int row = ((HandleRef) element).row();
                IntFunction<String> stacks = createStackLabels;
                if (column == HandleColumn.CREATE_STACK && stacks != null) {
                    return stacks.apply(row);
                }
                return column.label(model, column.code(model, row));
            }
        });
        vc.getColumn().addListener(SWT.Selection, e -> sortBy(column, vc.getColumn()));
    }

    private void createContextMenu(IWorkbenchPartSite site, Table table) {
        MenuManager menu = new MenuManager("#HandleTablePopup", CONTEXT_MENU_ID);
        menu.add(new GroupMarker(IWorkbenchActionConstants.MB_ADDITIONS));
        table.setMenu(menu.createContextMenu(table)); // set before SWT shows it: the right-click opens it
        site.registerContextMenu(CONTEXT_MENU_ID, menu, viewer);
    }

    private static final String SETTINGS_SECTION = "HandleTablePage";

    private static org.eclipse.jface.dialogs.IDialogSettings settings() {
        org.handlelens.ui.HandleLensUi ui = org.handlelens.ui.HandleLensUi.getDefault();
        if (ui == null) {
            return null;
        }
        org.eclipse.jface.dialogs.IDialogSettings all = ui.getDialogSettings();
        org.eclipse.jface.dialogs.IDialogSettings section = all.getSection(SETTINGS_SECTION);
        return section != null ? section : all.addNewSection(SETTINGS_SECTION);
    }

    /** Column widths and order are remembered across editors and sessions (dialog settings). */
    private static void saveColumnLayout(Table table) {
        org.eclipse.jface.dialogs.IDialogSettings s = settings();
        if (s == null) {
            return;
        }
        TableColumn[] columns = table.getColumns();
        String[] widths = new String[columns.length];
        for (int i = 0; i < columns.length; i++) {
            widths[i] = Integer.toString(columns[i].getWidth());
        }
        int[] order = table.getColumnOrder();
        String[] orderText = new String[order.length];
        for (int i = 0; i < order.length; i++) {
            orderText[i] = Integer.toString(order[i]);
        }
        s.put("widths", widths);
        s.put("order", orderText);
    }

    private static void restoreColumnLayout(Table table) {
        org.eclipse.jface.dialogs.IDialogSettings s = settings();
        if (s == null) {
            return;
        }
        TableColumn[] columns = table.getColumns();
        String[] widths = s.getArray("widths");
        String[] order = s.getArray("order");
        try {
            if (widths != null && widths.length == columns.length) {
                for (int i = 0; i < columns.length; i++) {
                    columns[i].setWidth(Math.max(20, Integer.parseInt(widths[i])));
                }
            }
            if (order != null && order.length == columns.length) {
                int[] o = new int[order.length];
                for (int i = 0; i < o.length; i++) {
                    o[i] = Integer.parseInt(order[i]);
                }
                table.setColumnOrder(o);
            }
        } catch (IllegalArgumentException e) {
            // stale or edited settings: keep the defaults
        }
    }

    /** Sorts by {@code column}; a second click on the same column reverses the order. */
    private void sortBy(HandleColumn column, TableColumn tc) {
        sortDescending = column == sortColumn && !sortDescending;
        sortColumn = column;
        viewer.getTable().setSortColumn(tc);
        viewer.getTable().setSortDirection(sortDescending ? SWT.DOWN : SWT.UP);
        refresh();
    }

    /** Seconds typed by the user as nanoseconds, or null when empty or not a number. */
    static Long parseSeconds(String text) {
        return ChartLinking.parseSeconds(text);
    }

    private static Text secondsField(Composite parent, String hint, String tip) {
        Text t = new Text(parent, SWT.BORDER);
        t.setMessage(hint);
        t.setToolTipText(tip);
        GridData d = new GridData(SWT.BEGINNING, SWT.CENTER, false, false);
        d.widthHint = 70;
        t.setLayoutData(d);
        return t;
    }

    private void refreshUnlessSetting() {
        if (!settingFilters) {
            refresh();
        }
    }

    /**
     * The filter of the check boxes, "Open at", the created range and the chart series, as the model's
     * {@link HandleFilter} (the free-text filter and a suspect restriction come on top).
     */
    public HandleFilter currentFilter() {
        HandleFilter base = HandleFilter.ALL.withOutstandingOnly(outstandingOnly.getSelection())
                .withPreExistingOnly(preExistingOnly.getSelection());
        Long atNanos = parseSeconds(openAt.getText());
        HandleFilter filter = atNanos == null ? base : base.withOpenAt(atNanos);
        Long from = parseSeconds(createdFrom.getText());
        Long to = parseSeconds(createdTo.getText());
        if (from != null || to != null) {
            filter = filter.withCreatedBetween(from == null ? ModelConstants.TIME_UNKNOWN : from,
                    to == null ? ModelConstants.TIME_UNKNOWN : to);
        }
        return ChartLinking.seriesFilter(filter, model, seriesKey);
    }

    /** Shows the handles created within {@code range} (a drag on the chart); other time filters are cleared. */
    public void showCreatedBetween(TimeRange range) {
        setTimeFilters(null, range, null);
    }

    /** Shows the handles of {@code series} (null: all) open at {@code timeNanos} (a click on the chart). */
    public void showOpenAt(long timeNanos, KeyValue series) {
        setTimeFilters(timeNanos, null, series);
    }

    /** Clears "Open at", the created range and the chart series. */
    public void clearTimeFilters() {
        setTimeFilters(null, null, null);
    }

    private void setTimeFilters(Long atNanos, TimeRange created, KeyValue series) {
        settingFilters = true;
        try {
            openAt.setText(atNanos == null ? "" : ChartLinking.formatSeconds(atNanos));
            createdFrom.setText(created == null ? "" : ChartLinking.formatSeconds(created.fromNanos()));
            createdTo.setText(created == null ? "" : ChartLinking.formatSeconds(created.toNanos()));
            seriesKey = series;
            scrollToTop = true;
            seriesLabel.setText(series == null ? ""
                    : series.column().displayName() + ": " + series.label() + " (from the chart)");
        } finally {
            settingFilters = false;
        }
        refresh();
    }

    /** The model rows of the selected table items (sorted by model row). */
    public int[] selectedRows() {
        RowOrder o = order;
        int[] indices = viewer.getTable().getSelectionIndices();
        if (o == null) {
            return new int[0];
        }
        RowWindow w = window;
        int n = 0;
        int[] rows = new int[indices.length];
        for (int i : indices) {
            int position = w.position(i);
            if (i < w.size() && position < o.size()) {
                rows[n++] = o.row(position);
            }
        }
        java.util.Arrays.sort(rows, 0, n); // getSelectionIndices has no defined order
        return java.util.Arrays.copyOf(rows, n);
    }

    /** Recomputes the visible rows in a Job and shows them when done. */
    public void refresh() {
        HandleFilter filter = currentFilter();
        String text = filterText.getText();
        HandleColumn by = sortColumn;
        boolean desc = sortDescending;
        RowSelection subset = restriction;
        countLabel.setText("computing...");
        query.run(monitor -> RowOrder.compute(model, subset, filter, text, by, desc, monitor::isCanceled));
    }

    private void show(RowOrder result) {
        completeCreation(); // a fast result (a small source) may come before the columns' turns
        order = result;
        if (allRowsSelected) {
            // "all rows" meant the previous result's rows: start over rather than silently widen or narrow it
            allRowsSelected = false;
            viewer.getTable().deselectAll();
            selectionProvider.fire();
        }
        // a re-sort or new filter keeps the page number (as an unpaged table kept its scroll position);
        // a chart filter starts from the first row
        window = scrollToTop ? RowWindow.first(result.size(), pageRows) : window.withTotal(result.size());
        boolean toTop = scrollToTop;
        scrollToTop = false;
        viewer.setInput(result);
        showWindow(toTop);
        countLabel.setText(restrictionName == null ? String.format("%,d of %,d handles", result.size(), model.rowCount())
                : String.format("%,d handles of %s", result.size(), restrictionName));
        root.layout(new Control[] { countLabel, pageLabel });
    }

    /**
     * Puts the rows of {@link #window} into the table: at most {@link #PAGE_ROWS} rows. The widget's row
     * count follows the page's in steps, one per event-loop turn: {@link #GROW_STEP_ROWS} rows added (the first
     * step at once, it holds the rows in sight), {@link #SHRINK_STEP_ROWS} removed from the end. GTK adds and
     * removes rows one by one: growing an empty table to 10,000 rows took 140-200 ms on the UI thread and
     * removing a whole page (removeAll of 10,000 rows) 350 ms in the 10 M-row bench. Until the count is right
     * the rows past the page show blank (the lazy content provider skips them) or are not there yet.
     */
    private void showWindow(boolean toTop) {
        Table table = viewer.getTable();
        int size = window.size();
        table.setRedraw(false);
        try {
            if (size > table.getItemCount()) {
                viewer.setItemCount(Math.min(size, table.getItemCount() + GROW_STEP_ROWS));
            }
            table.clearAll();
            if (toTop && size > 0) {
                table.setTopIndex(0);
            }
        } finally {
            table.setRedraw(true);
        }
        rowsComplete = table.getItemCount() == size;
        if (!rowsComplete) {
            adjustRowCountLater();
        }
        updatePager();
    }

    /** Rows removed from the widget per event-loop turn when a page gets shorter (see {@link #showWindow}). */
    static final int SHRINK_STEP_ROWS = 1_000;
    /** Rows added to the widget per event-loop turn when a page gets longer (see {@link #showWindow}). */
    static final int GROW_STEP_ROWS = 2_500;
    /** True while a step of {@link #adjustRowCountLater} is queued (UI thread). */
    private boolean adjustQueued;

    private void adjustRowCountLater() {
        if (adjustQueued) {
            return;
        }
        adjustQueued = true;
        root.getDisplay().asyncExec(() -> {
            adjustQueued = false;
            Table table = viewer.getTable();
            if (table.isDisposed()) {
                return;
            }
            int size = window.size(); // read again: a newer result or page may have come meanwhile
            int count = table.getItemCount();
            if (count > size) {
                viewer.setItemCount(Math.max(size, count - SHRINK_STEP_ROWS));
            } else if (count < size) {
                viewer.setItemCount(Math.min(size, count + GROW_STEP_ROWS)); // new items are cleared: painted lazily
                if (allRowsSelected) {
                    table.selectAll(); // the added rows too (no Selection event: the selection stays "all")
                }
            }
            rowsComplete = table.getItemCount() == size;
            if (!rowsComplete) {
                adjustRowCountLater();
            }
        });
    }

    private void updatePager() {
        RowWindow w = window;
        boolean paged = w.pageCount() > 1;
        pageLabel.setText(w.size() == 0 ? "" : String.format("Rows %,d\u2013%,d of %,d", w.offset() + 1,
                w.offset() + w.size(), w.total()));
        previousPage.setEnabled(w.hasPrevious());
        nextPage.setEnabled(w.hasNext());
        GridData d = (GridData) pager.getLayoutData();
        if (d.exclude == paged || pager.getVisible() != paged) {
            d.exclude = !paged;
            pager.setVisible(paged);
            // the pager's cell and the grid around it, not every control (the table's size is cached: 24 ms at
            // load 2.5 for layout(true, true) in the first result's turn, docs/benchmarks.md)
            root.layout(new Control[] { pager });
        }
    }

    /** Shows the next page of rows (no-op on the last page). */
    public void showNextPage() {
        showPage(window.next());
    }

    /** Shows the previous page of rows (no-op on the first page). */
    public void showPreviousPage() {
        showPage(window.previous());
    }

    /** Shows page {@code pageIndex} (zero-based, clamped to the pages there are). */
    public void showPage(int pageIndex) {
        showPage(window.atPage(pageIndex));
    }

    private void showPage(RowWindow target) {
        if (target.equals(window) || order == null) {
            return;
        }
        window = target;
        Table table = viewer.getTable();
        // the selected indices would name other rows on the new page: deselect and tell the listeners
        boolean hadSelection = table.getSelectionCount() > 0;
        table.deselectAll();
        showWindow(true);
        root.layout(new Control[] { pageLabel });
        if (allRowsSelected) {
            table.selectAll(); // every page is selected: so is this one (no Selection event: it stays "all")
        } else if (hadSelection) {
            table.notifyListeners(SWT.Selection, new org.eclipse.swt.widgets.Event());
        }
    }

    /**
     * Shows only {@code rows} (e.g. the handles of a leak suspect), still subject to the filters;
     * null shows all rows again.
     */
    public void restrictTo(RowSelection rows, String name) {
        restriction = rows;
        restrictionName = rows == null ? null : name;
        refresh();
    }

    /**
     * Texts of the Create Stack column by model row (e.g. with resolved frames); null for the model's own
     * frame texts.
     */
    public void setCreateStackLabels(IntFunction<String> labels) {
        createStackLabels = labels;
        relabelLater();
    }

    /** Repaints the cells (e.g. after symbols were loaded); callable from any thread, coalesced. */
    public void relabelLater() {
        if (relabelQueued.compareAndSet(false, true) && !root.isDisposed()) {
            root.getDisplay().asyncExec(() -> {
                relabelQueued.set(false);
                if (!viewer.getTable().isDisposed()) {
                    viewer.getTable().clearAll();
                }
            });
        }
    }

    /** Number of rows after filters (all pages, not only the one in the table). */
    public int visibleRowCount() {
        RowOrder o = order;
        return o == null ? -1 : o.size();
    }

    /** True once the first filter/sort job has delivered its rows to the table. */
    public boolean isReady() {
        return query.isReady() && rowsComplete;
    }

    /** The rows as shown (filters and sort order applied), or null before the first result. */
    public RowOrder shownOrder() {
        return order;
    }

    /** Model row at position {@code i} of the whole order (all pages; {@code 0 <= i < visibleRowCount()}). */
    public int modelRow(int i) {
        return order.row(i);
    }

    /** Model row shown at index {@code displayIndex} of the table (on the current page). */
    public int displayedModelRow(int displayIndex) {
        return order.row(window.position(displayIndex));
    }

    /** The page of the order in the table (UI thread). */
    public RowWindow pageWindow() {
        return window;
    }

    /** The "Previous" page button. */
    public Button previousPageButton() {
        return previousPage;
    }

    /** The "Next" page button. */
    public Button nextPageButton() {
        return nextPage;
    }

    /**
     * Selects every row of the current (filtered, sorted) result, on all pages: the page in the table shows
     * them selected, and {@link #selection()} counts them all. A click in the table or a new result ends it.
     */
    public void selectAllRows() {
        if (order == null) {
            return;
        }
        // no SWT Selection event: JFace would materialise every selected item of the page to compute its
        // selection, and chart markers for millions of rows mean nothing
        viewer.getTable().selectAll();
        allRowsSelected = true;
        selectionProvider.fire();
    }

    /** True after {@link #selectAllRows()} until the selection or the result changes. */
    public boolean allRowsSelected() {
        return allRowsSelected;
    }

    /**
     * The selected rows: all rows of the result after Select All, else the rows selected on the page in
     * display order; null when nothing is selected or no result is shown yet.
     */
    public SelectedRows selection() {
        RowOrder o = order;
        if (o == null) {
            return null;
        }
        if (allRowsSelected) {
            return o.size() == 0 ? null : SelectedRows.all(model, o);
        }
        int[] indices = viewer.getTable().getSelectionIndices();
        java.util.Arrays.sort(indices); // display order (getSelectionIndices has none)
        int n = 0;
        int[] rows = new int[indices.length];
        RowWindow w = window;
        for (int i : indices) {
            int position = w.position(i);
            if (i < w.size() && position < o.size()) {
                rows[n++] = o.row(position);
            }
        }
        return n == 0 ? null : SelectedRows.of(model, o, java.util.Arrays.copyOf(rows, n));
    }

    /** "N rows selected" for the status line, or null when nothing is selected. */
    public String selectionSummary() {
        SelectedRows s = selection();
        return s == null ? null : SelectedRows.summary(s.count());
    }

    /** The selected rows as tab-separated text, header first (small selections; Copy uses {@link CopyRowsJob}). */
    public String selectionAsText() {
        SelectedRows s = selection();
        return s == null ? RowsText.write(model, 0, i -> i, COLUMNS, RowsText.Format.TSV, () -> false, n -> { })
                : RowsText.write(model, s.count(), s::row, COLUMNS, RowsText.Format.TSV, () -> false, n -> { });
    }

    /**
     * The page's selection for the editor site (Properties view, stack views): one {@link HandleRef} for
     * a single row, one {@link SelectedRows} for several (after Select All: all rows, every page).
     */
    public org.eclipse.jface.viewers.ISelectionProvider selectionProvider() {
        return selectionProvider;
    }

    /** The table viewer (tests, selection). */
    public TableViewer viewer() {
        return viewer;
    }

    /** The filter text box. */
    public Text filterText() {
        return filterText;
    }

    /** The "Open at (s)" time box. */
    public Text openAtText() {
        return openAt;
    }

    /** The "Created from (s)" box. */
    public Text createdFromText() {
        return createdFrom;
    }

    /** The "Created ... to" box. */
    public Text createdToText() {
        return createdTo;
    }

    /** The "Outstanding only" check box. */
    public Button outstandingOnlyButton() {
        return outstandingOnly;
    }

    Control control() {
        return root;
    }

    void setFocus() {
        viewer.getTable().setFocus();
    }

    /** {@link #selectionProvider()}: the viewer's single handle, or the rows selected as one element. */
    private final class RowsSelectionProvider implements org.eclipse.jface.viewers.ISelectionProvider {
        private final org.eclipse.core.runtime.ListenerList<org.eclipse.jface.viewers.ISelectionChangedListener> listeners =
                new org.eclipse.core.runtime.ListenerList<>();

        void fire() {
            org.eclipse.jface.viewers.SelectionChangedEvent event =
                    new org.eclipse.jface.viewers.SelectionChangedEvent(this, getSelection());
            for (org.eclipse.jface.viewers.ISelectionChangedListener l : listeners) {
                l.selectionChanged(event);
            }
        }

        @Override
        public org.eclipse.jface.viewers.ISelection getSelection() {
            SelectedRows s = selection();
            if (s == null) {
                return org.eclipse.jface.viewers.StructuredSelection.EMPTY;
            }
            if (s.count() == 1) {
                return new org.eclipse.jface.viewers.StructuredSelection(new HandleRef(model, s.row(0)));
            }
            return new org.eclipse.jface.viewers.StructuredSelection(s);
        }

        @Override
        public void setSelection(org.eclipse.jface.viewers.ISelection selection) {
            viewer.setSelection(selection);
        }

        @Override
        public void addSelectionChangedListener(org.eclipse.jface.viewers.ISelectionChangedListener listener) {
            listeners.add(listener);
        }

        @Override
        public void removeSelectionChangedListener(org.eclipse.jface.viewers.ISelectionChangedListener listener) {
            listeners.remove(listener);
        }
    }

    /** Supplies {@link HandleRef}s for the indices the virtual table paints. */
    private final class LazyRows implements ILazyContentProvider {
        @Override
        public void updateElement(int index) {
            RowOrder o = order;
            RowWindow w = window;
            int position = w.position(index);
            if (o != null && index < w.size() && position < o.size()) {
                viewer.replace(new HandleRef(model, o.row(position)), index);
            }
        }

        @Override
        public void inputChanged(Viewer v, Object oldInput, Object newInput) {
            // the row order is held by the page
        }
    }
}
