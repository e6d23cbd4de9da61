package org.handlelens.ui.tests;

import static org.handlelens.ui.tests.UiTestSupport.page;
import static org.handlelens.ui.tests.UiTestSupport.screenshot;
import static org.handlelens.ui.tests.UiTestSupport.shared;
import static org.handlelens.ui.tests.UiTestSupport.spin;
import static org.handlelens.ui.tests.UiTestSupport.waitUntil;
import static org.handlelens.ui.tests.UiTestSupport.window;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

import org.eclipse.core.resources.IFile;
import org.eclipse.core.resources.IProject;
import org.eclipse.core.resources.ProjectScope;
import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.jface.preference.IPreferenceStore;
import org.eclipse.jface.preference.PreferenceDialog;
import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.Rectangle;
import org.eclipse.swt.widgets.Event;
import org.eclipse.ui.IEditorPart;
import org.eclipse.ui.dialogs.PreferencesUtil;
import org.eclipse.ui.handlers.IHandlerService;
import org.handlelens.ui.HandleLensUi;
import org.handlelens.ui.editor.EditorOpener;
import org.handlelens.ui.editor.HandleLensEditor;
import org.handlelens.ui.handlers.LoadSymbolsHandler;
import org.handlelens.ui.preferences.SymbolsPropertyPage;
import org.handlelens.ui.project.TraceProjectSettings;
import org.handlelens.ui.project.TraceProjects;
import org.handlelens.ui.symbols.LoadSymbolsJob;
import org.handlelens.ui.symbols.SymbolSettings;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Project > Properties > HandleLens Symbols: a trace project's own symbol path is stored in the project
 * ({@code .settings/org.handlelens.ui.prefs}), survives closing and reopening the project, and is what Load
 * Symbols uses for a trace in that project; a trace outside it keeps the workspace preference.
 */
class ProjectSymbolPathTest {
    private static final String TRACE = "testdata/windbg/htrace-user-x86-cppresourceleaks.txt";
    private Path tmp;
    private IProject project;
    private String savedPath;

    @BeforeEach
    void setUp() throws Exception {
        tmp = Files.createTempDirectory("handlelens-projsym");
        IPreferenceStore prefs = HandleLensUi.getDefault().getPreferenceStore();
        savedPath = prefs.getString(SymbolSettings.KEY_SYMBOL_PATH);
        prefs.setValue(SymbolSettings.KEY_SYMBOL_PATH, "srv*" + tmp.resolve("ws-cache") + "*https://127.0.0.1:9/workspace");
        project = TraceProjects.create("SymbolsProject", null, null);
    }

    @AfterEach
    void tearDown() throws Exception {
        page().closeAllEditors(false);
        spin(100);
        HandleLensUi.getDefault().getPreferenceStore().setValue(SymbolSettings.KEY_SYMBOL_PATH, savedPath);
        project.delete(true, true, null);
        try (var walk = Files.walk(tmp)) {
            walk.sorted((a, b) -> b.getNameCount() - a.getNameCount()).forEach(p -> p.toFile().delete());
        }
    }

    private PreferenceDialog openProperties() {
        PreferenceDialog dialog = PreferencesUtil.createPropertyDialogOn(window().getShell(), project,
                SymbolsPropertyPage.ID, new String[] { SymbolsPropertyPage.ID }, null);
        assertNotNull(dialog, "the property page is offered for a trace project");
        dialog.setBlockOnOpen(false);
        dialog.open();
        dialog.getShell().setBounds(133, 64, 1100, 640);
        spin(200);
        return dialog;
    }

    private HandleLensEditor await(IEditorPart part) {
        assertNotNull(part);
        HandleLensEditor editor = (HandleLensEditor) part;
        waitUntil("model", 30_000, () -> editor.loadError() != null || editor.symbols() != null);
        assertNull(editor.loadError());
        return editor;
    }

    private Properties settingsFile() throws IOException {
        Path file = project.getLocation().toFile().toPath().resolve(".settings/org.handlelens.ui.prefs");
        Properties p = new Properties();
        try (InputStream in = Files.newInputStream(file)) {
            p.load(in);
        }
        return p;
    }

    @Test
    void projectOverrideIsStoredInTheProjectAndUsedForItsTraces() throws Exception {
        String workspacePath = HandleLensUi.getDefault().getPreferenceStore().getString(SymbolSettings.KEY_SYMBOL_PATH);
        Path folder = Files.createDirectories(tmp.resolve("project-symbols"));
        String projectPath = folder + ";srv*" + tmp.resolve("project-cache") + "*http://127.0.0.1:9/project";

        PreferenceDialog dialog = openProperties();
        try {
            SymbolsPropertyPage pageUi = (SymbolsPropertyPage) dialog.getSelectedPage();
            assertFalse(pageUi.useProjectButton().getSelection(), "a new project follows the workspace");
            assertEquals(workspacePath, pageUi.pathEditor().pathText().getText(), "the workspace path is shown");
            assertFalse(pageUi.pathEditor().pathText().isEnabled(), "read-only until the project overrides it");
            pageUi.useProjectButton().setSelection(true);
            pageUi.useProjectButton().notifyListeners(SWT.Selection, new Event());
            assertTrue(pageUi.pathEditor().pathText().isEnabled());
            pageUi.pathEditor().pathText().setText("srv*" + tmp + "*"); // malformed: no store
            assertFalse(pageUi.isValid());
            assertNotNull(pageUi.getErrorMessage());
            pageUi.pathEditor().pathText().setText(projectPath);
            assertTrue(pageUi.isValid(), String.valueOf(pageUi.getErrorMessage()));
            assertEquals(2, pageUi.pathEditor().elementTable().getItemCount());
            assertEquals("Folder", pageUi.pathEditor().elementTable().getItem(0).getText(0));
            assertEquals("Server", pageUi.pathEditor().elementTable().getItem(1).getText(0));
            Rectangle b = dialog.getShell().getBounds();
            dialog.getShell().getDisplay().setCursorLocation(b.x + 20, b.y + b.height - 20);
            screenshot("32-project-symbols-properties", dialog.getShell());
            assertTrue(pageUi.performOk()); // what OK does for each page
        } finally {
            dialog.close();
        }

        // persisted in the project folder, and read back from disk after closing and reopening the project
        assertEquals(projectPath, settingsFile().getProperty(TraceProjectSettings.KEY_SYMBOL_PATH));
        project.close(null);
        project.open(null);
        assertEquals(projectPath, new ProjectScope(project).getNode(HandleLensUi.PLUGIN_ID)
                .get(TraceProjectSettings.KEY_SYMBOL_PATH, null));
        assertEquals(projectPath, TraceProjectSettings.of(project).symbolPath());

        // a trace in the project: Load Symbols (the command) uses the project's path
        IFile trace = project.getFolder(TraceProjects.TRACES_FOLDER).getFile("htrace.txt");
        try (InputStream in = Files.newInputStream(shared(TRACE))) {
            trace.create(in, true, null);
        }
        HandleLensEditor inProject = await(EditorOpener.open(page(), trace));
        assertEquals(projectPath, inProject.symbols().settings().symbolPath());
        page().activate(inProject);
        Object job = window().getService(IHandlerService.class).executeCommand(LoadSymbolsHandler.COMMAND_ID, null);
        assertTrue(job instanceof LoadSymbolsJob, String.valueOf(job));
        assertEquals(projectPath, ((LoadSymbolsJob) job).settings().symbolPath());
        ((Job) job).cancel();
        ((Job) job).join(30_000, null);

        // the same file outside any project: the workspace preference
        Path outside = Files.copy(shared(TRACE), tmp.resolve("htrace-outside.txt"));
        HandleLensEditor elsewhere = await(EditorOpener.open(page(), outside.toFile()));
        assertEquals(workspacePath, elsewhere.symbols().settings().symbolPath());

        // clearing the override: the project follows the workspace again (open editors too)
        dialog = openProperties();
        try {
            SymbolsPropertyPage pageUi = (SymbolsPropertyPage) dialog.getSelectedPage();
            assertTrue(pageUi.useProjectButton().getSelection());
            assertEquals(projectPath, pageUi.pathEditor().pathText().getText());
            pageUi.useProjectButton().setSelection(false);
            pageUi.useProjectButton().notifyListeners(SWT.Selection, new Event());
            assertTrue(pageUi.performOk());
        } finally {
            dialog.close();
        }
        assertNull(TraceProjectSettings.of(project).symbolPath());
        assertFalse(settingsFile().containsKey(TraceProjectSettings.KEY_SYMBOL_PATH));
        assertEquals(workspacePath, inProject.symbols().settings().symbolPath());
    }
}
