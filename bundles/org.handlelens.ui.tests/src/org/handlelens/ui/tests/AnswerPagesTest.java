package org.handlelens.ui.tests;

import static org.handlelens.ui.tests.UiTestSupport.page;
import static org.handlelens.ui.tests.UiTestSupport.screenshot;
import static org.handlelens.ui.tests.UiTestSupport.shared;
import static org.handlelens.ui.tests.UiTestSupport.spin;
import static org.handlelens.ui.tests.UiTestSupport.waitUntil;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Event;
import org.eclipse.swt.widgets.Tree;
import org.eclipse.swt.widgets.TreeItem;
import org.eclipse.ui.IEditorPart;
import org.handlelens.etw.writer.EtlTraceWriter;
import org.handlelens.etw.writer.KernelPayloads;
import org.handlelens.model.HandleModel;
import org.handlelens.model.analysis.LeakSuspect;
import org.handlelens.model.analysis.ProcessOverview;
import org.handlelens.model.query.CountOverTime;
import org.handlelens.model.query.Diff;
import org.handlelens.ui.editor.DiffPage;
import org.handlelens.ui.editor.DiffPoint;
import org.handlelens.ui.editor.EditorOpener;
import org.handlelens.ui.editor.HandleLensEditor;
import org.handlelens.ui.editor.OverviewPage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The Overview and Diff pages on real WinDbg output and on an ETL trace written by the test writer and
 * read by the real ETL importer: what they show, and where their links and double-clicks lead.
 */
class AnswerPagesTest {
    private static final int PROCESS = 0x03, OBJECT = 0x11, STACK = 0x18;
    private static final int EVENT = 16, FILE = 37;
    /** Events leaked by leaker.exe: more than 10,000, so the process is flagged. */
    private static final int LEAKED = 10_050;

    @AfterEach
    void closeEditors() {
        page().closeAllEditors(false);
        spin(100);
    }

    private static HandleLensEditor open(File file) {
        IEditorPart part = EditorOpener.open(page(), file);
        assertNotNull(part, "editor opened");
        HandleLensEditor editor = (HandleLensEditor) part;
        waitUntil("model of " + file, 60_000,
                () -> editor.loadError() != null || (editor.handlesPage() != null && editor.handlesPage().isReady()));
        assertNull(editor.loadError(), editor.loadError());
        return editor;
    }

    /**
     * leaker.exe (pid 100) creates {@value #LEAKED} Events 1 ms apart from two create stacks and never
     * closes them; churn.exe (pid 200) opens and closes a File 300 times; type names come from the
     * rundown at the end. About 10.7 s long.
     */
    private Path generatedTrace() throws IOException {
        EtlTraceWriter w = new EtlTraceWriter(8, 2, 65536, 5_000_000L);
        KernelPayloads kp = new KernelPayloads(8);
        long ms = 1_000_000L;
        w.kernel(0, EtlTraceWriter.SYSTEM, PROCESS, 1, 4, 4, 8, w.ts(1 * ms), kp.process(4, 0xFFFFC28300001000L, 100,
                4, 1, 259, 0x1000, 0, null, "leaker.exe", "leaker.exe", 0));
        w.kernel(1, EtlTraceWriter.SYSTEM, PROCESS, 1, 4, 4, 8, w.ts(1 * ms + 10), kp.process(4,
                0xFFFFC28300002000L, 200, 4, 1, 259, 0x2000, 0, null, "churn.exe", "churn.exe", 0));
        long object = 0xFFFFC28400000000L;
        long t = 2 * ms;
        for (int i = 0; i < LEAKED; i++) {
            long ts = w.ts(t += ms);
            w.kernel(0, EtlTraceWriter.SYSTEM, OBJECT, 32, 2, 100, 104, ts, kp.handle(object + i * 0x40L, 0x40 + 4 * i,
                    EVENT));
            w.kernel(0, EtlTraceWriter.PERFINFO, STACK, 32, 2, -1, -1, ts, kp.stack(ts, 100, 104,
                    0xFFFFF80000100000L, 0x00007FF600001000L + i % 2));
            if (i % 33 == 0) {
                w.kernel(1, EtlTraceWriter.SYSTEM, OBJECT, 32, 2, 200, 204, w.ts(t + ms / 4), kp.handle(object
                        - 0x1000, 0x100, FILE));
                w.kernel(1, EtlTraceWriter.SYSTEM, OBJECT, 33, 2, 200, 204, w.ts(t + ms / 2), kp.handle(object
                        - 0x1000, 0x100, FILE));
            }
        }
        t += 10 * ms;
        w.kernel(0, EtlTraceWriter.PERFINFO, OBJECT, 37, 2, -1, -1, w.ts(t += ms), kp.typeName(EVENT, "Event"));
        w.kernel(0, EtlTraceWriter.PERFINFO, OBJECT, 37, 2, -1, -1, w.ts(t += ms), kp.typeName(FILE, "File"));
        Path dir = Files.createTempDirectory("answer-pages");
        dir.toFile().deleteOnExit();
        Path f = dir.resolve("generated-leak.etl");
        f.toFile().deleteOnExit();
        w.write(f);
        return f;
    }

    @Test
    void overviewOfHtraceLogNamesTheLeakAndLinksIntoThePages() throws Exception {
        HandleLensEditor editor = open(shared("testdata/windbg/htrace-user-x86-cppresourceleaks.txt").toFile());
        assertEquals(HandleLensEditor.PAGE_OVERVIEW, editor.getActivePage(), "the overview is shown first");
        OverviewPage overview = editor.overviewPage();
        waitUntil("overview", 30_000, overview::isReady);
        assertEquals("WinDbg output", overview.facts().get("Format"));
        assertEquals("htrace-user-x86-cppresourceleaks.txt", overview.facts().get("File"));
        assertEquals("a snapshot (no times)", overview.facts().get("Time span"));
        assertTrue(overview.facts().get("Handles").startsWith(String.format("%,d (", editor.model().rowCount())),
                overview.facts().get("Handles"));

        // The suspects are the Leak Suspects page's, as sentences; the real leaking function is named.
        List<LeakSuspect> suspects = editor.suspectsPage().report().suspects();
        assertFalse(suspects.isEmpty());
        String markup = overview.suspectsMarkup();
        for (LeakSuspect s : suspects.subList(0, Math.min(OverviewPage.TOP_SUSPECTS, suspects.size()))) {
            assertTrue(markup.contains(escaped(s.sentence())), "sentence of #" + s.rank() + " in " + markup);
        }
        assertTrue(markup.contains("CppResourceLeaks!LeakFileHandle"), markup);
        maximizedScreenshot(editor, "36-overview-htrace");

        // "Handles" of suspect #1: the Handles page restricted to its leaked handles.
        LeakSuspect first = suspects.get(0);
        overview.follow("handles:" + first.rank());
        assertEquals(HandleLensEditor.PAGE_HANDLES, editor.getActivePage());
        waitUntil("suspect's handles", 10_000, () -> editor.handlesPage().isReady()
                && editor.handlesPage().visibleRowCount() == first.leakedRows().size());

        // "Details": the Leak Suspects page with that suspect selected.
        overview.follow("suspect:" + first.rank());
        assertEquals(HandleLensEditor.PAGE_SUSPECTS, editor.getActivePage());
        assertEquals(first.rank(), editor.suspectsPage().selectedSuspect().rank());

        // A type link: the handles of that type.
        long firstTypeCount = overview.data().byType().groups().get(0).count();
        overview.follow("type:0");
        waitUntil("type's handles", 10_000, () -> editor.handlesPage().isReady()
                && editor.handlesPage().visibleRowCount() == firstTypeCount);
    }

    @Test
    void overviewOfGeneratedTraceFlagsTheProcessAbove10000() throws Exception {
        HandleLensEditor editor = open(generatedTrace().toFile());
        OverviewPage overview = editor.overviewPage();
        waitUntil("overview", 60_000, overview::isReady);
        assertEquals("ETW trace (.etl)", overview.facts().get("Format"));
        assertTrue(overview.facts().get("Time span").endsWith(" s"), overview.facts().get("Time span"));
        ProcessOverview.Result expected = ProcessOverview.of(editor.model(), 2);
        assertEquals(1, expected.flagged().size(), "only leaker.exe is above 10,000");
        ProcessOverview.ProcessRow leaker = expected.flagged().get(0);
        assertEquals("leaker.exe", leaker.image());
        assertEquals(LEAKED, leaker.handleCount());
        String processes = overview.processesMarkup();
        assertTrue(processes.contains("1 process has more than 10,000 handles"), processes);
        assertTrue(processes.contains("\u2691 </span><a href=\"process:" + leaker.processKey() + "\">"
                + escaped(leaker.label()) + "</a> <span color=\"flag\" font=\"bold\">10,050 handles"), processes);
        assertFalse(processes.contains("\u2691 </span><a href=\"process:" + expected.processes().get(1).processKey()),
                "churn.exe is not flagged: " + processes);
        LeakSuspect top = editor.suspectsPage().report().suspects().get(0);
        assertTrue(top.sentence().startsWith("leaker.exe"), top.sentence());
        assertTrue(overview.suspectsMarkup().contains(escaped(top.sentence())), overview.suspectsMarkup());
        assertTrue(overview.typesMarkup().contains(">Event</a> 10,050 open at the end of 10,050"),
                overview.typesMarkup());
        assertTrue(overview.chartSeriesCount() >= 1, "the small chart draws the processes");
        maximizedScreenshot(editor, "33-overview");

        // a process link: that process's handles
        overview.follow("process:" + leaker.processKey());
        waitUntil("leaker's handles", 10_000, () -> editor.handlesPage().isReady()
                && editor.handlesPage().visibleRowCount() == LEAKED);
    }

    @Test
    void diffOfTwoTimesMatchesTheModelAndDoubleClickShowsTheGroup() throws Exception {
        HandleLensEditor editor = open(generatedTrace().toFile());
        HandleModel model = editor.model();
        editor.showPage(HandleLensEditor.PAGE_DIFF);
        DiffPage diff = editor.diffPage();
        // opened with "from 0 to the end"; now from 4 s to 8 s
        waitUntil("first diff", 30_000, diff::isReady);
        diff.from().set(DiffPoint.Kind.THIS_SOURCE, "4");
        diff.to().set(DiffPoint.Kind.THIS_SOURCE, "8");
        diff.compare();
        waitUntil("diff 4 s..8 s", 30_000, () -> diff.isReady() && diff.shown() != null
                && diff.shown().fromText().equals("4.000 s"));
        Diff.Result expected = Diff.between(model, 4_000_000_000L, 8_000_000_000L, Diff.DEFAULT_COLUMNS);
        Diff.Result shown = diff.shown().result();
        assertEquals(expected.added().totalCount(), shown.added().totalCount());
        assertEquals(expected.closed().totalCount(), shown.closed().totalCount());
        assertEquals(expected.stillOpen().totalCount(), shown.stillOpen().totalCount());
        // about 4,000 Events created in (4 s, 8 s], all still open; the ~1,990 before 4 s open at both
        assertTrue(expected.added().totalCount() > 3_900 && expected.added().totalCount() < 4_100,
                "new: " + expected.added().totalCount());
        assertTrue(expected.closed().totalCount() <= 1, "no leaked Event is closed: " + expected.closed().totalCount());
        assertTrue(diff.summaryText().contains(String.format("%,d new, %,d closed, %,d still open",
                expected.added().totalCount(), expected.closed().totalCount(), expected.stillOpen().totalCount())),
                diff.summaryText());

        // the tree: New > leaker.exe (100) > Event > two create stacks, counts as the model's groups
        Tree tree = diff.viewer().getTree();
        assertEquals(3, tree.getItemCount());
        TreeItem added = tree.getItem(0);
        assertTrue(added.getText(0).startsWith("New: open at 8.000 s, not at 4.000 s"), added.getText(0));
        assertEquals(String.format("%,d", expected.added().totalCount()), added.getText(1));
        TreeItem process = added.getItem(0);
        assertTrue(process.getText(0).startsWith("Owning Process: leaker.exe (100)"), process.getText(0));
        DiffPage.Line processLine = (DiffPage.Line) process.getData();
        assertEquals(2, processLine.children().get(0).children().size(), "two create stacks under Event");
        screenshot("34-diff");

        // double-click the process group: the Handles page shows exactly those handles
        tree.setSelection(process);
        Event e = new Event();
        e.item = process;
        tree.notifyListeners(SWT.DefaultSelection, e);
        waitUntil("Handles page", 10_000, () -> editor.getActivePage() == HandleLensEditor.PAGE_HANDLES);
        waitUntil("group's handles", 10_000, () -> editor.handlesPage().isReady()
                && editor.handlesPage().visibleRowCount() == processLine.count());
        assertTrue(processLine.count() > 3_900, "leaker.exe's new Events: " + processLine.count());

        // a wrong range is refused with a message, not an exception
        diff.from().set(DiffPoint.Kind.THIS_SOURCE, "9");
        diff.to().set(DiffPoint.Kind.THIS_SOURCE, "3");
        diff.compare();
        waitUntil("refused range", 10_000, () -> diff.isReady() && diff.summaryText().startsWith("Could not compare"));
        assertTrue(diff.summaryText().contains("before"), diff.summaryText());
        assertTrue(CountOverTime.spanNanos(model) > 9_000_000_000L);

        // "Chart Range": the range dragged on the Outstanding Chart (here: its method) becomes from/to
        editor.showPage(HandleLensEditor.PAGE_CHART);
        waitUntil("chart", 20_000, editor.chartPage()::isReady);
        editor.chartPage().selectRange(2.0, 6.5);
        editor.showPage(HandleLensEditor.PAGE_DIFF);
        diff.useChartRange();
        waitUntil("diff of the chart range", 30_000, () -> diff.isReady() && diff.shown() != null
                && diff.shown().toText().equals("6.500 s"));
        assertEquals("2.000 s", diff.shown().fromText());
        Diff.Result ranged = Diff.between(model, 2_000_000_000L, 6_500_000_000L, Diff.DEFAULT_COLUMNS);
        assertEquals(ranged.added().totalCount(), diff.shown().result().added().totalCount());
        assertEquals(ranged.stillOpen().totalCount(), diff.shown().result().stillOpen().totalCount());
        assertEquals(ranged.closed().totalCount(), diff.shown().result().closed().totalCount());
    }

    @Test
    void diffOfTwoWinDbgSnapshotsMatchesTheModel() throws Exception {
        HandleLensEditor other = open(shared("testdata/windbg/handle-examples-docs.txt").toFile());
        HandleLensEditor editor = open(shared("seeds/004_f02eea20df4c3f54.txt").toFile());
        editor.showPage(HandleLensEditor.PAGE_DIFF);
        DiffPage diff = editor.diffPage();
        // a snapshot: "from" is another file, and the other open editor's file is offered
        assertEquals(DiffPoint.Kind.OTHER_FILE, diff.from().kind());
        Path otherFile = shared("testdata/windbg/handle-examples-docs.txt").toAbsolutePath().normalize();
        assertEquals(List.of(otherFile.toString()), diff.from().offered());
        diff.from().set(DiffPoint.Kind.OTHER_FILE, otherFile.toString());
        diff.compare();
        waitUntil("snapshot diff", 30_000, () -> diff.isReady() && diff.shown() != null);
        Diff.Result expected = Diff.between(other.model(), editor.model(), Diff.DEFAULT_COLUMNS);
        Diff.Result shown = diff.shown().result();
        assertEquals(expected.added().totalCount(), shown.added().totalCount());
        assertEquals(expected.closed().totalCount(), shown.closed().totalCount());
        assertEquals(expected.stillOpen().totalCount(), shown.stillOpen().totalCount());
        assertEquals(editor.model().rowCount(), shown.added().totalCount() + shown.stillOpen().totalCount(),
                "every handle of this snapshot is new or still open");
        assertTrue(shown.closed().totalCount() > 0, "the other snapshot's handles are gone");
        Tree tree = diff.viewer().getTree();
        assertEquals(String.format("%,d", expected.closed().totalCount()), tree.getItem(1).getText(1));
        screenshot("35-diff-snapshots");

        // closed handles are the other file's: a double-click explains instead of filtering this table
        diff.open((DiffPage.Line) tree.getItem(1).getData());
        assertEquals(HandleLensEditor.PAGE_DIFF, editor.getActivePage());
        assertTrue(diff.summaryText().contains("handle-examples-docs.txt"), diff.summaryText());
        // new handles are this file's: shown in the Handles page
        diff.open((DiffPage.Line) tree.getItem(0).getData());
        waitUntil("Handles page", 10_000, () -> editor.getActivePage() == HandleLensEditor.PAGE_HANDLES);
        waitUntil("new handles", 10_000, () -> editor.handlesPage().isReady()
                && editor.handlesPage().visibleRowCount() == expected.added().totalCount());
        assertTrue(Files.exists(otherFile));
    }

    @Test
    void diffOfTwoHtraceSnapshotsOfOneLogMatchesTheModel() throws Exception {
        HandleLensEditor editor = open(shared("testdata/windbg/htrace-user-x86-cppresourceleaks.txt").toFile());
        editor.showPage(HandleLensEditor.PAGE_DIFF);
        DiffPage diff = editor.diffPage();
        HandleModel model = editor.model();
        // a log with !htrace -enable / -diff sections: both sides default to its snapshots, all offered
        assertEquals(DiffPoint.Kind.SNAPSHOT, diff.from().kind());
        assertEquals(DiffPoint.Kind.SNAPSHOT, diff.to().kind());
        assertEquals(model.snapshots().stream().map(org.handlelens.model.Snapshot::describe).toList(),
                diff.from().offered());
        assertEquals("#1 !htrace -diff (line 93)", diff.from().offered().get(1));

        diff.from().set(DiffPoint.Kind.SNAPSHOT, diff.from().offered().get(1));
        diff.to().set(DiffPoint.Kind.SNAPSHOT, diff.to().offered().get(3));
        diff.compare();
        waitUntil("snapshot #1 -> #3", 30_000, () -> diff.isReady() && diff.shown() != null
                && diff.shown().toText().contains("#3"));
        Diff.Result expected = Diff.betweenSnapshots(model, 1, 3, Diff.DEFAULT_COLUMNS);
        Diff.Result shown = diff.shown().result();
        // what the second -diff printed: one new handle (0x114); the four of the first -diff stay open
        assertEquals(1, expected.added().totalCount());
        assertEquals(0, expected.closed().totalCount());
        assertEquals(4, expected.stillOpen().totalCount());
        assertEquals(expected.added().totalCount(), shown.added().totalCount());
        assertEquals(expected.closed().totalCount(), shown.closed().totalCount());
        assertEquals(expected.stillOpen().totalCount(), shown.stillOpen().totalCount());

        Tree tree = diff.viewer().getTree();
        diff.open((DiffPage.Line) tree.getItem(0).getData());
        waitUntil("the new handle", 10_000, () -> editor.getActivePage() == HandleLensEditor.PAGE_HANDLES
                && editor.handlesPage().isReady() && editor.handlesPage().visibleRowCount() == 1);
        assertEquals(0x114, model.handleValue(editor.handlesPage().modelRow(0)));

        // backwards is refused with a message, not an empty result
        editor.showPage(HandleLensEditor.PAGE_DIFF);
        diff.from().set(DiffPoint.Kind.SNAPSHOT, "3");
        diff.to().set(DiffPoint.Kind.SNAPSHOT, "1");
        diff.compare();
        waitUntil("refusal", 10_000, () -> diff.summaryText().contains("must come before"));
    }

    /** A screenshot with the editor maximized (as after a double-click on its tab), then restored. */
    private static void maximizedScreenshot(HandleLensEditor editor, String name) throws Exception {
        org.eclipse.ui.IWorkbenchPartReference ref = page().getReference(editor);
        page().setPartState(ref, org.eclipse.ui.IWorkbenchPage.STATE_MAXIMIZED);
        spin(300);
        screenshot(name);
        page().setPartState(ref, org.eclipse.ui.IWorkbenchPage.STATE_RESTORED);
        spin(100);
    }

    /** As FormText markup writes text. */
    private static String escaped(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;")
                .replace("'", "&apos;");
    }
}
