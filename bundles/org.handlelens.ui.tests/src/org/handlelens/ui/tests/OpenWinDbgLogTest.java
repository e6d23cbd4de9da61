package org.handlelens.ui.tests;

import static org.handlelens.ui.tests.UiTestSupport.page;
import static org.handlelens.ui.tests.UiTestSupport.screenshot;
import static org.handlelens.ui.tests.UiTestSupport.shared;
import static org.handlelens.ui.tests.UiTestSupport.spin;
import static org.handlelens.ui.tests.UiTestSupport.waitUntil;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.TableItem;
import org.eclipse.ui.IEditorPart;
import org.handlelens.ui.HandleLensPerspective;
import org.handlelens.ui.editor.EditorOpener;
import org.handlelens.ui.editor.HandleLensEditor;
import org.handlelens.ui.editor.HandleTablePage;
import org.handlelens.ui.editor.ProcessesPage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Opens real WinDbg output in the handle editor, as File > Open File does, and checks what is shown. */
class OpenWinDbgLogTest {

    @AfterEach
    void closeEditors() {
        page().closeAllEditors(false);
        spin(100);
    }

    private static HandleLensEditor open(String sharedFile) {
        IEditorPart part = EditorOpener.open(page(), shared(sharedFile).toFile());
        assertNotNull(part, "editor opened");
        HandleLensEditor editor = (HandleLensEditor) part;
        waitUntil("model of " + sharedFile, 30_000,
                () -> editor.loadError() != null || (editor.handlesPage() != null && editor.handlesPage().isReady()));
        return editor;
    }

    @Test
    void productStartsInHandleLensPerspectiveWithWelcome() throws Exception {
        assertEquals(HandleLensPerspective.ID, page().getPerspective().getId());
        page().openEditor(org.handlelens.ui.welcome.WelcomeInput.INSTANCE, org.handlelens.ui.welcome.WelcomeEditor.ID);
        spin(200);
        assertEquals("Welcome", page().getActiveEditor().getTitle());
        screenshot("00-welcome");
    }

    @Test
    void seedShowsSmssHandlesWithWpaColumns() throws Exception {
        HandleLensEditor editor = open("seeds/004_f02eea20df4c3f54.txt");
        assertNull(editor.loadError());
        editor.showPage(HandleLensEditor.PAGE_HANDLES);
        HandleTablePage handles = editor.handlesPage();
        Table table = handles.viewer().getTable();

        List<String> titles = new ArrayList<>();
        for (var c : table.getColumns()) {
            titles.add(c.getText());
        }
        assertEquals(List.of("Closing Process", "Owning Process", "Handle Type", "Creating Process", "Create Stack",
                "Handle", "Object", "Name", "Granted Access", "Create Time", "Close Time"), titles);

        assertEquals(3, table.getItemCount());
        Map<String, String[]> byType = new TreeMap<>();
        for (int i = 0; i < table.getItemCount(); i++) {
            TableItem item = table.getItem(i);
            String[] cells = new String[titles.size()];
            for (int c = 0; c < cells.length; c++) {
                cells[c] = item.getText(c);
            }
            byType.put(cells[2], cells);
        }
        assertEquals(List.of("File", "KeyedEvent", "Port"), new ArrayList<>(byType.keySet()));
        String[] keyed = byType.get("KeyedEvent");
        assertEquals("Unknown", keyed[0], "Closing Process: still open at snapshot time");
        assertEquals("smss.exe (1276)", keyed[1]);
        assertEquals("Unknown", keyed[3], "Creating Process: existed before the snapshot");
        assertTrue(keyed[6].equalsIgnoreCase("0xe1009568"), keyed[6]);
        assertEquals("CritSecOutOfMemoryEvent", keyed[7]);
        assertEquals("\\WINDOWS {HarddiskVolume1}", byType.get("File")[7]);
        assertEquals("SmApiPort", byType.get("Port")[7]);
        // Selecting a row shows it in the Properties view and Copy gives tab-separated text.
        handles.viewer().getTable().setSelection(0);
        handles.viewer().getTable().notifyListeners(org.eclipse.swt.SWT.Selection, new org.eclipse.swt.widgets.Event());
        org.eclipse.jface.viewers.IStructuredSelection sel = handles.viewer().getStructuredSelection();
        assertEquals(1, sel.size());
        org.eclipse.ui.views.properties.IPropertySource props = ((org.eclipse.core.runtime.IAdaptable) sel.getFirstElement())
                .getAdapter(org.eclipse.ui.views.properties.IPropertySource.class);
        assertNotNull(props);
        assertEquals("smss.exe (1276)", props.getPropertyValue("Handle/Owning Process"));
        String copied = handles.selectionAsText();
        assertTrue(copied.startsWith("Closing Process\tOwning Process\tHandle Type"), copied);
        assertEquals(2, copied.split("\n").length);
        page().showView(org.eclipse.ui.IPageLayout.ID_PROP_SHEET);
        page().activate(editor);
        editor.showPage(HandleLensEditor.PAGE_HANDLES);
        screenshot("01-seed-handles");

        // The filter box narrows the rows (computed in a Job, then shown).
        handles.filterText().setText("port");
        waitUntil("filtered rows", 10_000, () -> handles.isReady() && handles.visibleRowCount() == 1);
        spin(100);
        assertEquals(1, table.getItemCount());
        assertEquals("Port", table.getItem(0).getText(2));
        handles.filterText().setText("");
        waitUntil("unfiltered rows", 10_000, () -> handles.isReady() && handles.visibleRowCount() == 3);

        // Processes page: the five processes of !process 0 0, by handle count.
        ProcessesPage processes = editor.processesPage();
        waitUntil("processes counted", 30_000, processes::isReady);
        assertEquals(5, processes.rows().size());
        Map<String, Long> counts = new TreeMap<>();
        for (ProcessesPage.ProcessRow r : processes.rows()) {
            counts.put(r.process().image(), r.process().handleCount());
        }
        assertEquals(Map.of("System", 1056L, "smss.exe", 21L, "csrss.exe", 691L, "winlogon.exe", 986L,
                "services.exe", 396L), counts);
        Table pt = processes.viewer().getTable();
        assertEquals("System (4)", pt.getItem(0).getText(0), "sorted by handle count, largest first");
        editor.showPage(HandleLensEditor.PAGE_PROCESSES);
        screenshot("02-seed-processes");
    }

    @Test
    void htraceLogShowsCreateStacksAndOutstandingHandles() throws Exception {
        HandleLensEditor editor = open("testdata/windbg/htrace-user-x86-cppresourceleaks.txt");
        assertNull(editor.loadError());
        editor.showPage(HandleLensEditor.PAGE_HANDLES);
        HandleTablePage handles = editor.handlesPage();
        Table table = handles.viewer().getTable();
        int all = table.getItemCount();
        assertTrue(all > 0, "htrace records shown");
        boolean anyStack = false;
        for (int i = 0; i < all; i++) {
            anyStack |= !table.getItem(i).getText(4).isEmpty();
        }
        assertTrue(anyStack, "create stacks are shown");
        handles.outstandingOnlyButton().setSelection(true);
        handles.outstandingOnlyButton().notifyListeners(org.eclipse.swt.SWT.Selection, new org.eclipse.swt.widgets.Event());
        waitUntil("outstanding rows", 10_000, () -> handles.isReady() && handles.visibleRowCount() < all);
        assertEquals(countOutstanding(editor), handles.visibleRowCount());
        for (int i = 0; i < table.getItemCount(); i++) {
            assertEquals("Unknown", table.getItem(i).getText(0), "outstanding = Closing Process Unknown");
        }
        screenshot("03-htrace-outstanding");

        // Leak Suspects page: the real leaking create stack of the sample is named; a double-click
        // (here: the same action) shows the suspect's handles in the Handles page.
        editor.showPage(HandleLensEditor.PAGE_SUSPECTS);
        org.handlelens.ui.editor.SuspectsPage suspects = editor.suspectsPage();
        waitUntil("suspects", 20_000, suspects::isReady);
        assertTrue(suspects.report().suspects().stream()
                .anyMatch(s -> s.sentence().contains("CppResourceLeaks!LeakFileHandle")), "names LeakFileHandle");
        screenshot("07-htrace-suspects");
        org.handlelens.model.analysis.LeakSuspect first = suspects.report().suspects().get(0);
        handles.outstandingOnlyButton().setSelection(false);
        handles.restrictTo(first.leakedRows(), "suspect #1");
        waitUntil("suspect rows", 10_000, () -> handles.isReady() && handles.visibleRowCount() == first.leakedRows().size());
        handles.restrictTo(null, null);
        waitUntil("all rows again", 10_000, () -> handles.isReady() && handles.visibleRowCount() == all);

        // Groups page: Owning Process > Handle Type > Create Stack over outstanding handles.
        editor.showPage(HandleLensEditor.PAGE_GROUPS);
        org.handlelens.ui.editor.GroupsPage groups = editor.groupsPage();
        waitUntil("groups", 10_000, groups::isReady);
        assertEquals(countOutstanding(editor), groups.tree().outstanding());
        assertEquals(groups.tree().outstanding(),
                groups.tree().children().stream().mapToLong(n -> n.outstanding()).sum(), "levels add up");
        assertTrue(groups.viewer().getTree().getItemCount() > 0);
        screenshot("04-htrace-groups");

        // Stacks page: the outstanding handles' create stacks as a call tree, heaviest path open.
        editor.showPage(HandleLensEditor.PAGE_STACKS);
        org.handlelens.ui.editor.StacksPage stacks = editor.stacksPage();
        waitUntil("stacks", 10_000, stacks::isReady);
        assertEquals(countOutstanding(editor), stacks.tree().outstanding());
        stacks.calleesFirstButton().setSelection(true);
        stacks.refresh();
        waitUntil("callee tree", 10_000, () -> stacks.isReady()
                && stacks.tree().children().stream().anyMatch(n -> n.frame().contains("ntdll!")));
        screenshot("06-htrace-stacks");

        // Chart page: a snapshot-like source (no times) is drawn as bars per process.
        editor.showPage(HandleLensEditor.PAGE_CHART);
        org.handlelens.ui.editor.ChartPage chart = editor.chartPage();
        waitUntil("chart", 10_000, chart::isReady);
        assertEquals(1, chart.seriesCount());
        screenshot("05-htrace-chart");
    }

    private static int countOutstanding(HandleLensEditor editor) {
        int n = 0;
        for (int row = 0; row < editor.model().rowCount(); row++) {
            if (editor.model().isOutstanding(row)) {
                n++;
            }
        }
        return n;
    }

    @Test
    void realEtlTraceOpensWithItsProcesses() throws Exception {
        // A real kernel trace written by Windows (process/image events, no handle events).
        HandleLensEditor editor = open("testdata/etl/ShutdownPerfDiagLogger.etl");
        assertNull(editor.loadError(), editor.loadError());
        assertEquals("etl", editor.model().source().format());
        ProcessesPage processes = editor.processesPage();
        waitUntil("processes counted", 30_000, processes::isReady);
        assertTrue(processes.rows().size() > 10, "processes from the trace: " + processes.rows().size());
        assertTrue(processes.rows().stream().anyMatch(r -> r.process().image().equalsIgnoreCase("svchost.exe")),
                "svchost.exe among the trace's processes");
        editor.showPage(HandleLensEditor.PAGE_PROCESSES);
        screenshot("08-etl-processes");
    }

    @Test
    void nonWinDbgTextIsRejectedWithAReadableMessage() {
        HandleLensEditor editor = open("seeds/000_5228fb813c7e6f36.txt");
        assertNotNull(editor.loadError());
        assertTrue(editor.loadError().contains("000_5228fb813c7e6f36.txt"), editor.loadError());
        assertNull(editor.handlesPage());
    }
}
