package org.handlelens.ui.editor;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.eclipse.swt.widgets.Display;
import org.eclipse.ui.IEditorPart;
import org.eclipse.ui.IWorkbenchPage;
import org.eclipse.ui.IWorkbenchPart;
import org.handlelens.model.HandleModel;
import org.handlelens.ui.tests.UiTestSupport;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * On-demand benchmark (JUnit tag "bench"; run {@code bench/open-turn.sh}): the event-loop turn that opens a HandleLens
 * editor, alone and repeated. {@link UiResponsivenessBenchTest} sees that turn once per run, as the first stall after
 * its open, among many others and under the machine's load of the moment; this opens an editor
 * {@code -Dhandlelens.bench.opens} times (default 12) and closes it again, the first
 * {@code opens - files} times on a generated model of {@code -Dhandlelens.bench.rows} rows (default 200,000; the
 * turn does not depend on the size: the model is shown in a later turn), the last {@code -Dhandlelens.bench.files}
 * (default 4) on a WinDbg log file, as File > Open does (the model then arrives from a Job). The turn measured is
 * {@code openEditor} plus the loop's next pass until a 1 ms timer runs (SWT styles new widgets and runs deferred
 * layouts there first), i.e. what the heartbeat of the responsiveness bench counts as one stall. Printed per open:
 * wall and UI-thread CPU milliseconds of the turn, the part that was active before, and the turn's window as epoch
 * seconds (to filter the samples of a JFR recording); then the first (cold) open, and the median and maximum of
 * the others.
 */
@Tag("bench")
class OpenTurnBenchTest {
    private static final String LOG = "seeds/004_f02eea20df4c3f54.txt";

    @Test
    void openingTurn() throws Exception {
        int rows = Integer.getInteger("handlelens.bench.rows", 200_000);
        int opens = Integer.getInteger("handlelens.bench.opens", 12);
        int files = Integer.getInteger("handlelens.bench.files", 4);
        HandleModel model = UiResponsivenessBenchTest.generated(rows);
        IWorkbenchPage page = UiTestSupport.page();
        UiTestSupport.window().getShell().setSize(1366, 768);
        Display display = Display.getCurrent();
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        List<double[]> inMemory = new ArrayList<>();
        List<double[]> fromFile = new ArrayList<>();
        UiTestSupport.spin(1000);
        for (int i = 0; i < opens; i++) {
            UiTestSupport.spin(700); // idle, as before a user's open
            IWorkbenchPart before = page.getActivePart();
            boolean file = i >= opens - files;
            long[] timerRan = new long[1];
            display.timerExec(1, () -> timerRan[0] = System.nanoTime());
            Instant from = Instant.now();
            long cpu0 = threads.getCurrentThreadCpuTime();
            long t0 = System.nanoTime();
            IEditorPart part = file ? EditorOpener.open(page, UiTestSupport.shared(LOG).toFile())
                    : page.openEditor(new ModelEditorInput(model, "generated " + i), HandleLensEditor.ID);
            while (timerRan[0] == 0) {
                display.readAndDispatch();
            }
            double wallMs = (timerRan[0] - t0) / 1e6;
            double cpuMs = (threads.getCurrentThreadCpuTime() - cpu0) / 1e6;
            Instant to = Instant.now();
            (file ? fromFile : inMemory).add(new double[] { wallMs, cpuMs });
            System.out.printf(Locale.ROOT, "[turn] open %d%s: %.1f ms, UI thread CPU %.1f ms, active before: %s,"
                    + " window %d.%09d %d.%09d%n", i, file ? " (file)" : "", wallMs, cpuMs,
                    before == null ? null : before.getSite().getId(), from.getEpochSecond(), from.getNano(),
                    to.getEpochSecond(), to.getNano());
            HandleLensEditor editor = (HandleLensEditor) part;
            UiTestSupport.waitUntil("open " + i, 600_000, () -> editor.loadError() != null
                    || (editor.createdOverviewPage() != null && editor.createdOverviewPage().isReady()));
            UiTestSupport.spin(700);
            page.closeEditor(part, false);
        }
        UiTestSupport.spin(500);
        if (!inMemory.isEmpty()) {
            double[] cold = inMemory.get(0);
            System.out.printf(Locale.ROOT, "[turn] first open (cold): %.1f ms, CPU %.1f ms%n", cold[0], cold[1]);
            print("later opens, generated model", inMemory.subList(1, inMemory.size()));
        }
        print("opens of a WinDbg log file", fromFile);
    }

    private static void print(String what, List<double[]> turns) {
        if (turns.isEmpty()) {
            return;
        }
        double[] wall = turns.stream().mapToDouble(t -> t[0]).sorted().toArray();
        double[] cpu = turns.stream().mapToDouble(t -> t[1]).sorted().toArray();
        System.out.printf(Locale.ROOT, "[turn] %s (%d): median %.1f ms (CPU %.1f), max %.1f ms (CPU %.1f)%n", what,
                turns.size(), wall[wall.length / 2], cpu[cpu.length / 2], wall[wall.length - 1], cpu[cpu.length - 1]);
    }
}
