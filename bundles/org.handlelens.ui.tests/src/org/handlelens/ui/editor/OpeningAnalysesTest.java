package org.handlelens.ui.editor;

import static org.handlelens.ui.tests.UiTestSupport.page;
import static org.handlelens.ui.tests.UiTestSupport.spin;
import static org.handlelens.ui.tests.UiTestSupport.waitUntil;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.concurrent.atomic.AtomicInteger;

import org.eclipse.core.runtime.jobs.IJobChangeEvent;
import org.eclipse.core.runtime.jobs.IJobChangeListener;
import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.core.runtime.jobs.JobChangeAdapter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The two analyses an editor starts on opening (the Overview's summary, the Leak Suspects' ranking) run one after
 * the other, not at once: each scans every row, and side by side on a 2-core machine they left the UI thread
 * competing for a core while the Overview was laid out and painted (issue #5, docs/benchmarks.md).
 */
class OpeningAnalysesTest {
    @AfterEach
    void closeEditors() {
        page().closeAllEditors(false);
        spin(100);
    }

    @Test
    void overviewAndSuspectsAnalysesRunOneAtATime() throws Exception {
        AtomicInteger ran = new AtomicInteger();
        AtomicInteger overlaps = new AtomicInteger();
        IJobChangeListener watch = new JobChangeAdapter() {
            @Override
            public void running(IJobChangeEvent event) {
                if (isOpeningAnalysis(event.getJob())) {
                    ran.incrementAndGet();
                    // the other one still in its run method (a finished Job leaves RUNNING before its rule is free)
                    for (Job other : Job.getJobManager().find(null)) {
                        if (other != event.getJob() && isOpeningAnalysis(other) && other.getState() == Job.RUNNING) {
                            overlaps.incrementAndGet();
                        }
                    }
                }
            }
        };
        Job.getJobManager().addJobChangeListener(watch);
        try {
            // large enough that each analysis runs for a while (both started within two event-loop turns)
            HandleLensEditor editor = (HandleLensEditor) page().openEditor(
                    new ModelEditorInput(UiResponsivenessBenchTest.generated(300_000), "generated"), HandleLensEditor.ID);
            waitUntil("Overview", 120_000,
                    () -> editor.createdOverviewPage() != null && editor.createdOverviewPage().isReady());
        } finally {
            Job.getJobManager().removeJobChangeListener(watch);
        }
        assertEquals(2, ran.get(), "opening analyses run");
        assertEquals(0, overlaps.get(), "opening analyses started while the other was running");
    }

    private static boolean isOpeningAnalysis(Job job) {
        return job.getName().startsWith("Summarizing ") || job.getName().equals("Ranking leak suspects");
    }
}
