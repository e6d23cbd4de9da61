package org.handlelens.ui.preferences;

import java.nio.file.Path;

import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.jface.preference.IPreferenceStore;
import org.eclipse.jface.preference.PreferencePage;
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
import org.handlelens.ui.HandleLensUi;
import org.handlelens.ui.HelpContexts;
import org.handlelens.ui.symbols.SymbolSettings;

/**
 * Window > Preferences > HandleLens > Symbols: the symbol path ({@link SymbolPathEditor}: list of elements and
 * raw {@code _NT_SYMBOL_PATH} text, "Test connection"), the download cache and the download limits.
 */
public final class SymbolsPreferencePage extends PreferencePage implements IWorkbenchPreferencePage {
    /** Page id (plugin.xml). */
    public static final String ID = "org.handlelens.ui.preferences.symbols";

    private SymbolPathEditor pathEditor;
    private Text cacheText;
    private Spinner parallel;
    private Spinner timeout;
    private Spinner maxSize;
    private boolean syncing;

    @Override
    public void init(IWorkbench workbench) {
        setPreferenceStore(HandleLensUi.getDefault().getPreferenceStore());
        setDescription("Where Load Symbols looks for PDBs, as _NT_SYMBOL_PATH: e.g. srv*C:\\symbols*"
                + SymbolPathEditor.MSDL + ";D:\\private");
    }

    @Override
    protected Control createContents(Composite parent) {
        Composite root = new Composite(parent, SWT.NONE);
        GridLayout rl = new GridLayout(1, false);
        rl.marginWidth = 0;
        rl.marginHeight = 0;
        root.setLayout(rl);
        HelpContexts.set(root, HelpContexts.SYMBOLS);
        pathEditor = new SymbolPathEditor(root, () -> cacheText.getText(), () -> timeout.getSelection(), this::validate);

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
        } finally {
            syncing = false;
        }
        pathEditor.load(s.symbolPath(), s.cacheFolder(), s.pathMapper());
    }

    private SymbolSettings current() {
        Path cache = Path.of(cacheText.getText().strip());
        return new SymbolSettings(pathEditor.text(), cache, parallel.getSelection(), timeout.getSelection(),
                maxSize.getSelection());
    }

    private void cacheChanged() {
        if (syncing) {
            return;
        }
        String c = cacheText.getText().strip();
        if (!c.isEmpty()) {
            try {
                SymbolSettings s = current();
                pathEditor.setCacheFolder(s.cacheFolder(), s.pathMapper());
                return;
            } catch (RuntimeException e) {
                // an unusable folder name is reported by validate()
            }
        }
        validate();
    }

    private void validate() {
        if (cacheText == null) {
            return; // the path editor reports before the cache field exists
        }
        String error = pathEditor.error();
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

    private void browseCache() {
        DirectoryDialog d = new DirectoryDialog(getShell());
        d.setText("Symbol Cache Folder");
        d.setFilterPath(cacheText.getText());
        String chosen = d.open();
        if (chosen != null) {
            cacheText.setText(chosen);
        }
    }

    /** Runs "Test Connection" (see {@link SymbolPathEditor#testConnection()}). */
    public Job testConnection() {
        return pathEditor.testConnection();
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
        return pathEditor.elementTable();
    }

    /** The raw path text (tests). */
    public Text pathText() {
        return pathEditor.pathText();
    }

    /** The Test Connection result text (tests). */
    public Text testResultText() {
        return pathEditor.testResultText();
    }
}
