package org.handlelens.ui.views;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;

import org.eclipse.jface.action.Action;
import org.eclipse.jface.action.GroupMarker;
import org.eclipse.jface.action.IMenuManager;
import org.eclipse.jface.action.IToolBarManager;
import org.eclipse.jface.action.MenuManager;
import org.eclipse.jface.action.Separator;
import org.eclipse.jface.dialogs.MessageDialog;
import org.eclipse.jface.viewers.ArrayContentProvider;
import org.eclipse.jface.viewers.IStructuredSelection;
import org.eclipse.jface.viewers.StructuredSelection;
import org.eclipse.jface.viewers.TableViewer;
import org.eclipse.jface.viewers.TableViewerColumn;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.FileDialog;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.TableItem;
import org.eclipse.ui.IWorkbenchActionConstants;
import org.eclipse.ui.part.ViewPart;
import org.handlelens.model.ModuleRecord;
import org.handlelens.symbols.Guids;
import org.handlelens.symbols.PdbIdentity;
import org.handlelens.symbols.resolve.ModuleSymbols;
import org.handlelens.symbols.resolve.SymbolStatus;
import org.handlelens.ui.HandleLensUi;
import org.handlelens.ui.symbols.LoadSymbolsJob;
import org.handlelens.ui.symbols.SymbolSession;
import org.handlelens.ui.symbols.SymbolSession.ModuleEntry;
import org.handlelens.ui.TextLabelProvider;

/**
 * The Modules view: each image of the active handle editor's model with its PDB identity and symbol status
 * (Loaded / Public only / Exports only / Mismatched / Not found / Error and the reason); Retry and
 * Load from File act on the selected images.
 */
public final class ModulesView extends ViewPart {
    /** View id (plugin.xml). */
    public static final String ID = "org.handlelens.ui.views.modules";
    /** Id of the table's context menu, for command contributions. */
    public static final String MENU_ID = ID + ".table";
    /** Status column text of a module whose symbols were not loaded yet. */
    public static final String NOT_LOADED = "";

    private TableViewer viewer;
    private SessionTracker tracker;
    private SymbolSession session;
    private final Runnable sessionListener = this::sessionChanged;
    private final AtomicBoolean refreshQueued = new AtomicBoolean();
    private Action retry;
    private Action loadFromFile;

    @Override
    public void createPartControl(Composite parent) {
        viewer = new TableViewer(parent, SWT.MULTI | SWT.FULL_SELECTION | SWT.BORDER | SWT.V_SCROLL | SWT.H_SCROLL);
        Table table = viewer.getTable();
        table.setHeaderVisible(true);
        table.setLinesVisible(true);
        // status and its reason first: they are what the user acts on; identity columns follow
        column("Module", 160, e -> e.record().fileName());
        column("Symbols", 90, ModulesView::statusText);
        column("Detail", 330, ModulesView::detailText);
        column("Process", 170, e -> e.processLabel());
        column("Base", 120, e -> "0x" + Long.toHexString(e.record().imageBase()));
        column("Size", 70, e -> e.record().imageSizeBytes() < 0 ? "" : "0x" + Long.toHexString(e.record().imageSizeBytes()));
        column("PDB", 170, e -> e.record().pdbName() == null ? "" : PdbIdentity.fileNamePart(e.record().pdbName()));
        column("GUID / Age", 290, e -> e.record().pdbGuid() == null ? ""
                : Guids.toNHexUpper(e.record().pdbGuid()) + (e.record().pdbAge() < 0 ? "" : " / " + e.record().pdbAge()));
        viewer.setContentProvider(ArrayContentProvider.getInstance());
        viewer.addSelectionChangedListener(e -> updateActions());
        getSite().setSelectionProvider(viewer);

        retry = new Action("&Retry") {
            @Override
            public void run() {
                retrySelected();
            }
        };
        retry.setToolTipText("Load the symbols of the selected modules again (asks the servers again)");
        loadFromFile = new Action("Load from &File...") {
            @Override
            public void run() {
                loadSelectedFromFile();
            }
        };
        loadFromFile.setToolTipText("Use a PDB file you choose for the selected module (GUID and age are checked)");
        IToolBarManager toolbar = getViewSite().getActionBars().getToolBarManager();
        toolbar.add(new GroupMarker(IWorkbenchActionConstants.MB_ADDITIONS));
        toolbar.add(retry);
        toolbar.add(loadFromFile);
        MenuManager menu = new MenuManager("#ModulesPopup", MENU_ID);
        menu.add(retry);
        menu.add(loadFromFile);
        menu.add(new Separator(IWorkbenchActionConstants.MB_ADDITIONS));
        table.setMenu(menu.createContextMenu(table));
        getSite().registerContextMenu(MENU_ID, menu, viewer);
        IMenuManager viewMenu = getViewSite().getActionBars().getMenuManager();
        viewMenu.add(retry);
        viewMenu.add(loadFromFile);

        tracker = new SessionTracker(getSite().getPage(), this::showSession);
        updateActions();
    }

    private void column(String title, int width, Function<ModuleEntry, String> text) {
        TableViewerColumn c = new TableViewerColumn(viewer, SWT.LEFT);
        c.getColumn().setText(title);
        c.getColumn().setWidth(width);
        c.getColumn().setMoveable(true);
        c.setLabelProvider(new TextLabelProvider<>(ModuleEntry.class, text, ModulesView::detailText));
    }

    /** Status label from the shared vocabulary; empty while not loaded. */
    public static String statusText(ModuleEntry e) {
        ModuleSymbols s = e.symbols();
        return s == null ? NOT_LOADED : s.status().label();
    }

    /** The reason or source of the status, or why the module cannot be resolved. */
    public static String detailText(ModuleEntry e) {
        ModuleSymbols s = e.symbols();
        if (e.module() == null) {
            return "image size unknown: frames cannot be mapped to this module";
        }
        if (s == null) {
            return "not loaded (Analysis > Load Symbols)";
        }
        if (!s.reason().isEmpty()) {
            return s.reason();
        }
        return s.source() == null ? "" : s.source().toString();
    }

    /** Shows the modules of {@code s} (null: none). */
    public void showSession(SymbolSession s) {
        if (viewer == null || viewer.getTable().isDisposed()) {
            return;
        }
        if (session != null) {
            session.removeListener(sessionListener);
        }
        session = s;
        if (s != null) {
            s.addListener(sessionListener);
        }
        refresh();
    }

    /** The shown session, or null. */
    public SymbolSession session() {
        return session;
    }

    private void sessionChanged() {
        // results arrive on the loading thread, often many at once: one refresh per burst
        if (refreshQueued.compareAndSet(false, true) && !viewer.getTable().isDisposed()) {
            viewer.getTable().getDisplay().asyncExec(() -> {
                refreshQueued.set(false);
                refresh();
            });
        }
    }

    private void refresh() {
        if (viewer.getTable().isDisposed()) {
            return;
        }
        List<SymbolSession.ModuleKey> selected = selectedKeys();
        List<ModuleEntry> rows = session == null ? List.of() : session.modules();
        viewer.setInput(rows);
        List<ModuleEntry> reselect = new ArrayList<>();
        for (ModuleEntry e : rows) {
            if (selected.contains(e.key())) {
                reselect.add(e);
            }
        }
        viewer.setSelection(new StructuredSelection(reselect));
        if (session == null) {
            setContentDescription("Open a trace or WinDbg log: its modules and their symbols are listed here.");
        } else {
            long withSymbols = rows.stream().filter(e -> e.symbols() != null && e.symbols().table().size() > 0).count();
            long loaded = rows.stream().filter(e -> e.symbols() != null).count();
            setContentDescription(rows.isEmpty() ? "The source lists no modules (WinDbg logs give frame names only)."
                    : String.format(Locale.ROOT, "%d modules, %d looked up, %d with symbols", rows.size(), loaded,
                            withSymbols));
        }
        updateActions();
    }

    private List<SymbolSession.ModuleKey> selectedKeys() {
        List<SymbolSession.ModuleKey> out = new ArrayList<>();
        for (Object o : viewer.getStructuredSelection().toList()) {
            out.add(((ModuleEntry) o).key());
        }
        return out;
    }

    private void updateActions() {
        if (retry == null) {
            return;
        }
        IStructuredSelection sel = viewer.getStructuredSelection();
        retry.setEnabled(session != null && !sel.isEmpty());
        loadFromFile.setEnabled(session != null && sel.size() == 1);
    }

    /** Selects and reveals a module (from the Create Stack view's double-click). */
    public void select(SymbolSession.ModuleKey key) {
        for (Object o : (List<?>) viewer.getInput()) {
            if (((ModuleEntry) o).key().equals(key)) {
                viewer.setSelection(new StructuredSelection(o), true);
                return;
            }
        }
    }

    /** Reloads the selected modules' symbols in a Job; returns it (null when nothing is selected). */
    public LoadSymbolsJob retrySelected() {
        List<SymbolSession.ModuleKey> keys = selectedKeys();
        if (session == null || keys.isEmpty()) {
            return null;
        }
        LoadSymbolsJob job = new LoadSymbolsJob(session, keys);
        job.schedule();
        return job;
    }

    private void loadSelectedFromFile() {
        List<SymbolSession.ModuleKey> keys = selectedKeys();
        if (session == null || keys.size() != 1) {
            return;
        }
        ModuleEntry e = session.module(keys.get(0));
        FileDialog d = new FileDialog(getSite().getShell(), SWT.OPEN);
        d.setText("Load Symbols of " + e.record().fileName());
        d.setFilterExtensions(new String[] { "*.pdb", "*" });
        d.setFilterNames(new String[] { "Program databases (*.pdb)", "All files" });
        if (e.record().pdbName() != null) {
            d.setFileName(PdbIdentity.fileNamePart(e.record().pdbName()));
        }
        String chosen = d.open();
        if (chosen != null) {
            loadFromFile(keys.get(0), Path.of(chosen));
        }
    }

    /**
     * Loads {@code pdb} for a module; a file with another GUID/age is refused with a dialog naming both.
     *
     * @return the result of the check
     */
    public ModuleSymbols loadFromFile(SymbolSession.ModuleKey key, Path pdb) {
        ModuleSymbols result = session.loadFromFile(key, pdb);
        if (result.status() != SymbolStatus.LOADED && result.status() != SymbolStatus.PUBLIC_ONLY) {
            String msg = "The symbols of " + pdb.getFileName() + " were not used.\n\n" + result.describe();
            if (result.status() == SymbolStatus.ERROR) {
                HandleLensUi.logError("Loading " + pdb + " failed: " + result.reason(), null);
            }
            MessageDialog.openWarning(getSite().getShell(), "Load Symbols from File", msg);
        }
        return result;
    }

    /** Row texts of a module (tests): one cell per column. */
    public String[] rowText(SymbolSession.ModuleKey key) {
        Table table = viewer.getTable();
        for (TableItem item : table.getItems()) {
            if (((ModuleEntry) item.getData()).key().equals(key)) {
                String[] cells = new String[table.getColumnCount()];
                for (int c = 0; c < cells.length; c++) {
                    cells[c] = item.getText(c);
                }
                return cells;
            }
        }
        return null;
    }

    /** The table viewer (tests). */
    public TableViewer viewer() {
        return viewer;
    }

    @Override
    public void setFocus() {
        viewer.getTable().setFocus();
    }

    @Override
    public void dispose() {
        if (tracker != null) {
            tracker.dispose();
        }
        if (session != null) {
            session.removeListener(sessionListener);
        }
        super.dispose();
    }
}
