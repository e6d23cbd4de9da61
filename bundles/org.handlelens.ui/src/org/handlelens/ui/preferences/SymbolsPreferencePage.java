package org.handlelens.ui.preferences;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.Status;
import org.eclipse.core.runtime.SubMonitor;
import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.jface.dialogs.InputDialog;
import org.eclipse.jface.preference.IPreferenceStore;
import org.eclipse.jface.preference.PreferencePage;
import org.eclipse.jface.viewers.ArrayContentProvider;
import org.eclipse.jface.viewers.ColumnLabelProvider;
import org.eclipse.jface.viewers.TableViewer;
import org.eclipse.jface.viewers.TableViewerColumn;
import org.eclipse.jface.window.Window;
import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.DirectoryDialog;
import org.eclipse.swt.widgets.Group;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Spinner;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.Text;
import org.eclipse.ui.IWorkbench;
import org.eclipse.ui.IWorkbenchPreferencePage;
import org.handlelens.symbols.path.SymbolPathElement;
import org.handlelens.ui.HandleLensUi;
import org.handlelens.ui.HelpContexts;
import org.handlelens.ui.symbols.ConnectionCheck;
import org.handlelens.ui.symbols.SymbolPathElements;
import org.handlelens.ui.symbols.SymbolSettings;

/**
 * Window > Preferences > HandleLens > Symbols: the symbol path as a list of elements and as raw
 * {@code _NT_SYMBOL_PATH} text (kept in sync, validated by the symbols bundle's parser), "Test connection",
 * the download cache and the download limits.
 */
public final class SymbolsPreferencePage extends PreferencePage implements IWorkbenchPreferencePage {
    /** Page id (plugin.xml). */
    public static final String ID = "org.handlelens.ui.preferences.symbols";
    private static final String MSDL = "https://msdl.microsoft.com/download/symbols";

    private SymbolPathElements elements;
    private TableViewer list;
    private Text rawText;
    private Text cacheText;
    private Spinner parallel;
    private Spinner timeout;
    private Spinner maxSize;
    private Text testResult;
    private Button edit;
    private Button remove;
    private Button up;
    private Button down;
    private boolean syncing;
    private String pathError;

    @Override
    public void init(IWorkbench workbench) {
        setPreferenceStore(HandleLensUi.getDefault().getPreferenceStore());
        setDescription("Where Load Symbols looks for PDBs, as _NT_SYMBOL_PATH: e.g. srv*C:\\symbols*" + MSDL
                + ";D:\\private");
    }

    @Override
    protected Control createContents(Composite parent) {
        Composite root = new Composite(parent, SWT.NONE);
        GridLayout rl = new GridLayout(1, false);
        rl.marginWidth = 0;
        rl.marginHeight = 0;
        root.setLayout(rl);
        HelpContexts.set(root, HelpContexts.SYMBOLS);

        Group pathGroup = new Group(root, SWT.NONE);
        pathGroup.setText("Symbol path e&lements (searched in this order)");
        pathGroup.setLayout(new GridLayout(2, false));
        pathGroup.setLayoutData(new GridData(SWT.FILL, SWT.FILL, true, true));
        pathGroup.setToolTipText("Elements are searched in order; srv*cache*URL downloads into the cache");
        list = new TableViewer(pathGroup, SWT.BORDER | SWT.SINGLE | SWT.FULL_SELECTION | SWT.V_SCROLL | SWT.H_SCROLL);
        Table table = list.getTable();
        table.setHeaderVisible(true);
        table.setLinesVisible(true);
        GridData tableData = new GridData(SWT.FILL, SWT.FILL, true, true);
        tableData.heightHint = table.getItemHeight() * 5;
        tableData.widthHint = 420;
        table.setLayoutData(tableData);
        column("Kind", 90, i -> SymbolPathElements.kind(elements.parsed(i)));
        column("Element", 420, i -> elements.elements().get(i));
        list.setContentProvider(ArrayContentProvider.getInstance());
        list.addSelectionChangedListener(e -> updateButtons());
        list.addDoubleClickListener(e -> editSelected());

        Composite buttons = new Composite(pathGroup, SWT.NONE);
        GridLayout bl = new GridLayout(1, true);
        bl.marginWidth = 0;
        bl.marginHeight = 0;
        bl.verticalSpacing = 2;
        buttons.setLayout(bl);
        buttons.setLayoutData(new GridData(SWT.FILL, SWT.TOP, false, false));
        button(buttons, "Add &Folder...", "A plain or symstore-layout folder with PDBs", this::addFolder);
        button(buttons, "Add &Server...", "srv*cache*URL: an HTTP(S) symbol server and its local cache", this::addServer);
        edit = button(buttons, "&Edit...", "Edit the selected element as text", this::editSelected);
        remove = button(buttons, "Re&move", "Remove the selected element", this::removeSelected);
        up = button(buttons, "Move &Up", "Search the selected element earlier", () -> moveSelected(-1));
        down = button(buttons, "Move Do&wn", "Search the selected element later", () -> moveSelected(1));

        Label rawLabel = new Label(pathGroup, SWT.NONE);
        rawLabel.setText("Path &text (_NT_SYMBOL_PATH syntax):");
        rawLabel.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false, 2, 1));
        rawText = new Text(pathGroup, SWT.BORDER | SWT.MULTI | SWT.WRAP | SWT.V_SCROLL);
        GridData rawData = new GridData(SWT.FILL, SWT.FILL, true, false, 2, 1);
        rawData.heightHint = rawText.getLineHeight() * 2 + 6;
        rawData.widthHint = 420;
        rawText.setLayoutData(rawData);
        rawText.addListener(SWT.Modify, e -> rawTextChanged());
        rawText.addListener(SWT.Traverse, e -> {
            if (e.detail == SWT.TRAVERSE_RETURN || e.detail == SWT.TRAVERSE_TAB_NEXT || e.detail == SWT.TRAVERSE_TAB_PREVIOUS) {
                e.doit = true; // Tab/Return leave the field instead of inserting characters
            }
        });
        Composite testRow = new Composite(pathGroup, SWT.NONE);
        GridLayout tl = new GridLayout(2, false);
        tl.marginWidth = 0;
        tl.marginHeight = 0;
        testRow.setLayout(tl);
        testRow.setLayoutData(new GridData(SWT.FILL, SWT.TOP, true, false, 2, 1));
        Button test = button(testRow, "Test Co&nnection", "Ask each server (or the selected one) and check that folders exist",
                this::testConnection);
        test.setLayoutData(new GridData(SWT.BEGINNING, SWT.TOP, false, false));
        testResult = new Text(testRow, SWT.READ_ONLY | SWT.MULTI | SWT.WRAP | SWT.V_SCROLL);
        GridData resultData = new GridData(SWT.FILL, SWT.FILL, true, false);
        resultData.heightHint = testResult.getLineHeight() * 2;
        resultData.widthHint = 300;
        testResult.setLayoutData(resultData);
        testResult.setBackground(testRow.getBackground());
        testResult.setMessage("Test Connection results appear here.");

        Group limits = new Group(root, SWT.NONE);
        limits.setText("Cache and downloads");
        limits.setLayout(new GridLayout(7, false));
        limits.setLayoutData(new GridData(SWT.FILL, SWT.TOP, true, false));
        new Label(limits, SWT.NONE).setText("&Cache folder:");
        cacheText = new Text(limits, SWT.BORDER);
        cacheText.setToolTipText("Downloads of srv*URL elements that name no cache go here");
        cacheText.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false, 5, 1));
        cacheText.addListener(SWT.Modify, e -> cacheChanged());
        Button browse = new Button(limits, SWT.PUSH);
        browse.setText("&Browse...");
        browse.addListener(SWT.Selection, e -> browseCache());
        parallel = spinner(limits, "&Parallel downloads:", 1, 16, 0, 1);
        timeout = spinner(limits, "T&imeout (s):", 1, 600, 16, 1);
        maxSize = spinner(limits, "Max file si&ze (MB):", 1, 65536, 16, 2);

        load(SymbolSettings.from(getPreferenceStore()));
        return root;
    }

    private interface IndexText {
        String of(int index);
    }

    private void column(String title, int width, IndexText text) {
        TableViewerColumn c = new TableViewerColumn(list, SWT.LEFT);
        c.getColumn().setText(title);
        c.getColumn().setWidth(width);
        c.setLabelProvider(new ColumnLabelProvider() {
            @Override
            public String getText(Object element) {
                try {
                    return text.of((Integer) element);
                } catch (IllegalArgumentException | IndexOutOfBoundsException e) {
                    return "?";
                }
            }
        });
    }

    private static Button button(Composite parent, String text, String tip, Runnable action) {
        Button b = new Button(parent, SWT.PUSH);
        b.setText(text);
        b.setToolTipText(tip);
        b.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
        b.addListener(SWT.Selection, e -> action.run());
        return b;
    }

    private static Spinner spinner(Composite parent, String label, int min, int max, int indent, int span) {
        Label l = new Label(parent, SWT.NONE);
        l.setText(label);
        GridData ld = new GridData(SWT.BEGINNING, SWT.CENTER, false, false);
        ld.horizontalIndent = indent;
        l.setLayoutData(ld);
        Spinner s = new Spinner(parent, SWT.BORDER);
        s.setMinimum(min);
        s.setMaximum(max);
        s.setLayoutData(new GridData(SWT.BEGINNING, SWT.CENTER, false, false, span, 1));
        return s;
    }

    /** Shows {@code s} in the widgets. */
    private void load(SymbolSettings s) {
        syncing = true;
        try {
            cacheText.setText(s.cacheFolder().toString());
            parallel.setSelection(s.parallelDownloads());
            timeout.setSelection(s.timeoutSeconds());
            maxSize.setSelection(s.maxDownloadSizeMb());
            elements = new SymbolPathElements(s.cacheFolder(), s.pathMapper());
            rawText.setText(s.symbolPath());
        } finally {
            syncing = false;
        }
        rawTextChanged();
    }

    private SymbolSettings current() {
        Path cache = Path.of(cacheText.getText().strip());
        return new SymbolSettings(rawText.getText().strip(), cache, parallel.getSelection(), timeout.getSelection(),
                maxSize.getSelection());
    }

    private void rawTextChanged() {
        if (syncing) {
            return;
        }
        try {
            elements.setText(rawText.getText());
            pathError = null;
        } catch (IllegalArgumentException e) {
            pathError = e.getMessage();
        }
        refreshList(-1);
        validate();
    }

    private void cacheChanged() {
        if (syncing) {
            return;
        }
        String c = cacheText.getText().strip();
        if (!c.isEmpty()) {
            try {
                SymbolSettings s = current();
                elements = new SymbolPathElements(s.cacheFolder(), s.pathMapper());
            } catch (RuntimeException e) {
                // an unusable folder name is reported by validate()
            }
        }
        rawTextChanged();
    }

    private void validate() {
        String error = pathError;
        if (error == null && cacheText.getText().isBlank()) {
            error = "Choose a cache folder for downloaded symbols.";
        }
        if (error == null) {
            try {
                Path.of(cacheText.getText().strip());
            } catch (RuntimeException e) {
                error = "Cache folder: " + e.getMessage();
            }
        }
        setErrorMessage(error);
        setValid(error == null);
    }

    private void refreshList(int select) {
        List<Integer> rows = new ArrayList<>();
        if (pathError == null) {
            for (int i = 0; i < elements.elements().size(); i++) {
                rows.add(i);
            }
        }
        list.setInput(rows);
        if (select >= 0 && select < rows.size()) {
            list.getTable().setSelection(select);
        }
        list.getTable().setEnabled(pathError == null);
        updateButtons();
    }

    /** Writes the list back into the text (the text is what is stored). */
    private void listChanged(int select) {
        syncing = true;
        try {
            rawText.setText(elements.text());
        } finally {
            syncing = false;
        }
        pathError = null;
        refreshList(select);
        validate();
    }

    private int selectedIndex() {
        return pathError == null ? list.getTable().getSelectionIndex() : -1;
    }

    private void updateButtons() {
        int i = selectedIndex();
        int n = pathError == null ? elements.elements().size() : 0;
        edit.setEnabled(i >= 0);
        remove.setEnabled(i >= 0);
        up.setEnabled(i > 0);
        down.setEnabled(i >= 0 && i < n - 1);
    }

    private void addFolder() {
        if (pathError != null) {
            return;
        }
        DirectoryDialog d = new DirectoryDialog(getShell());
        d.setText("Add Symbol Folder");
        d.setMessage("A folder with PDBs (flat or symstore layout)");
        String chosen = d.open();
        if (chosen != null) {
            listChanged(elements.add(chosen));
        }
    }

    private void addServer() {
        if (pathError != null) {
            return;
        }
        ServerElementDialog d = new ServerElementDialog(getShell(), elements, MSDL, cacheText.getText().strip());
        if (d.open() == Window.OK && d.element() != null) {
            listChanged(elements.add(d.element()));
        }
    }

    private void editSelected() {
        int i = selectedIndex();
        if (i < 0) {
            return;
        }
        InputDialog d = new InputDialog(getShell(), "Edit Symbol Path Element",
                "Element (a folder, srv*cache*URL, cache*folder):", elements.elements().get(i), text -> {
                    try {
                        elements.parse(text);
                        return null;
                    } catch (IllegalArgumentException e) {
                        return e.getMessage();
                    }
                });
        if (d.open() == Window.OK) {
            elements.set(i, d.getValue());
            listChanged(i);
        }
    }

    private void removeSelected() {
        int i = selectedIndex();
        if (i >= 0) {
            elements.remove(i);
            listChanged(Math.min(i, elements.elements().size() - 1));
        }
    }

    private void moveSelected(int delta) {
        int i = selectedIndex();
        if (i >= 0) {
            listChanged(elements.move(i, delta));
        }
    }

    private void browseCache() {
        DirectoryDialog d = new DirectoryDialog(getShell());
        d.setText("Symbol Cache Folder");
        d.setFilterPath(cacheText.getText());
        String chosen = d.open();
        if (chosen != null) {
            cacheText.setText(chosen);
        }
    }

    /**
     * Runs "Test Connection" for the selected element, or for all elements, in a Job; the results are shown
     * below the path text.
     *
     * @return the scheduled job, or null when the path does not parse
     */
    public Job testConnection() {
        if (pathError != null) {
            testResult.setText("Fix the symbol path first.");
            return null;
        }
        List<SymbolPathElement> targets = new ArrayList<>();
        int i = selectedIndex();
        if (i >= 0) {
            targets.add(elements.parsed(i));
        } else {
            for (int k = 0; k < elements.elements().size(); k++) {
                targets.add(elements.parsed(k));
            }
        }
        if (targets.isEmpty()) {
            testResult.setText("The symbol path is empty.");
            return null;
        }
        ConnectionCheck check = new ConnectionCheck(Duration.ofSeconds(Math.min(timeout.getSelection(), 30)));
        testResult.setText("Testing " + targets.size() + " element(s)...");
        Job job = new Job("Testing the symbol path") {
            @Override
            protected IStatus run(IProgressMonitor monitor) {
                SubMonitor sub = SubMonitor.convert(monitor, targets.size());
                StringBuilder out = new StringBuilder();
                for (SymbolPathElement e : targets) {
                    if (sub.isCanceled()) {
                        return Status.CANCEL_STATUS;
                    }
                    sub.subTask(e.text());
                    ConnectionCheck.Result r = check.check(e);
                    out.append(r.ok() ? "OK: " : "FAILED: ").append(r.message()).append('\n');
                    sub.worked(1);
                }
                String text = out.toString().strip();
                if (!testResult.isDisposed()) {
                    testResult.getDisplay().asyncExec(() -> {
                        if (!testResult.isDisposed()) {
                            testResult.setText(text);
                        }
                    });
                }
                return Status.OK_STATUS;
            }
        };
        job.schedule();
        return job;
    }

    @Override
    protected void performDefaults() {
        IPreferenceStore store = getPreferenceStore();
        load(new SymbolSettings(store.getDefaultString(SymbolSettings.KEY_SYMBOL_PATH),
                Path.of(store.getDefaultString(SymbolSettings.KEY_CACHE_FOLDER)),
                store.getDefaultInt(SymbolSettings.KEY_PARALLEL), store.getDefaultInt(SymbolSettings.KEY_TIMEOUT_SECONDS),
                store.getDefaultInt(SymbolSettings.KEY_MAX_SIZE_MB)));
        super.performDefaults();
    }

    @Override
    public boolean performOk() {
        if (!isValid()) {
            return false;
        }
        current().saveTo(getPreferenceStore());
        return true;
    }

    /** The element list (tests). */
    public Table elementTable() {
        return list.getTable();
    }

    /** The raw path text (tests). */
    public Text pathText() {
        return rawText;
    }

    /** The Test Connection result text (tests). */
    public Text testResultText() {
        return testResult;
    }
}
