package org.handlelens.ui.editor;

import static org.handlelens.ui.tests.UiTestSupport.waitUntil;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.eclipse.swt.layout.FillLayout;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Shell;
import org.handlelens.model.HandleModel;
import org.handlelens.model.HandleModelBuilder;
import org.handlelens.model.HandleRecord;
import org.handlelens.model.ProcessRecord;
import org.handlelens.model.SourceInfo;
import org.handlelens.model.query.CountOverTime;
import org.junit.jupiter.api.Test;

/**
 * The outstanding chart and the group tree over a timed model with one leaking process (it never
 * closes) and one churning process (closes everything): the leaker's line rises, the churner's is flat.
 */
class TimedModelChartTest {

    private static HandleModel leakAndChurn() {
        HandleModelBuilder b = new HandleModelBuilder(new SourceInfo("generated", "generated", null, null, 8));
        int leaker = b.addProcess(ProcessRecord.of(4321, "leaker.exe"));
        int churner = b.addProcess(ProcessRecord.of(1234, "churner.exe"));
        long second = 1_000_000_000L;
        for (int i = 0; i < 600; i++) {
            long t = i * second / 10;
            b.addHandle(new HandleRecord(leaker, 4L * (i + 1), 0x1000L + i, "Event", null, 0x1f0003, null, leaker,
                    HandleRecord.UNKNOWN_PROCESS, 7, t, HandleRecord.TIME_UNKNOWN, HandleRecord.NO_STACK,
                    HandleRecord.NO_STACK, -1, -1));
            b.addHandle(new HandleRecord(churner, 4L * (i + 1), 0x9000L + i, "File", null, 0x120089, null, churner,
                    churner, 8, t, t + second / 20, HandleRecord.NO_STACK, HandleRecord.NO_STACK, -1, -1));
        }
        return b.build();
    }

    @Test
    void leakingProcessRisesAndChurnerStaysFlat() {
        HandleModel model = leakAndChurn();
        Shell shell = new Shell(Display.getCurrent());
        try {
            shell.setLayout(new FillLayout());
            shell.setSize(1200, 700);
            ChartPage page = new ChartPage(shell, model);
            shell.open();
            waitUntil("chart", 20_000, page::isReady);
            assertEquals(2, page.seriesCount());
            CountOverTime.Series top = page.result().series().get(0);
            assertEquals("leaker.exe (4321)", top.key().label(), "largest outstanding count first");
            long[] c = top.counts();
            assertEquals(600, c[c.length - 1], "all 600 Event handles outstanding at the end");
            assertTrue(c[c.length / 2] > 250 && c[c.length / 2] < 350, "half way: about 300");
            CountOverTime.Series churn = page.result().series().get(1);
            assertTrue(churn.max() <= 2, "churner holds at most one or two at a time: " + churn.max());
        } finally {
            shell.dispose();
        }
    }

    @Test
    void openAtFilterShowsHandlesOpenAtThatTime() {
        HandleModel model = leakAndChurn();
        Shell shell = new Shell(Display.getCurrent());
        try {
            shell.setLayout(new FillLayout());
            HandleTablePage page = new HandleTablePage(shell, model, null);
            shell.open();
            waitUntil("rows", 20_000, page::isReady);
            assertEquals(1200, page.visibleRowCount());
            // At 30 s: 300 leaked Events created before (t = 0..29.9 s) plus the one File open then.
            page.openAtText().setText("30");
            waitUntil("open at 30 s", 20_000, () -> page.isReady() && page.visibleRowCount() < 1200);
            long expected = 0;
            for (int row = 0; row < model.rowCount(); row++) {
                if (model.isOpenAt(row, 30_000_000_000L)) {
                    expected++;
                }
            }
            assertEquals(expected, page.visibleRowCount());
            assertTrue(expected >= 300 && expected <= 302, "about 300 open at 30 s: " + expected);
        } finally {
            shell.dispose();
        }
    }

    @Test
    void groupTreeLevelsAddUp() {
        HandleModel model = leakAndChurn();
        Shell shell = new Shell(Display.getCurrent());
        try {
            shell.setLayout(new FillLayout());
            GroupsPage page = new GroupsPage(shell, model);
            shell.open();
            waitUntil("groups", 20_000, page::isReady);
            assertEquals(600, page.tree().outstanding());
            assertEquals(1, page.tree().children().size(), "outstanding only: just the leaker");
            assertEquals("leaker.exe (4321)", page.tree().children().get(0).key().label());
            page.outstandingOnlyButton().setSelection(false);
            page.refresh();
            waitUntil("all groups", 20_000, () -> page.isReady() && page.tree().count() == 1200);
            assertEquals(2, page.tree().children().size());
        } finally {
            shell.dispose();
        }
    }
}
