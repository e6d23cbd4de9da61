package org.handlelens.ui.editor;

import java.net.URI;
import java.nio.file.Path;

import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.jobs.IJobChangeEvent;
import org.eclipse.core.runtime.jobs.JobChangeAdapter;
import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Label;
import org.eclipse.ui.IEditorInput;
import org.eclipse.ui.IEditorSite;
import org.eclipse.ui.IFileEditorInput;
import org.eclipse.ui.IURIEditorInput;
import org.eclipse.ui.PartInitException;
import org.eclipse.ui.part.MultiPageEditorPart;
import org.handlelens.model.HandleModel;
import org.handlelens.ui.load.ModelLoadJob;
import org.handlelens.ui.symbols.ProjectSymbolSettings;
import org.handlelens.ui.symbols.SymbolSession;
import org.handlelens.ui.load.ModelSourceRegistry;
import org.handlelens.ui.project.TraceIndexLocation;
import org.handlelens.ui.project.TraceProjects;

/**
 * The handle-table editor: opens a WinDbg log or ETL trace, indexes it in a Job and shows
 * the "Handles" page (WPA's columns) and the "Processes" page (handle counts per process).
 */
public final class HandleLensEditor extends MultiPageEditorPart {
    /** Editor id (plugin.xml). */
    public static final String ID = "org.handlelens.ui.editor.handles";

    private Path file;
    private volatile HandleModel model;
    private volatile String loadError;
    private Composite statusPage;
    private Label statusLabel;
    private HandleTablePage handlesPage;
    private ProcessesPage processesPage;
    private ObjectsPage objectsPage;
    private GroupsPage groupsPage;
    private ChartPage chartPage;
    private StacksPage stacksPage;
    private SuspectsPage suspectsPage;
    private OverviewPage overviewPage;
    private DiffPage diffPage;
    private volatile SymbolSession symbols;
    /** The site's selection: that of the active page's viewer (Properties view, stack views). */
    private final PageSelectionProvider pageSelection = new PageSelectionProvider();
    private final java.util.Map<org.eclipse.swt.widgets.Control, org.eclipse.jface.viewers.ISelectionProvider> pageViewers =
            new java.util.HashMap<>();

    @Override
    public void init(IEditorSite site, IEditorInput input) throws PartInitException {
        if (input instanceof ModelEditorInput m) {
            // a model built in memory (tests, generated data): nothing to index
            this.model = m.model();
            super.init(site, input);
            setPartName(input.getName());
            setTitleToolTip(input.getToolTipText());
            return;
        }
        Path path = pathOf(input);
        if (path == null) {
            throw new PartInitException("HandleLens opens local files only: " + input.getName());
        }
        this.file = path;
        super.init(site, input);
        setPartName(input.getName());
        setTitleToolTip(path.toString());
    }

    private static Path pathOf(IEditorInput input) {
        if (input instanceof IFileEditorInput f && f.getFile().getLocation() != null) {
            return f.getFile().getLocation().toFile().toPath();
        }
        if (input instanceof IURIEditorInput u) {
            URI uri = u.getURI();
            if (uri != null && "file".equals(uri.getScheme())) {
                return Path.of(uri);
            }
        }
        return null;
    }

    @Override
    protected void createPages() {
        // set before the model arrives: the workbench hooks the site's provider once, when the part is created
        getSite().setSelectionProvider(pageSelection);
        statusPage = new Composite(getContainer(), SWT.NONE);
        statusPage.setLayout(new GridLayout(1, false));
        statusLabel = new Label(statusPage, SWT.WRAP);
        statusLabel.setLayoutData(new GridData(SWT.FILL, SWT.TOP, true, false));
        statusLabel.setText("Indexing " + (file == null ? getEditorInput().getName() : file) + " ...");
        int index = addPage(statusPage);
        setPageText(index, "Handles");
        if (model != null) {
            // in a later turn, as a file's model arrives from its Job: the workbench's opening turn is long enough
            getSite().getShell().getDisplay().asyncExec(this::showResult);
            return;
        }
        startLoad();
    }

    private void startLoad() {
        // a trace in a trace project reopens from (or writes) its persisted index
        Path index = getEditorInput() instanceof IFileEditorInput f && TraceProjects.isTrace(f.getFile())
                ? TraceIndexLocation.of(f.getFile()) : null;
        ModelLoadJob job = new ModelLoadJob(file, index, ModelSourceRegistry.load(), m -> model = m,
                e -> loadError = e);
        job.addJobChangeListener(new JobChangeAdapter() {
            @Override
            public void done(IJobChangeEvent event) {
                Display display = getSite().getShell().getDisplay();
                if (!display.isDisposed()) {
                    display.asyncExec(HandleLensEditor.this::showResult);
                }
            }
        });
        job.schedule();
    }

    private void showResult() {
        if (statusPage == null || statusPage.isDisposed()) {
            return;
        }
        if (model == null) {
            statusLabel.setText(loadError == null ? "Nothing was read from " + file : loadError);
            statusPage.layout();
            return;
        }
        removePage(0);
        symbols = new SymbolSession(model);
        symbols.setSettingsSource(ProjectSymbolSettings.source(getEditorInput())); // project symbol path override
        // Every tab gets an empty holder now; a page's widgets are created when it is first shown or asked
        // for. Creating all nine pages at once (hundreds of GTK widgets, tables and trees with their
        // columns, and their first layout) kept the UI thread busy ~1.9 s on opening (JFR, docs/benchmarks.md).
        String[] titles = { "Overview", "Handles", "Leak Suspects", "Diff", "Groups", "Stacks", "Outstanding Chart",
            "Processes", "Objects" };
        holders = new Composite[titles.length];
        created = new boolean[titles.length];
        layoutPending = new boolean[titles.length];
        for (int i = 0; i < titles.length; i++) {
            holders[i] = new Composite(getContainer(), SWT.NONE);
            holders[i].setLayout(new org.eclipse.swt.layout.FillLayout());
            setPageText(addPage(holders[i]), titles[i]); // pages are added in the order of the PAGE_ constants
        }
        // the Overview's widgets in the next event-loop turn: the editor (tabs, action bars) appears first
        deferPageCreation = true;
        try {
            setActivePage(PAGE_OVERVIEW);
        } finally {
            deferPageCreation = false;
        }
        activateCopyHandler();
        if (model.isPartial()) {
            setContentDescription("Partial: " + model.partialReason());
        }
        firePropertyChange(PROP_TITLE);
        Display display = getSite().getShell().getDisplay();
        display.asyncExec(() -> {
            if (holders == null || holders[0].isDisposed()) {
                return;
            }
            int active = getActivePage();
            // the page's widgets in this turn and the next ones, their first layout in a later one (the Overview: 85 ms
            // + 95 ms warm at load 3 in one turn, docs/benchmarks.md); the Overview says when it is complete
            ensurePage(active, false);
            pageSelection.setDelegate(pageViewers.get(getControl(active)));
            // the Overview lists the top suspects, which the Leak Suspects page ranks: created (hidden) in its own turn
            display.asyncExec(() -> {
                if (!holders[PAGE_SUSPECTS].isDisposed()) {
                    ensurePage(PAGE_SUSPECTS);
                }
            });
        });
    }

    /** True while {@link #showResult} selects the first tab: its page is created in the next turn. */
    private boolean deferPageCreation;
    /** Pages created while their tab was hidden: laid out when first shown (a hidden layout is wasted). */
    private boolean[] layoutPending;

    private void layoutIfPending(int index) {
        if (index == PAGE_HANDLES && handlesInTurns != null) {
            return; // still being made: laid out when complete (pageMade)
        }
        if (layoutPending != null && layoutPending[index] && !holders[index].isDisposed()) {
            layoutPending[index] = false;
            holders[index].layout(true, true);
        }
    }

    /** The tabs' holders (null while indexing); a page's widgets are created in its holder on demand. */
    private Composite[] holders;
    /** What {@link #showSelectionSummary} last put in the status line. */
    private String statusMessage;
    /** Which pages have been created (UI thread). */
    private boolean[] created;

    /**
     * Creates page {@code index} in its holder if it was not created yet (first shown, linked to, or asked
     * for by a getter). UI thread only.
     */
    private void ensurePage(int index) {
        ensurePage(index, true);
    }

    /** As {@link #ensurePage(int)}; {@code layoutNow} false leaves the first layout to {@link #layoutIfPending}. */
    private void ensurePage(int index, boolean layoutNow) {
        ensurePage(index, layoutNow, null);
    }

    /**
     * As {@link #ensurePage(int, boolean)}; with {@code made} not null the Handles page is made over event-loop turns
     * and {@code made} runs once the page's widgets all exist (at once for the other pages).
     */
    private void ensurePage(int index, boolean layoutNow, Runnable made) {
        if (holders == null || created[index] || holders[index].isDisposed()) {
            return;
        }
        created[index] = true;
        Composite parent = holders[index];
        EditorNavigation navigation = new Navigation();
        RowsOpener showRows = navigation::showHandles;
        switch (index) {
            case PAGE_OVERVIEW -> {
                overviewPage = new OverviewPage(parent, model, navigation, () -> parent.getDisplay().asyncExec(() -> {
                    if (!parent.isDisposed() && parent.isVisible()) { // else laid out when shown
                        layoutIfPending(PAGE_OVERVIEW);
                    }
                }));
                if (suspectsPage != null) { // a link or test asked for the suspects first
                    suspectsPage.whenReady(overviewPage::showSuspects);
                }
            }
            case PAGE_HANDLES -> {
                if (made == null) {
                    wireHandlesPage(new HandleTablePage(parent, model, getSite()), parent);
                } else {
                    // the getter handlesPage() finishes it at once when asked meanwhile
                    handlesInTurns = new HandleTablePage(parent, model, getSite(), HandleTablePage.PAGE_ROWS, () -> {
                        wireHandlesPage(handlesInTurns, parent);
                        handlesInTurns = null;
                        made.run();
                    });
                    layoutPending[index] = true;
                    return;
                }
            }
            case PAGE_SUSPECTS -> {
                suspectsPage = new SuspectsPage(parent, model,
                        suspect -> showRows.open(suspect.leakedRows(), "suspect #" + suspect.rank()));
                if (overviewPage != null) {
                    suspectsPage.whenReady(overviewPage::showSuspects);
                }
            }
            case PAGE_DIFF -> {
                diffPage = new DiffPage(parent, model, navigation, this::openModelOf, this::otherOpenFiles,
                        () -> chartPage == null ? null : chartPage.selectedRange());
                pageViewers.put(parent, diffPage.viewer());
            }
            case PAGE_GROUPS -> {
                groupsPage = new GroupsPage(parent, model, showRows);
            }
            case PAGE_STACKS -> {
                stacksPage = new StacksPage(parent, model, showRows);
            }
            case PAGE_CHART -> {
                chartPage = new ChartPage(parent, model);
                // linked with the table both ways; a click on the chart creates the Handles page if needed
                ChartTableLink.connect(this::handlesPage, chartPage, () -> setActivePage(PAGE_HANDLES));
                if (handlesPage != null) {
                    chartPage.markRows(handlesPage.selectedRows());
                }
            }
            case PAGE_PROCESSES -> {
                processesPage = new ProcessesPage(parent, model);
                pageViewers.put(parent, processesPage.viewer());
            }
            case PAGE_OBJECTS -> {
                objectsPage = new ObjectsPage(parent, model, showRows, symbols::createStackLabel);
                pageViewers.put(parent, objectsPage.handlesViewer());
                symbols.addListener(objectsPage::relabelLater);
            }
            default -> throw new IllegalArgumentException("no page " + index);
        }
        if (layoutNow && parent.isVisible()) {
            parent.layout(true, true);
        } else {
            layoutPending[index] = true;
        }
        if (made != null) {
            made.run();
        }
    }

    /** The Handles page while {@link #ensurePage(int, boolean, Runnable)} makes it over turns, else null. */
    private HandleTablePage handlesInTurns;

    /** True while the Handles page, shown by its tab, is being made over turns (tests). */
    boolean isHandlesPageInTurns() {
        return handlesInTurns != null;
    }

    private void wireHandlesPage(HandleTablePage table, Composite parent) {
        handlesPage = table;
        table.setCreateStackLabels(symbols::createStackLabel);
        symbols.addListener(table::relabelLater);
        table.viewer().getTable().addListener(SWT.Selection, e -> {
            if (chartPage != null) {
                chartPage.markRows(table.selectedRows());
            }
        });
        table.selectionProvider().addSelectionChangedListener(e -> showSelectionSummary());
        pageViewers.put(parent, table.selectionProvider());
    }

    @Override
    protected void pageChange(int newPageIndex) {
        if (!deferPageCreation) {
            createShownPageLater(newPageIndex);
        }
        super.pageChange(newPageIndex);
        layoutIfPending(newPageIndex);
        pageSelection.setDelegate(pageViewers.get(getControl(newPageIndex)));
        if (newPageIndex == PAGE_DIFF && diffPage != null) {
            diffPage.showing();
        }
        showSelectionSummary();
    }

    /**
     * A page shown for the first time by its tab gets its widgets in the next event-loop turn and their first layout
     * in the one after: the tab switch, the widgets and the layout each take a turn (the Handles page did all three in
     * one, 80-250 ms in the 10 M-row bench, docs/benchmarks.md). A getter asking for the page meanwhile creates it at
     * once; the queued turn then only wires the shown page to the site.
     */
    private void createShownPageLater(int index) {
        if (holders == null || created[index]) {
            return;
        }
        Display display = getContainer().getDisplay();
        display.asyncExec(() -> {
            if (holders[index].isDisposed() || getActivePage() != index) {
                return; // closed, or another tab was chosen first: created when shown again
            }
            if (created[index]) {
                pageMade(index); // a getter made it meanwhile
            } else {
                ensurePage(index, false, () -> pageMade(index));
            }
        });
    }

    /** Page {@code index}, made by {@link #createShownPageLater}, has its widgets: wired to the site, laid out next. */
    private void pageMade(int index) {
        if (holders[index].isDisposed() || getActivePage() != index) {
            return;
        }
        pageSelection.setDelegate(pageViewers.get(getControl(index)));
        if (index == PAGE_DIFF && diffPage != null) {
            diffPage.showing(); // as pageChange does for a page that exists: the first comparison
        }
        showSelectionSummary();
        getContainer().getDisplay().asyncExec(() -> {
            if (!holders[index].isDisposed() && getActivePage() == index) {
                layoutIfPending(index);
                // pageChange focused the empty holder: the page's own control takes it, as it would have
                if (getSite().getService(org.eclipse.ui.IPartService.class).getActivePart() == this) {
                    setFocus();
                }
            }
        });
    }

    /**
     * True when page {@code index} has its widgets and its first layout (tests and the bench wait for this after
     * showing a page; it creates nothing).
     */
    boolean isPageComplete(int index) {
        return created != null && created[index] && !layoutPending[index];
    }

    /** "N rows selected" in the status line while the Handles page is active and has a selection. */
    private void showSelectionSummary() {
        String text = handlesPage != null && getActivePage() == PAGE_HANDLES ? handlesPage.selectionSummary() : null;
        statusMessage = text;
        getEditorSite().getActionBars().getStatusLineManager().setMessage(text);
    }

    /** The message this editor last put in the status line ("N rows selected"), or null. */
    public String statusMessage() {
        return statusMessage;
    }

    /** Id of the Copy as CSV command (plugin.xml). */
    public static final String COPY_AS_CSV_COMMAND = "org.handlelens.ui.copyAsCsv";

    /**
     * Edit > Copy (Ctrl+C) and Copy as CSV copy the selected handle rows (after Select All: all rows of the
     * result) in a {@link CopyRowsJob}; Edit > Select All (Ctrl+A) in the handle table selects every row of
     * the result, elsewhere the focused field's or list's contents.
     */
    private void activateCopyHandler() {
        org.eclipse.ui.handlers.IHandlerService handlers = getSite().getService(org.eclipse.ui.handlers.IHandlerService.class);
        handlers.activateHandler(org.eclipse.ui.IWorkbenchCommandConstants.EDIT_COPY, copyHandler(RowsText.Format.TSV));
        handlers.activateHandler(COPY_AS_CSV_COMMAND, copyHandler(RowsText.Format.CSV));
        handlers.activateHandler(org.eclipse.ui.IWorkbenchCommandConstants.EDIT_SELECT_ALL,
                new org.eclipse.core.commands.AbstractHandler() {
                    @Override
                    public Object execute(org.eclipse.core.commands.ExecutionEvent event) {
                        selectAll();
                        return null;
                    }
                });
    }

    private org.eclipse.core.commands.AbstractHandler copyHandler(RowsText.Format format) {
        return new org.eclipse.core.commands.AbstractHandler() {
            @Override
            public Object execute(org.eclipse.core.commands.ExecutionEvent event) {
                copySelectedRows(format);
                return null;
            }
        };
    }

    /** Select All for the focused control: every row of the result in the handle table. */
    private void selectAll() {
        Control focus = getSite().getShell().getDisplay().getFocusControl();
        if (handlesPage != null && (focus == null || focus == handlesPage.viewer().getTable())
                && getActivePage() == PAGE_HANDLES) {
            handlesPage.selectAllRows();
        } else if (focus instanceof org.eclipse.swt.widgets.Text t) {
            t.selectAll();
        } else if (focus instanceof org.eclipse.swt.widgets.Table t && (t.getStyle() & SWT.MULTI) != 0) {
            t.selectAll();
            t.notifyListeners(SWT.Selection, new org.eclipse.swt.widgets.Event());
        } else if (focus instanceof org.eclipse.swt.widgets.Tree t && (t.getStyle() & SWT.MULTI) != 0) {
            t.selectAll();
            t.notifyListeners(SWT.Selection, new org.eclipse.swt.widgets.Event());
        }
    }

    /**
     * Copies the Handles page's selected rows as {@code format} in a Job; more than
     * {@link RowsText#MAX_CLIPBOARD_ROWS} rows are not put on the clipboard: the user is offered File >
     * Export Table instead. Returns the Job (scheduled), or null when nothing was copied.
     */
    public CopyRowsJob copySelectedRows(RowsText.Format format) {
        SelectedRows rows = handlesPage == null ? null : handlesPage.selection();
        if (rows == null) {
            return null;
        }
        org.eclipse.swt.widgets.Shell shell = getSite().getShell();
        if (!RowsText.fitsClipboard(rows.count())) {
            int answer = new org.eclipse.jface.dialogs.MessageDialog(shell, "Copy", null, String.format(
                    "%,d rows are selected. Copy puts at most %,d rows on the clipboard: pasting more would"
                            + " keep HandleLens busy for seconds.%n%nExport the table to a CSV or JSON file instead?"
                            + " File > Export Table writes all rows shown, with the same filters and sort order.",
                    rows.count(), RowsText.MAX_CLIPBOARD_ROWS),
                    org.eclipse.jface.dialogs.MessageDialog.INFORMATION, 0, "&Export Table...", "Cancel").open();
            if (answer == 0) {
                try {
                    getSite().getService(org.eclipse.ui.handlers.IHandlerService.class)
                            .executeCommand("org.handlelens.ui.exportTable", null);
                } catch (org.eclipse.core.commands.common.CommandException e) {
                    org.eclipse.jface.dialogs.MessageDialog.openError(shell, "Export Table", e.getMessage());
                }
            }
            return null;
        }
        Display display = shell.getDisplay();
        CopyRowsJob job = new CopyRowsJob(rows, format, display, text -> {
            org.eclipse.swt.dnd.Clipboard clipboard = new org.eclipse.swt.dnd.Clipboard(display);
            try {
                clipboard.setContents(new Object[] { text },
                        new org.eclipse.swt.dnd.Transfer[] { org.eclipse.swt.dnd.TextTransfer.getInstance() });
            } finally {
                clipboard.dispose();
            }
        });
        job.schedule();
        return job;
    }

    /** Index of the Overview page (the first, shown when the source is loaded). */
    public static final int PAGE_OVERVIEW = 0;
    /** Index of the Handles page. */
    public static final int PAGE_HANDLES = 1;
    /** Index of the Leak Suspects page. */
    public static final int PAGE_SUSPECTS = 2;
    /** Index of the Diff page. */
    public static final int PAGE_DIFF = 3;
    /** Index of the Groups page. */
    public static final int PAGE_GROUPS = 4;
    /** Index of the Stacks (call tree) page. */
    public static final int PAGE_STACKS = 5;
    /** Index of the chart page. */
    public static final int PAGE_CHART = 6;
    /** Index of the Processes page. */
    public static final int PAGE_PROCESSES = 7;
    /** Index of the Objects page. */
    public static final int PAGE_OBJECTS = 8;

    /** Links of the answer pages into this editor. */
    private final class Navigation implements EditorNavigation {
        @Override
        public void showHandles(org.handlelens.model.query.RowSelection rows, String name) {
            handlesPage().restrictTo(rows, name);
            setActivePage(PAGE_HANDLES);
        }

        @Override
        public void showSuspect(org.handlelens.model.analysis.LeakSuspect suspect) {
            setActivePage(PAGE_SUSPECTS);
            suspectsPage().reveal(suspect);
        }

        @Override
        public void showPage(int index) {
            setActivePage(index);
        }
    }

    /** The file this editor reads, or null for an in-memory model. */
    public Path file() {
        return file;
    }

    /** Files of the other open HandleLens editors (the Diff page offers them). */
    private java.util.List<Path> otherOpenFiles() {
        java.util.List<Path> out = new java.util.ArrayList<>();
        for (HandleLensEditor e : otherEditors()) {
            if (e.file() != null) {
                out.add(e.file().toAbsolutePath().normalize());
            }
        }
        return out;
    }

    /** The loaded model of another open editor on {@code path}, or null. Any thread. */
    private HandleModel openModelOf(Path path) {
        java.util.concurrent.atomic.AtomicReference<HandleModel> found = new java.util.concurrent.atomic.AtomicReference<>();
        Display display = getSite().getShell().getDisplay();
        Runnable look = () -> {
            for (HandleLensEditor e : otherEditors()) {
                if (e.file() != null && e.model() != null && e.file().toAbsolutePath().normalize().equals(path)) {
                    found.set(e.model());
                }
            }
        };
        if (Display.getCurrent() == display) {
            look.run();
        } else if (!display.isDisposed()) {
            display.syncExec(look);
        }
        return found.get();
    }

    private java.util.List<HandleLensEditor> otherEditors() {
        java.util.List<HandleLensEditor> out = new java.util.ArrayList<>();
        if (getSite() == null || getSite().getPage() == null) {
            return out;
        }
        for (org.eclipse.ui.IEditorReference ref : getSite().getPage().getEditorReferences()) {
            if (HandleLensEditor.ID.equals(ref.getId()) && ref.getEditor(false) instanceof HandleLensEditor e && e != this) {
                out.add(e);
            }
        }
        return out;
    }

    /** Shows page {@code index} ({@link #PAGE_HANDLES} ...). */
    public void showPage(int index) {
        setActivePage(index);
    }

    /** The loaded model, or null while indexing or after a failure. */
    public HandleModel model() {
        return model;
    }

    /** The error shown when loading failed, else null. */
    public String loadError() {
        return loadError;
    }

    /** The handle table page (its widgets are created on this first call); null while indexing. */
    public HandleTablePage handlesPage() {
        ensurePage(PAGE_HANDLES);
        if (handlesInTurns != null) { // shown by its tab and still being made: the rest now, as the getter promises
            handlesInTurns.completeCreation();
            if (holders[PAGE_HANDLES].isVisible()) {
                layoutIfPending(PAGE_HANDLES);
            }
        }
        return handlesPage;
    }

    /** The leak suspects page (its widgets are created on this first call); null while indexing. */
    public SuspectsPage suspectsPage() {
        ensurePage(PAGE_SUSPECTS);
        return suspectsPage;
    }

    /** The groups page (its widgets are created on this first call); null while indexing. */
    public GroupsPage groupsPage() {
        ensurePage(PAGE_GROUPS);
        return groupsPage;
    }

    /** The stacks page (its widgets are created on this first call); null while indexing. */
    public StacksPage stacksPage() {
        ensurePage(PAGE_STACKS);
        return stacksPage;
    }

    /** The chart page (its widgets are created on this first call); null while indexing. */
    public ChartPage chartPage() {
        ensurePage(PAGE_CHART);
        return chartPage;
    }

    /** The overview page if its widgets were created, else null (does not create it). */
    OverviewPage createdOverviewPage() {
        return overviewPage;
    }

    /** The overview page (its widgets are created on this first call); null while indexing. */
    public OverviewPage overviewPage() {
        ensurePage(PAGE_OVERVIEW);
        return overviewPage;
    }

    /** The diff page (its widgets are created on this first call); null while indexing. */
    public DiffPage diffPage() {
        ensurePage(PAGE_DIFF);
        return diffPage;
    }

    /** Symbols loaded for this editor's model (Load Symbols), or null while indexing. */
    public SymbolSession symbols() {
        return symbols;
    }

    @Override
    public <T> T getAdapter(Class<T> adapter) {
        if (adapter == SymbolSession.class) {
            return adapter.cast(symbols);
        }
        if (adapter == org.eclipse.ui.views.properties.IPropertySheetPage.class) {
            // asked for in the turn that opens this editor: the standard page is created in the next one
            return adapter.cast(new org.handlelens.ui.properties.DeferredPropertySheetPage());
        }
        return super.getAdapter(adapter);
    }

    /** The processes page (its widgets are created on this first call); null while indexing. */
    public ProcessesPage processesPage() {
        ensurePage(PAGE_PROCESSES);
        return processesPage;
    }

    /** The objects page (its widgets are created on this first call); null while indexing. */
    public ObjectsPage objectsPage() {
        ensurePage(PAGE_OBJECTS);
        return objectsPage;
    }

    @Override
    public void setFocus() {
        if (handlesPage != null && getActivePage() == PAGE_HANDLES) {
            handlesPage.setFocus();
        } else {
            super.setFocus();
        }
    }

    @Override
    public void doSave(IProgressMonitor monitor) {
        // Read-only analysis editor: nothing to save.
    }

    @Override
    public void doSaveAs() {
        // Read-only analysis editor.
    }

    @Override
    public boolean isSaveAsAllowed() {
        return false;
    }

    @Override
    public boolean isDirty() {
        return false;
    }
}
