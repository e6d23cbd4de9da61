package org.handlelens.ui.tests;

import static org.handlelens.ui.tests.UiTestSupport.page;
import static org.handlelens.ui.tests.UiTestSupport.screenshot;
import static org.handlelens.ui.tests.UiTestSupport.shared;
import static org.handlelens.ui.tests.UiTestSupport.spin;
import static org.handlelens.ui.tests.UiTestSupport.waitUntil;
import static org.handlelens.ui.tests.UiTestSupport.window;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import org.eclipse.core.resources.IFile;
import org.eclipse.core.resources.IFolder;
import org.eclipse.core.resources.IProject;
import org.eclipse.core.resources.IResource;
import org.eclipse.core.resources.ResourcesPlugin;
import org.eclipse.core.runtime.Adapters;
import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.jface.viewers.StructuredSelection;
import org.eclipse.jface.wizard.WizardDialog;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Event;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.Text;
import org.eclipse.swt.widgets.TreeItem;
import org.eclipse.ui.IEditorPart;
import org.eclipse.ui.IPageLayout;
import org.eclipse.ui.IWorkbenchPage;
import org.eclipse.ui.IWorkbenchPartReference;
import org.eclipse.ui.PlatformUI;
import org.eclipse.ui.navigator.CommonNavigator;
import org.eclipse.ui.navigator.CommonViewer;
import org.eclipse.ui.views.properties.IPropertySource;
import org.eclipse.ui.wizards.IWizardDescriptor;
import org.handlelens.ui.editor.HandleLensEditor;
import org.handlelens.ui.imports.Detection;
import org.handlelens.ui.imports.IndexTracesJob;
import org.handlelens.ui.imports.TraceDetector;
import org.handlelens.ui.imports.TraceImportJob;
import org.handlelens.ui.imports.TraceSummaries;
import org.handlelens.ui.HandleLensUi;
import org.handlelens.ui.load.ModelSourceRegistry;
import org.handlelens.ui.navigator.TracePropertySource;
import org.handlelens.ui.project.ImportMode;
import org.handlelens.ui.project.TraceIndexLocation;
import org.handlelens.ui.project.TraceProjectNature;
import org.handlelens.ui.project.TraceProjectSettings;
import org.handlelens.ui.project.TraceProjects;
import org.handlelens.ui.wizards.ImportTracesPage;
import org.handlelens.ui.wizards.ImportTracesWizard;
import org.handlelens.ui.wizards.NewTraceProjectWizard;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Workflow 2, "Import a trace project", as a user does it: the import wizard on real WinDbg files
 * (one rejected), the trace project it makes, the Project Explorer tree with processes, the editor;
 * the New Trace Project wizard; copy mode (from a temporary copy) as drag and drop does it.
 */
class ImportTraceProjectTest {
    private static final String SEED = "seeds/004_f02eea20df4c3f54.txt";
    private static final String HTRACE = "testdata/windbg/htrace-user-x86-cppresourceleaks.txt";
    private static final String NOT_WINDBG = "seeds/000_5228fb813c7e6f36.txt";

    private final List<IProject> created = new ArrayList<>();

    @AfterEach
    void cleanUp() throws Exception {
        page().closeAllEditors(false);
        for (IProject p : created) {
            // deleteContent=false: links into the read-only shared folder are only forgotten
            p.delete(false, true, null);
        }
        spin(100);
    }

    @Test
    void importWizardLinksTracesIndexesThemAndShowsProcessesInTheNavigator() throws Exception {
        Path seed = shared(SEED);
        Path htrace = shared(HTRACE);
        Path notWinDbg = shared(NOT_WINDBG);
        List<Path> sharedIndexesBefore = indexesIn(seed.getParent(), htrace.getParent());
        Shell shell = window().getShell();

        ImportTracesWizard wizard = new ImportTracesWizard();
        wizard.init(PlatformUI.getWorkbench(), StructuredSelection.EMPTY);
        WizardDialog dialog = new WizardDialog(shell, wizard);
        dialog.setBlockOnOpen(false);
        dialog.create();
        dialog.open();
        dialog.getShell().setBounds(183, 84, 1000, 600);
        ImportTracesPage importPage = wizard.page();

        importPage.setFiles(List.of(seed, htrace, notWinDbg));
        List<Detection> detections = importPage.detections();
        assertEquals(3, detections.size());
        assertTrue(detections.get(0).accepted(), detections.get(0).toString());
        assertEquals("windbg", detections.get(0).formatId());
        assertTrue(detections.get(0).confidence() >= 90, detections.get(0).toString());
        assertTrue(detections.get(1).accepted(), detections.get(1).toString());
        assertEquals("windbg", detections.get(1).formatId());
        Detection rejected = detections.get(2);
        assertFalse(rejected.accepted(), "the blog post is no WinDbg output: " + rejected);
        assertFalse(rejected.reason().isBlank(), "a reason is given");

        Table table = importPage.viewer().getTable();
        assertEquals(3, table.getItemCount());
        assertEquals("004_f02eea20df4c3f54.txt", table.getItem(0).getText(0));
        assertEquals("windbg", table.getItem(0).getText(1));
        assertEquals("Ready to import", table.getItem(0).getText(4));
        assertEquals("000_5228fb813c7e6f36.txt", table.getItem(2).getText(0));
        assertEquals("Rejected: " + rejected.reason(), table.getItem(2).getText(4), "the reason is shown");

        assertFalse(rejected.reason().contains(notWinDbg.getParent().toString()), "reason names the file only");
        assertTrue(importPage.summaryText().contains("000_5228fb813c7e6f36.txt: " + rejected.reason()),
                importPage.summaryText());

        importPage.setNewProjectName("Leak1");
        importPage.setMode(ImportMode.LINK);
        assertEquals(ImportMode.LINK, importPage.mode());
        assertTrue(wizard.canFinish());
        dialog.getShell().layout(true, true);
        screenshot("20-import-wizard", dialog.getShell());

        press(dialog.getShell(), "&Finish");
        waitUntil("wizard closed", 10_000, () -> dialog.getShell() == null || dialog.getShell().isDisposed());
        IndexTracesJob indexJob = wizard.indexJob();
        assertNotNull(indexJob, "indexing started");
        waitUntil("indexing done", 60_000, () -> indexJob.getResult() != null);
        assertTrue(indexJob.getResult().isOK(), indexJob.getResult().toString());

        IProject project = ResourcesPlugin.getWorkspace().getRoot().getProject("Leak1");
        created.add(project);
        assertTrue(project.isOpen());
        assertTrue(project.hasNature(TraceProjectNature.ID));
        IFolder traces = project.getFolder(TraceProjects.TRACES_FOLDER);
        assertEquals(List.of("004_f02eea20df4c3f54.txt", "htrace-user-x86-cppresourceleaks.txt"), visibleNames(traces));
        IFile seedTrace = traces.getFile("004_f02eea20df4c3f54.txt");
        assertTrue(seedTrace.isLinked(), "link mode links");
        assertEquals(seed.toRealPath(), seedTrace.getLocation().toFile().toPath().toRealPath());

        // settings persisted in the project
        IFile prefs = project.getFile(".settings/org.handlelens.ui.prefs");
        prefs.refreshLocal(IResource.DEPTH_ZERO, null);
        assertTrue(prefs.exists(), "settings file in .settings");
        String prefsText = Files.readString(prefs.getLocation().toFile().toPath());
        assertTrue(prefsText.contains(TraceProjectSettings.KEY_VERSION + "=1"), prefsText);
        assertTrue(prefsText.contains(TraceProjectSettings.KEY_IMPORT_MODE + "="), prefsText);

        // indexes in the project, none written into the shared folder
        Path seedIndex = TraceIndexLocation.of(seedTrace);
        assertTrue(seedIndex.startsWith(project.getLocation().toFile().toPath()), seedIndex.toString());
        assertTrue(Files.isRegularFile(seedIndex), "index written: " + seedIndex);
        assertEquals(sharedIndexesBefore, indexesIn(seed.getParent(), htrace.getParent()), "no index in ../shared");

        // the editor opened on the first accepted trace, from its index. (page() is read once: it
        // re-sizes the window, and SWT runs asyncExecs only when no other events are pending.)
        IWorkbenchPage wbPage = page();
        waitUntil("editor on the seed", 30_000, () -> wbPage.getActiveEditor() instanceof HandleLensEditor e
                && e.getEditorInput().getName().equals("004_f02eea20df4c3f54.txt") && e.handlesPage() != null
                && e.handlesPage().isReady());
        HandleLensEditor editor = (HandleLensEditor) wbPage.getActiveEditor();
        assertEquals(3, editor.model().rowCount(), "the seed's three smss.exe handles");

        // the Project Explorer shows the processes beneath the trace
        CommonNavigator navigator = (CommonNavigator) wbPage.showView(IPageLayout.ID_PROJECT_EXPLORER);
        CommonViewer viewer = navigator.getCommonViewer();
        viewer.expandToLevel(seedTrace, 1);
        waitUntil("processes beneath the seed trace", 30_000,
                () -> findItem(viewer.getTree().getItems(), "smss.exe (1276) \u2014 21 handles") != null);
        TreeItem traceItem = findItem(viewer.getTree().getItems(), "004_f02eea20df4c3f54.txt");
        assertNotNull(traceItem);
        List<String> children = Arrays.stream(traceItem.getItems()).map(TreeItem::getText).toList();
        assertEquals(List.of("System (4) \u2014 1056 handles", "winlogon.exe (1352) \u2014 986 handles",
                "csrss.exe (1324) \u2014 691 handles", "services.exe (1396) \u2014 396 handles",
                "smss.exe (1276) \u2014 21 handles"), children);
        assertNull(findItem(viewer.getTree().getItems(), "004_f02eea20df4c3f54.txt.hlidx"), "indexes hidden");
        viewer.setSelection(new StructuredSelection(seedTrace), true);
        wbPage.showView(IPageLayout.ID_PROP_SHEET);
        wbPage.activate(navigator);

        // Properties: the trace's format, size and processes
        TracePropertySource properties = assertInstanceOf(TracePropertySource.class,
                Adapters.adapt(seedTrace, IPropertySource.class));
        assertEquals("windbg", properties.value("Format"));
        assertEquals("5", properties.value("Processes"));
        assertEquals(String.format("%,d bytes", Files.size(seed)), properties.value("Size"));
        screenshot("21-navigator");
        IWorkbenchPartReference propertiesRef = wbPage.findViewReference(IPageLayout.ID_PROP_SHEET);
        wbPage.toggleZoom(propertiesRef);
        screenshot("22-trace-properties");
        wbPage.toggleZoom(propertiesRef);
        wbPage.activate(navigator);

        // double-click on the trace opens the handle table
        wbPage.closeAllEditors(false);
        spin(100);
        viewer.setSelection(new StructuredSelection(seedTrace), true);
        TreeItem seedItem = findItem(viewer.getTree().getItems(), "004_f02eea20df4c3f54.txt");
        // what SWT sends for a double-click (or Enter) on the item
        Event defaultSelection = new Event();
        defaultSelection.item = seedItem;
        viewer.getTree().notifyListeners(SWT.DefaultSelection, defaultSelection);
        waitUntil("editor after double-click", 30_000, () -> wbPage.getActiveEditor() instanceof HandleLensEditor e
                && e.getEditorInput().getName().equals("004_f02eea20df4c3f54.txt"));
    }

    @Test
    void copyModeImportCopiesRejectsUnknownFilesAndIndexesBesideTheCopy() throws Exception {
        Path temp = Files.createTempDirectory("handlelens-copy");
        Path seedCopy = Files.copy(shared(SEED), temp.resolve("seed004.txt"));
        Path notWinDbgCopy = Files.copy(shared(NOT_WINDBG), temp.resolve("notes.txt"));
        List<Detection> rejected = new ArrayList<>();
        // what a drop on the Project Explorer's empty space does: detect, copy, index
        TraceImportJob job = new TraceImportJob(List.of(temp), "Dropped1", ImportMode.COPY,
                ModelSourceRegistry.load(), rejected::addAll);
        job.schedule();
        IProject project = ResourcesPlugin.getWorkspace().getRoot().getProject("Dropped1");
        created.add(project);
        waitUntil("import done", 30_000, () -> job.getResult() != null);
        assertTrue(job.getResult().isOK(), job.getResult().toString());
        waitUntil("indexing done", 60_000, () -> job.indexJob() != null && job.indexJob().getResult() != null);
        Job.getJobManager().join(IndexTracesJob.FAMILY, null);

        assertEquals(1, rejected.size());
        assertEquals(notWinDbgCopy, rejected.get(0).file());
        assertTrue(TraceProjects.isTraceProject(project));
        IFile copy = project.getFolder(TraceProjects.TRACES_FOLDER).getFile("seed004.txt");
        assertTrue(copy.exists());
        assertFalse(copy.isLinked(), "copy mode copies");
        assertEquals(Files.readString(seedCopy), Files.readString(copy.getLocation().toFile().toPath()));
        Path index = TraceIndexLocation.of(copy);
        assertEquals(copy.getLocation().toFile().toPath().resolveSibling("seed004.txt.hlidx"), index,
                "a copy's index lies beside it, where the command line looks too");
        assertTrue(Files.isRegularFile(index));
        IFile indexResource = project.getFolder(TraceProjects.TRACES_FOLDER).getFile("seed004.txt.hlidx");
        assertTrue(indexResource.exists() && indexResource.isHidden(), "index known to the workspace, hidden");
        assertEquals(List.of("seed004.txt"), visibleNames(project.getFolder(TraceProjects.TRACES_FOLDER)));
        TraceSummaries summaries = HandleLensUi.getDefault().traceSummaries();
        assertEquals(5, summaries.get(copy).processes().size());

        // as after a restart: nothing in memory; expanding the trace reads the persisted index in a Job
        java.nio.file.attribute.FileTime indexTime = Files.getLastModifiedTime(index);
        summaries.forget(copy);
        IWorkbenchPage wbPage = page();
        CommonNavigator navigator = (CommonNavigator) wbPage.showView(IPageLayout.ID_PROJECT_EXPLORER);
        CommonViewer viewer = navigator.getCommonViewer();
        viewer.refresh(copy);
        viewer.expandToLevel(copy, 1);
        waitUntil("processes read from the index", 30_000,
                () -> findItem(viewer.getTree().getItems(), "smss.exe (1276) \u2014 21 handles") != null);
        assertEquals(indexTime, Files.getLastModifiedTime(index), "the index was read, not rewritten");

        // Import from the project's context menu: the wizard targets the selected trace project
        ImportTracesWizard wizard = new ImportTracesWizard();
        wizard.init(PlatformUI.getWorkbench(), new StructuredSelection(copy));
        WizardDialog dialog = new WizardDialog(window().getShell(), wizard);
        dialog.setBlockOnOpen(false);
        dialog.create();
        try {
            assertFalse(wizard.page().isNewProject());
            assertEquals("Dropped1", wizard.page().targetProjectName());
        } finally {
            dialog.close();
        }
    }

    @Test
    void addFolderDetectsEtlTracesAndRejectsOtherTextWithReasons() throws Exception {
        Path folder = shared("testdata/etl");
        List<Path> candidates = TraceDetector.expand(List.of(folder));
        assertTrue(candidates.contains(folder.resolve("lxcore_kernel.etl")));
        assertFalse(candidates.stream().anyMatch(p -> p.toString().endsWith(".zip")), "only .etl/.txt/.log");
        TraceDetector detector = new TraceDetector(ModelSourceRegistry.load());
        for (Path p : candidates) {
            Detection d = detector.detect(p, org.handlelens.model.ProgressMonitor.NULL);
            if (p.toString().endsWith(".etl")) {
                assertTrue(d.accepted(), d.toString());
                assertEquals("etl", d.formatId(), d.toString());
                assertTrue(d.confidence() >= TraceDetector.CERTAIN, d.toString());
            } else {
                assertFalse(d.accepted(), "a summary/baseline text is no WinDbg output: " + d);
                assertFalse(d.reason().isBlank(), d.toString());
            }
        }
    }

    @Test
    void newTraceProjectWizardMakesATraceProjectAndIsOnTheNewShortlist() throws Exception {
        assertTrue(Arrays.asList(page().getNewWizardShortcuts()).contains(NewTraceProjectWizard.ID),
                "File > New lists HandleLens Trace Project");
        IWizardDescriptor importWizard = PlatformUI.getWorkbench().getImportWizardRegistry()
                .findWizard(ImportTracesWizard.ID);
        assertNotNull(importWizard, "File > Import > HandleLens > Trace Files");
        assertEquals("HandleLens", importWizard.getCategory().getLabel());

        NewTraceProjectWizard wizard = new NewTraceProjectWizard();
        wizard.init(PlatformUI.getWorkbench(), StructuredSelection.EMPTY);
        WizardDialog dialog = new WizardDialog(window().getShell(), wizard);
        dialog.setBlockOnOpen(false);
        dialog.create();
        dialog.open();
        Text name = findFirst(dialog.getShell(), Text.class);
        assertNotNull(name, "project name field");
        name.setText("Traces2");
        spin(100);
        press(dialog.getShell(), "&Finish");
        waitUntil("wizard closed", 10_000, () -> dialog.getShell() == null || dialog.getShell().isDisposed());

        IProject project = ResourcesPlugin.getWorkspace().getRoot().getProject("Traces2");
        created.add(project);
        assertTrue(project.hasNature(TraceProjectNature.ID));
        assertTrue(project.getFolder(TraceProjects.TRACES_FOLDER).exists());
        assertTrue(Files.isRegularFile(project.getLocation().toFile().toPath()
                .resolve(".settings/org.handlelens.ui.prefs")));
        assertEquals(ImportMode.COPY, TraceProjectSettings.of(project).importMode());
    }

    private static List<String> visibleNames(IFolder folder) throws Exception {
        return Arrays.stream(folder.members()).map(IResource::getName).sorted().toList();
    }

    private static List<Path> indexesIn(Path... dirs) throws Exception {
        List<Path> result = new ArrayList<>();
        for (Path d : dirs) {
            try (Stream<Path> s = Files.list(d)) {
                s.filter(p -> p.getFileName().toString().endsWith(".hlidx")).sorted().forEach(result::add);
            }
        }
        return result;
    }

    private static TreeItem findItem(TreeItem[] items, String text) {
        for (TreeItem item : items) {
            if (text.equals(item.getText())) {
                return item;
            }
            TreeItem inner = findItem(item.getItems(), text);
            if (inner != null) {
                return inner;
            }
        }
        return null;
    }

    private static void press(Composite root, String label) {
        Button button = findButton(root, label);
        if (button == null) {
            fail("no button " + label);
        }
        assertTrue(button.isEnabled(), label + " enabled");
        button.notifyListeners(SWT.Selection, new org.eclipse.swt.widgets.Event());
    }

    private static Button findButton(Composite root, String label) {
        for (Control c : root.getChildren()) {
            if (c instanceof Button b && label.equals(b.getText())) {
                return b;
            }
            if (c instanceof Composite inner) {
                Button b = findButton(inner, label);
                if (b != null) {
                    return b;
                }
            }
        }
        return null;
    }

    private static <T extends Control> T findFirst(Composite root, Class<T> type) {
        for (Control c : root.getChildren()) {
            if (type.isInstance(c) && c.isVisible()) {
                return type.cast(c);
            }
            if (c instanceof Composite inner) {
                T t = findFirst(inner, type);
                if (t != null) {
                    return t;
                }
            }
        }
        return null;
    }
}
