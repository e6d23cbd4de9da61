package org.handlelens.ui.preferences;

import org.eclipse.core.resources.IProject;
import org.eclipse.core.runtime.Adapters;
import org.eclipse.core.runtime.CoreException;
import org.eclipse.jface.preference.IPreferenceStore;
import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Link;
import org.eclipse.ui.dialogs.PreferencesUtil;
import org.eclipse.ui.dialogs.PropertyPage;
import org.handlelens.ui.HandleLensUi;
import org.handlelens.ui.project.TraceProjectSettings;
import org.handlelens.ui.symbols.SymbolSettings;

/**
 * Project > Properties > HandleLens Symbols on a trace project: "Use project-specific settings" and the same
 * symbol path editor as the preference page. The override is stored in the project
 * ({@code .settings/org.handlelens.ui.prefs}, key {@value TraceProjectSettings#KEY_SYMBOL_PATH}), so it travels
 * with the project; unchecked, the workspace preference applies. Cache and download limits stay per workspace.
 */
public final class SymbolsPropertyPage extends PropertyPage {
    /** Page id (plugin.xml). */
    public static final String ID = "org.handlelens.ui.properties.symbols";

    private Button useProject;
    private SymbolPathEditor pathEditor;

    /** Shown above the editor: what the override covers. */
    public SymbolsPropertyPage() {
        setDescription("Where Load Symbols looks for PDBs for this project's traces. The cache folder and the"
                + " download limits are the workspace's.");
    }

    @Override
    protected Control createContents(Composite parent) {
        Composite root = new Composite(parent, SWT.NONE);
        GridLayout rl = new GridLayout(2, false);
        rl.marginWidth = 0;
        rl.marginHeight = 0;
        root.setLayout(rl);
        useProject = new Button(root, SWT.CHECK);
        useProject.setText("Use pro&ject-specific symbol path");
        useProject.setToolTipText("Load Symbols on this project's traces searches this path instead of the workspace's");
        useProject.setLayoutData(new GridData(SWT.BEGINNING, SWT.CENTER, true, false));
        Link workspace = new Link(root, SWT.NONE);
        workspace.setText("<a>Configure Workspace Settings...</a>");
        workspace.setLayoutData(new GridData(SWT.END, SWT.CENTER, false, false));
        workspace.addListener(SWT.Selection, e -> PreferencesUtil.createPreferenceDialogOn(getShell(),
                SymbolsPreferencePage.ID, new String[] { SymbolsPreferencePage.ID }, null).open());
        Composite editorArea = new Composite(root, SWT.NONE);
        GridLayout el = new GridLayout(1, false);
        el.marginWidth = 0;
        el.marginHeight = 0;
        editorArea.setLayout(el);
        editorArea.setLayoutData(new GridData(SWT.FILL, SWT.FILL, true, true, 2, 1));
        SymbolSettings ws = workspaceSettings();
        pathEditor = new SymbolPathEditor(editorArea, () -> ws.cacheFolder().toString(), ws::timeoutSeconds,
                this::validate);
        String override = settings().symbolPath();
        useProject.setSelection(override != null);
        pathEditor.load(override != null ? override : ws.symbolPath(), ws.cacheFolder(), ws.pathMapper());
        useProject.addListener(SWT.Selection, e -> useProjectChanged());
        pathEditor.setEnabled(override != null);
        validate();
        return root;
    }

    private static SymbolSettings workspaceSettings() {
        IPreferenceStore store = HandleLensUi.getDefault().getPreferenceStore();
        return SymbolSettings.from(store);
    }

    private IProject project() {
        return Adapters.adapt(getElement(), IProject.class);
    }

    private TraceProjectSettings settings() {
        return TraceProjectSettings.of(project());
    }

    private void useProjectChanged() {
        pathEditor.setEnabled(useProject.getSelection());
        validate();
    }

    private void validate() {
        if (useProject == null) {
            return;
        }
        String error = null;
        if (useProject.getSelection()) {
            error = pathEditor.error();
            if (error == null && pathEditor.text().isEmpty()) {
                error = "Enter the project's symbol path, or clear \"Use project-specific symbol path\".";
            }
        }
        setErrorMessage(error);
        setValid(error == null);
    }

    @Override
    protected void performDefaults() {
        useProject.setSelection(false);
        SymbolSettings ws = workspaceSettings();
        pathEditor.load(ws.symbolPath(), ws.cacheFolder(), ws.pathMapper());
        useProjectChanged();
        super.performDefaults();
    }

    @Override
    public boolean performOk() {
        if (!isValid()) {
            return false;
        }
        try {
            settings().setSymbolPath(useProject.getSelection() ? pathEditor.text() : null);
            return true;
        } catch (CoreException e) {
            HandleLensUi.logError("Could not save the symbol path of " + project().getName(), e);
            setErrorMessage(e.getStatus().getMessage());
            return false;
        }
    }

    /** The "Use project-specific symbol path" check box (tests). */
    public Button useProjectButton() {
        return useProject;
    }

    /** The symbol path editor (tests). */
    public SymbolPathEditor pathEditor() {
        return pathEditor;
    }
}
