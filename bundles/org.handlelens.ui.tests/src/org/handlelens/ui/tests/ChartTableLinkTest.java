package org.handlelens.ui.tests;

import static org.handlelens.ui.tests.UiTestSupport.page;
import static org.handlelens.ui.tests.UiTestSupport.screenshot;
import static org.handlelens.ui.tests.UiTestSupport.spin;
import static org.handlelens.ui.tests.UiTestSupport.waitUntil;
import static org.handlelens.ui.tests.UiTestSupport.window;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Event;
import org.eclipse.swt.widgets.Table;
import org.eclipse.ui.IEditorPart;
import org.handlelens.etw.writer.EtlTraceWriter;
import org.handlelens.etw.writer.KernelPayloads;
import org.handlelens.model.HandleModel;
import org.handlelens.model.ModelConstants;
import org.handlelens.model.query.HandleFilter;
import org.handlelens.model.query.KeyValue;
import org.handlelens.ui.editor.ChartLinking;
import org.handlelens.ui.editor.ChartPage;
import org.handlelens.ui.editor.EditorOpener;
import org.handlelens.ui.editor.HandleLensEditor;
import org.handlelens.ui.editor.HandleTablePage;
import org.handlelens.ui.editor.TimeRange;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The outstanding chart and the handle table linked both ways, on an ETL trace read by the real ETL importer
 * (written with the kernel's handle payload layouts by {@link EtlTraceWriter}; no public ETL with handle events
 * exists): selected rows are marked on the chart, a dragged range filters the table to the handles created in
 * it, a click shows the clicked process's handles open at that time.
 */
class ChartTableLinkTest {
    private static final int PROCESS = 0x03, OBJECT = 0x11;
    private static final int EVENT = 16, FILE = 37;
    private static final long MS = 1_000_000L;

    private Path tmp;

    @BeforeEach
    void createTrace() throws IOException {
        tmp = Files.createTempDirectory("handlelens-chartlink");
    }

    @AfterEach
    void cleanUp() throws IOException {
        page().closeAllEditors(false);
        spin(100);
        try (var walk = Files.walk(tmp)) {
            walk.sorted((a, b) -> b.getNameCount() - a.getNameCount()).forEach(p -> p.toFile().delete());
        }
    }

    /**
     * leaker.exe (pid 100) creates an Event every 100 ms for 6 s and never closes one; churner.exe (pid 200)
     * opens a File every 100 ms and closes it 50 ms later.
     */
    private Path leakAndChurnTrace() throws IOException {
        EtlTraceWriter w = new EtlTraceWriter(8, 1, 65536, 5_000_000L);
        KernelPayloads kp = new KernelPayloads(8);
        w.kernel(0, EtlTraceWriter.SYSTEM, PROCESS, 1, 4, 4, 8, w.ts(1 * MS), kp.process(4, 0xFFFFC28300001000L, 100,
                4, 1, 259, 0x1000, 0, null, "leaker.exe", "leaker.exe", 0));
        w.kernel(0, EtlTraceWriter.SYSTEM, PROCESS, 1, 4, 4, 8, w.ts(1 * MS + 10), kp.process(4,
                0xFFFFC28300002000L, 200, 4, 1, 259, 0x2000, 0, null, "churner.exe", "churner.exe", 0));
        long object = 0xFFFFC28400000000L;
        for (int i = 0; i < 60; i++) {
            long t = 10 * MS + i * 100 * MS;
            w.kernel(0, EtlTraceWriter.SYSTEM, OBJECT, 32, 2, 100, 104, w.ts(t), kp.handle(object + i * 0x40L,
                    0x40 + 4 * i, EVENT));
            w.kernel(0, EtlTraceWriter.SYSTEM, OBJECT, 32, 2, 200, 204, w.ts(t + 20 * MS), kp.handle(
                    object + 0x100000L + i * 0x40L, 0x100, FILE));
            w.kernel(0, EtlTraceWriter.SYSTEM, OBJECT, 33, 2, 200, 204, w.ts(t + 70 * MS), kp.handle(
                    object + 0x100000L + i * 0x40L, 0x100, FILE));
        }
        long end = 6_200 * MS;
        w.kernel(0, EtlTraceWriter.PERFINFO, OBJECT, 37, 2, -1, -1, w.ts(end), kp.typeName(EVENT, "Event"));
        w.kernel(0, EtlTraceWriter.PERFINFO, OBJECT, 37, 2, -1, -1, w.ts(end + MS), kp.typeName(FILE, "File"));
        Path f = tmp.resolve("leak-and-churn.etl");
        w.write(f);
        return f;
    }

    private static int count(HandleModel m, HandleFilter f) {
        int n = 0;
        for (int row = 0; row < m.rowCount(); row++) {
            if (f.test(m, row)) {
                n++;
            }
        }
        return n;
    }

    @Test
    void chartAndTableFollowEachOther() throws Exception {
        window();
        IEditorPart part = EditorOpener.open(page(), leakAndChurnTrace().toFile());
        assertNotNull(part);
        HandleLensEditor editor = (HandleLensEditor) part;
        waitUntil("model", 30_000, () -> editor.loadError() != null
                || (editor.handlesPage() != null && editor.handlesPage().isReady()));
        assertNull(editor.loadError());
        HandleModel model = editor.model();
        assertEquals(120, model.rowCount(), "60 Events + 60 Files");
        HandleTablePage table = editor.handlesPage();
        ChartPage chart = editor.chartPage();
        waitUntil("chart", 20_000, chart::isReady);
        assertEquals(2, chart.seriesCount());

        // (a) table -> chart: a File row (created and closed) marks both times and its process's series
        Table t = table.viewer().getTable();
        int fileIndex = -1;
        for (int i = 0; i < table.visibleRowCount() && fileIndex < 0; i++) {
            int row = table.modelRow(i);
            if ("File".equals(model.typeName(row)) && model.createTimeNanos(row) > 2_000 * MS) {
                fileIndex = i;
            }
        }
        assertTrue(fileIndex >= 0, "a File handle created after 2 s");
        int fileRow = table.modelRow(fileIndex);
        t.setSelection(fileIndex);
        t.notifyListeners(SWT.Selection, new Event());
        ChartLinking.Markers marks = chart.markers();
        assertArrayEquals(new long[] { model.createTimeNanos(fileRow) }, marks.createNanos(),
                "marker at the row's create time");
        assertArrayEquals(new long[] { model.closeTimeNanos(fileRow) }, marks.closeNanos(),
                "marker at the row's close time");
        assertEquals(List.of("churner.exe (200)"), chart.highlightedSeries());
        // and a leaked Event next to it: two create markers, one close marker, both series highlighted
        int eventIndex = -1;
        for (int i = 0; i < table.visibleRowCount() && eventIndex < 0; i++) {
            int row = table.modelRow(i);
            if ("Event".equals(model.typeName(row)) && model.createTimeNanos(row) > 4_000 * MS) {
                eventIndex = i;
            }
        }
        int eventRow = table.modelRow(eventIndex);
        t.setSelection(new int[] { fileIndex, eventIndex });
        t.notifyListeners(SWT.Selection, new Event());
        assertEquals(2, chart.markers().createNanos().length);
        assertTrue(java.util.Arrays.stream(chart.markers().createNanos())
                .anyMatch(c -> c == model.createTimeNanos(eventRow)), "the Event's create time is marked");
        assertEquals(ModelConstants.TIME_UNKNOWN, model.closeTimeNanos(eventRow), "the Event leaks");
        assertEquals(1, chart.markers().closeNanos().length, "only the File has a close marker");
        assertEquals(2, chart.highlightedSeries().size());
        t.setSelection(fileIndex);
        t.notifyListeners(SWT.Selection, new Event());

        // (c) chart -> table: a dragged range (the mouse handler's method) filters by create time
        editor.showPage(HandleLensEditor.PAGE_CHART);
        TimeRange range = chart.selectRange(1.0, 2.5);
        assertEquals(new TimeRange(1_000 * MS, 2_500 * MS), range);
        assertEquals(HandleLensEditor.PAGE_HANDLES, editor.getActivePage(), "the table comes forward");
        int expected = count(model, HandleFilter.ALL.withCreatedBetween(range.fromNanos(), range.toNanos()));
        assertTrue(expected > 10 && expected < 120, "a real subset: " + expected);
        waitUntil("range filter", 20_000, () -> table.isReady() && table.visibleRowCount() == expected);
        assertEquals(expected, table.visibleRowCount());
        assertEquals("1", table.createdFromText().getText());
        assertEquals("2.5", table.createdToText().getText());
        screenshot("31-handles-chart-range");
        editor.showPage(HandleLensEditor.PAGE_CHART);
        // no hover tooltip in the picture
        window().getShell().getDisplay().setCursorLocation(5, 5);
        screenshot("30-chart-linked");

        // keyboard: the range fields and Enter do the same
        chart.rangeFromText().setText("4");
        chart.rangeToText().setText("4.75");
        chart.rangeToText().notifyListeners(SWT.DefaultSelection, new Event());
        int expectedKeys = count(model, HandleFilter.ALL.withCreatedBetween(4_000 * MS, 4_750 * MS));
        waitUntil("typed range", 20_000, () -> table.isReady() && table.visibleRowCount() == expectedKeys);
        assertEquals(new TimeRange(4_000 * MS, 4_750 * MS), chart.selectedRange());

        // (b) chart -> table: a click at 3 s on the leaker's line shows its handles open then
        editor.showPage(HandleLensEditor.PAGE_CHART);
        KeyValue clicked = chart.clickAt(3.0, 29);
        assertNotNull(clicked);
        assertEquals("leaker.exe (100)", clicked.label());
        int expectedOpen = count(model, HandleFilter.ALL.withOpenAt(3_000 * MS).withProcess("100"));
        assertTrue(expectedOpen >= 28 && expectedOpen <= 31, "about 30 Events open at 3 s: " + expectedOpen);
        waitUntil("open at filter", 20_000, () -> table.isReady() && table.visibleRowCount() == expectedOpen);
        assertEquals("3", table.openAtText().getText());
        assertEquals("", table.createdFromText().getText(), "a click replaces the range");
        table.clearTimeFilters();
        waitUntil("all rows", 20_000, () -> table.isReady() && table.visibleRowCount() == 120);
    }

    @Test
    void linkingArithmetic() {
        long span = 6_000 * MS;
        assertEquals(new TimeRange(1_000 * MS, 2_500 * MS), ChartLinking.range(2.5, 1.0, span), "either direction");
        assertEquals(new TimeRange(1_234 * MS, 2_346 * MS), ChartLinking.range(1.2345, 2.3451, span),
                "widened to whole milliseconds");
        assertEquals(new TimeRange(0, span), ChartLinking.range(-3, 99, span), "clamped to the trace");
        assertEquals(3_000 * MS, ChartLinking.timeAt(2.9996, span));
        for (long nanos : new long[] { 0, 1, 1_500 * MS, 123_456_789_012L }) {
            assertEquals(nanos, ChartLinking.parseSeconds(ChartLinking.formatSeconds(nanos)), "round trip " + nanos);
        }
        assertNull(ChartLinking.parseSeconds("-1"));
        assertNull(ChartLinking.parseSeconds("abc"));
        assertEquals(1, ChartLinking.nearestPoint(new long[] { 0, 10, 20 }, 14));
        assertEquals(2, ChartLinking.nearestPoint(new long[] { 0, 10, 20 }, 16));
        assertEquals(2, ChartLinking.nearestPoint(new long[] { 0, 10, 20 }, 99));
    }
}
