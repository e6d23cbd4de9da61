package org.handlelens.ui.preferences;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntSupplier;
import java.util.function.Supplier;

import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.Status;
import org.eclipse.core.runtime.SubMonitor;
import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.jface.dialogs.InputDialog;
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
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.Text;
import org.handlelens.symbols.path.PathMapper;
import org.handlelens.symbols.path.SymbolPathElement;
import org.handlelens.ui.symbols.ConnectionCheck;
import org.handlelens.ui.symbols.SymbolPathElements;

/**
 * The symbol path editor shared by the Symbols preference page and the trace project's "HandleLens Symbols"
 * property page: the path as a list of elements (add folder / add server with cache / edit / remove / move
 * up and down) and as raw {@code _NT_SYMBOL_PATH} text, kept in sync and validated by the symbols bundle's
 * parser, plus "Test Connection". The hosting page supplies the cache folder and the timeout and is told
 * after every change ({@link #error()} then says whether the path parses).
 */
public final class SymbolPathEditor {
    /** Microsoft's public symbol server, offered by Add Server. */
    public static final String MSDL = "https://msdl.microsoft.com/download/symbols";

    private final Supplier<String> cacheFolderText;
    private final IntSupplier timeoutSeconds;
    private final Runnable changed;
    private final Group root;
    private SymbolPathElements elements;
    private final TableViewer list;
    private final Text rawText;
    private final Text testResult;
    private final List<Button> buttons = new ArrayList<>();
    private final Button edit;
    private final Button remove;
    private final Button up;
    private final Button down;
    private boolean syncing;
    private boolean enabled = true;
    private String pathError;

    /**
     * @param parent          the page's composite (grid layout with one column expected)
     * @param cacheFolderText the cache folder as typed on the page (default cache of Add Server)
     * @param timeoutSeconds  timeout of Test Connection
     * @param changed         run after the path text changed (re-validation by the page)
     */
    public SymbolPathEditor(Composite parent, Supplier<String> cacheFolderText, IntSupplier timeoutSeconds,
            Runnable changed) {
        this.cacheFolderText = cacheFolderText;
        this.timeoutSeconds = timeoutSeconds;
        this.changed = changed;
        root = new Group(parent, SWT.NONE);
        root.setText("Symbol path e&lements (searched in this order)");
        root.setLayout(new GridLayout(2, false));
        root.setLayoutData(new GridData(SWT.FILL, SWT.FILL, true, true));
        root.setToolTipText("Elements are searched in order; srv*cache*URL downloads into the cache");
        list = new TableViewer(root, SWT.BORDER | SWT.SINGLE | SWT.FULL_SELECTION | SWT.V_SCROLL | SWT.H_SCROLL);
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

        Composite side = new Composite(root, SWT.NONE);
        GridLayout bl = new GridLayout(1, true);
        bl.marginWidth = 0;
        bl.marginHeight = 0;
        bl.verticalSpacing = 2;
        side.setLayout(bl);
        side.setLayoutData(new GridData(SWT.FILL, SWT.TOP, false, false));
        button(side, "Add &Folder...", "A plain or symstore-layout folder with PDBs", this::addFolder);
        button(side, "Add &Server...", "srv*cache*URL: an HTTP(S) symbol server and its local cache", this::addServer);
        edit = button(side, "&Edit...", "Edit the selected element as text", this::editSelected);
        remove = button(side, "Re&move", "Remove the selected element", this::removeSelected);
        up = button(side, "Move &Up", "Search the selected element earlier", () -> moveSelected(-1));
        down = button(side, "Move Do&wn", "Search the selected element later", () -> moveSelected(1));

        Label rawLabel = new Label(root, SWT.NONE);
        rawLabel.setText("Path &text (_NT_SYMBOL_PATH syntax):");
        rawLabel.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false, 2, 1));
        rawText = new Text(root, SWT.BORDER | SWT.MULTI | SWT.WRAP | SWT.V_SCROLL);
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
        Composite testRow = new Composite(root, SWT.NONE);
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

    private Button button(Composite parent, String text, String tip, Runnable action) {
        Button b = new Button(parent, SWT.PUSH);
        b.setText(text);
        b.setToolTipText(tip);
        b.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
        b.addListener(SWT.Selection, e -> action.run());
        buttons.add(b);
        return b;
    }

    /**
     * Shows {@code symbolPath}, parsing {@code srv*url} elements against {@code cacheFolder}.
     */
    public void load(String symbolPath, Path cacheFolder, PathMapper mapper) {
        syncing = true;
        try {
            elements = new SymbolPathElements(cacheFolder, mapper);
            rawText.setText(symbolPath);
        } finally {
            syncing = false;
        }
        rawTextChanged();
    }

    /** Re-parses the path against another default cache folder (the page's cache field changed). */
    public void setCacheFolder(Path cacheFolder, PathMapper mapper) {
        elements = new SymbolPathElements(cacheFolder, mapper);
        rawTextChanged();
    }

    /** The path text as typed (stripped). */
    public String text() {
        return rawText.getText().strip();
    }

    /** The parser's message when the text does not parse, else null. */
    public String error() {
        return pathError;
    }

    /** Enables or disables every widget (a property page's "Use project-specific settings"). */
    public void setEnabled(boolean on) {
        enabled = on;
        root.setEnabled(on);
        rawText.setEnabled(on);
        for (Button b : buttons) {
            b.setEnabled(on);
        }
        refreshList(-1);
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
        changed.run();
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
        list.getTable().setEnabled(enabled && pathError == null);
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
        changed.run();
    }

    private int selectedIndex() {
        return pathError == null ? list.getTable().getSelectionIndex() : -1;
    }

    private void updateButtons() {
        int i = enabled ? selectedIndex() : -1;
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
        DirectoryDialog d = new DirectoryDialog(root.getShell());
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
        ServerElementDialog d = new ServerElementDialog(root.getShell(), elements, MSDL, cacheFolderText.get().strip());
        if (d.open() == Window.OK && d.element() != null) {
            listChanged(elements.add(d.element()));
        }
    }

    private void editSelected() {
        int i = selectedIndex();
        if (i < 0) {
            return;
        }
        InputDialog d = new InputDialog(root.getShell(), "Edit Symbol Path Element",
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

    /**
     * Runs "Test Connection" for the selected element, or for all elements, in a Job; the results are shown
     * below the path text.
     *
     * @return the scheduled job, or null when the path does not parse or is empty
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
        ConnectionCheck check = new ConnectionCheck(Duration.ofSeconds(Math.min(timeoutSeconds.getAsInt(), 30)));
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

    /** The group holding the editor. */
    public Control control() {
        return root;
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
