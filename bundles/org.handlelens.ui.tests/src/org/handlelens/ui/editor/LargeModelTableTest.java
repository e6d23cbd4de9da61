package org.handlelens.ui.editor;

import static org.handlelens.ui.tests.UiTestSupport.waitUntil;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.eclipse.swt.layout.FillLayout;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Event;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.TableItem;
import org.handlelens.model.HandleModel;
import org.handlelens.model.HandleModelBuilder;
import org.handlelens.model.HandleRecord;
import org.handlelens.model.ProcessRecord;
import org.handlelens.model.SourceInfo;
import org.handlelens.model.query.HandleColumn;
import org.junit.jupiter.api.Test;

/**
 * The virtual table over a generated 1 M-row model (no public trace that large exists):
 * only painted rows are materialised, the table holds one page of {@link HandleTablePage#PAGE_ROWS}
 * rows, and sorting/filtering (done in Jobs) give the right rows on every page.
 * Responsiveness is measured in bench/, not asserted here.
 */
class LargeModelTableTest {
    private static final int ROWS = 1_000_000;
    private static final String[] TYPES = { "Event", "File", "Key", "Mutant", "Section", "Semaphore", "Thread" };

    private static HandleModel generated() {
        HandleModelBuilder b = new HandleModelBuilder(new SourceInfo("generated", "generated", null, null, 8));
        int[] procs = new int[50];
        for (int p = 0; p < procs.length; p++) {
            procs[p] = b.addProcess(ProcessRecord.of(1000 + 4 * p, "app" + p + ".exe"));
        }
        for (int i = 0; i < ROWS; i++) {
            int owner = procs[i % procs.length];
            boolean closed = i % 3 != 0;
            b.addHandle(new HandleRecord(owner, 4L * (i + 1), 0xffff800000000000L + 16L * i, TYPES[i % TYPES.length],
                    "obj" + (i % 1000), 0x1f0003, null, owner, closed ? owner : HandleRecord.UNKNOWN_PROCESS, 100,
                    1_000L * i, closed ? 1_000L * i + 500 : HandleRecord.TIME_UNKNOWN, HandleRecord.NO_STACK,
                    HandleRecord.NO_STACK, -1, -1));
        }
        return b.build();
    }

    @Test
    void millionRowsPageSortAndFilter() {
        HandleModel model = generated();
        Shell shell = new Shell(Display.getCurrent());
        try {
            shell.setLayout(new FillLayout());
            shell.setSize(1200, 700);
            HandleTablePage page = new HandleTablePage(shell, model, null);
            shell.open();
            waitUntil("first rows", 60_000, page::isReady);
            Table table = page.viewer().getTable();
            int pageRows = HandleTablePage.PAGE_ROWS;
            assertTrue(pageRows < ROWS, "the test needs several pages");
            assertEquals(ROWS, page.visibleRowCount(), "all rows after filters, not only the page");
            assertEquals(pageRows, table.getItemCount(), "the widget holds one page");
            assertEquals(new RowWindow(0, ROWS, pageRows), page.pageWindow());
            assertTrue(page.nextPageButton().isVisible() && page.nextPageButton().isEnabled());
            assertFalse(page.previousPageButton().isEnabled());
            assertEquals("app0.exe (1000)", table.getItem(0).getText(1));
            assertShows(model, page, table);

            // Next: the table shows the rows from PAGE_ROWS on; a selection maps through the page
            click(page.nextPageButton());
            assertEquals(pageRows, page.pageWindow().offset());
            assertTrue(page.previousPageButton().isEnabled());
            assertEquals(pageRows, table.getItemCount());
            assertEquals(page.modelRow(pageRows), page.displayedModelRow(0));
            assertShows(model, page, table);
            table.setSelection(new int[] { 3, 5 });
            assertArrayEquals(sorted(page.modelRow(pageRows + 3), page.modelRow(pageRows + 5)), page.selectedRows());
            click(page.previousPageButton());
            assertEquals(0, page.pageWindow().offset());
            assertEquals(0, table.getSelectionCount(), "a page change drops the selection of the other page");
            assertEquals(page.modelRow(0), page.displayedModelRow(0));

            // sort by Handle Type: the first rows are "Event", the last "Thread", in order across pages
            table.getColumn(2).notifyListeners(SWT.Selection, new Event());
            waitUntil("sorted rows", 60_000, () -> page.isReady() && table.getSortColumn() == table.getColumn(2));
            waitUntil("sort applied", 60_000, () -> page.isReady() && "Event".equals(table.getItem(0).getText(2)));
            assertEquals(ROWS, page.visibleRowCount());
            for (int i = 1; i < ROWS; i++) {
                if (model.typeName(page.modelRow(i - 1)).compareTo(model.typeName(page.modelRow(i))) > 0) {
                    throw new AssertionError("not sorted by type at position " + i);
                }
            }
            int lastPage = (ROWS - 1) / pageRows;
            page.showPage(lastPage);
            assertEquals(lastPage * pageRows, page.pageWindow().offset());
            assertFalse(page.nextPageButton().isEnabled());
            assertEquals(ROWS - lastPage * pageRows, table.getItemCount());
            assertEquals("Thread", table.getItem(table.getItemCount() - 1).getText(2));
            assertShows(model, page, table);

            // outstanding only: every third row is still open; the last page is clamped to the shorter order
            page.outstandingOnlyButton().setSelection(true);
            page.outstandingOnlyButton().notifyListeners(SWT.Selection, new Event());
            int outstanding = (ROWS + 2) / 3;
            waitUntil("outstanding rows", 60_000, () -> page.isReady() && page.visibleRowCount() == outstanding);
            RowWindow w = page.pageWindow();
            assertEquals((outstanding - 1) / pageRows, w.pageIndex(), "still the last page");
            assertEquals(outstanding - w.offset(), table.getItemCount());
            assertTrue(table.getItemCount() <= pageRows);
            assertEquals("Unknown", table.getItem(0).getText(0));
            assertEquals("Thread", table.getItem(table.getItemCount() - 1).getText(2));
            assertShows(model, page, table);
            page.showPage(0);
            waitUntil("first page", 60_000, page::isReady); // a longer page grows the table over several turns
            assertEquals(pageRows, table.getItemCount());
            assertEquals("Unknown", table.getItem(0).getText(0));
            assertEquals("Event", table.getItem(0).getText(2));
        } finally {
            shell.dispose();
        }
    }

    /** The first, a middle and the last item of the page show the rows of the order at their positions. */
    private static void assertShows(HandleModel model, HandleTablePage page, Table table) {
        RowWindow w = page.pageWindow();
        assertEquals(w.size(), table.getItemCount());
        for (int i : new int[] { 0, w.size() / 2, w.size() - 1 }) {
            TableItem item = table.getItem(i);
            String handleText = item.getText(5); // asks the lazy provider for the row first
            int row = page.modelRow(w.offset() + i);
            assertEquals(row, ((HandleRef) item.getData()).row(), "item " + i + " of page " + w.pageIndex());
            assertEquals(HandleColumn.HANDLE.label(model, HandleColumn.HANDLE.code(model, row)),
                    handleText, "Handle column of item " + i);
        }
    }

    private static void click(org.eclipse.swt.widgets.Button button) {
        button.notifyListeners(SWT.Selection, new Event());
    }

    private static int[] sorted(int... rows) {
        java.util.Arrays.sort(rows);
        return rows;
    }

    @Test
    void rowWindowArithmetic() {
        RowWindow w = RowWindow.first(25, 10);
        assertEquals(3, w.pageCount());
        assertEquals(10, w.size());
        assertFalse(w.hasPrevious());
        assertEquals(w, w.previous());
        RowWindow last = w.next().next();
        assertEquals(20, last.offset());
        assertEquals(5, last.size());
        assertFalse(last.hasNext());
        assertEquals(last, last.next());
        assertEquals(24, last.position(4));
        assertEquals(4, last.displayIndex(24));
        assertEquals(-1, last.displayIndex(19));
        assertEquals(-1, last.displayIndex(25));
        assertEquals(last, w.atPage(99));
        assertEquals(w, w.atPage(-1));
        assertEquals(new RowWindow(10, 25, 10), w.containing(19));
        // a shorter result clamps to its last page, a longer one keeps the page
        assertEquals(new RowWindow(10, 12, 10), last.withTotal(12));
        assertEquals(new RowWindow(20, 1000, 10), last.withTotal(1000));
        RowWindow empty = last.withTotal(0);
        assertEquals(0, empty.offset());
        assertEquals(0, empty.size());
        assertEquals(1, empty.pageCount());
        assertEquals(new RowWindow(0, 10, 10), RowWindow.first(10, 10));
        assertEquals(1, RowWindow.first(10, 10).pageCount());
        assertEquals(3, RowWindow.first(Integer.MAX_VALUE, 1_000_000_000).pageCount());
        assertThrows(IllegalArgumentException.class, () -> new RowWindow(5, 25, 10));
        assertThrows(IllegalArgumentException.class, () -> new RowWindow(30, 25, 10));
        assertThrows(IllegalArgumentException.class, () -> new RowWindow(0, 25, 0));
    }
}
