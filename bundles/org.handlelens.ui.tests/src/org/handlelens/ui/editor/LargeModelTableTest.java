package org.handlelens.ui.editor;

import static org.handlelens.ui.tests.UiTestSupport.waitUntil;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.eclipse.swt.layout.FillLayout;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Table;
import org.handlelens.model.HandleModel;
import org.handlelens.model.HandleModelBuilder;
import org.handlelens.model.HandleRecord;
import org.handlelens.model.ProcessRecord;
import org.handlelens.model.SourceInfo;
import org.junit.jupiter.api.Test;

/**
 * The virtual table over a generated 1 M-row model (no public trace that large exists):
 * only painted rows are materialised, and sorting/filtering (done in Jobs) give the right rows.
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
            assertEquals(ROWS, table.getItemCount());
            assertEquals("app0.exe (1000)", table.getItem(0).getText(1));

            // sort by Handle Type: the first rows are "Event", the last "Thread"
            table.getColumn(2).notifyListeners(org.eclipse.swt.SWT.Selection, new org.eclipse.swt.widgets.Event());
            waitUntil("sorted rows", 60_000, () -> page.isReady() && table.getSortColumn() == table.getColumn(2));
            waitUntil("sort applied", 60_000, () -> page.isReady() && "Event".equals(table.getItem(0).getText(2)));
            assertEquals("Thread", table.getItem(ROWS - 1).getText(2));

            // outstanding only: every third row is still open
            page.outstandingOnlyButton().setSelection(true);
            page.outstandingOnlyButton().notifyListeners(org.eclipse.swt.SWT.Selection, new org.eclipse.swt.widgets.Event());
            waitUntil("outstanding rows", 60_000, () -> page.isReady() && page.visibleRowCount() == (ROWS + 2) / 3);
            assertEquals((ROWS + 2) / 3, table.getItemCount());
            assertTrue(table.getItem(0).getText(0).equals("Unknown"));
        } finally {
            shell.dispose();
        }
    }
}
