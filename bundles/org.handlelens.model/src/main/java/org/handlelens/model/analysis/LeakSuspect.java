package org.handlelens.model.analysis;

import java.util.List;

import org.handlelens.model.query.RowSelection;

/**
 * One leak suspect: handles of one owning process and type whose create stacks converge on one frame,
 * with the evidence that they leak. Immutable.
 *
 * @param rank              1-based rank in the report
 * @param processKey        owning process key in the model
 * @param pid               owning process id (-1 when unknown)
 * @param processImage      image name ("" when unknown)
 * @param processLabel      WPA label, e.g. {@code "powershell.exe (4321)"}
 * @param type              handle type ("" when the source does not give it)
 * @param convergence       where the leaking stacks converge, null when they have no stack or no common frame
 * @param stacks            the distinct create stacks, most leaked first
 * @param leaked            leaked handles: {@code outstanding + closedByExit}
 * @param outstanding       leaked handles still open at the end ("Closing Process = Unknown") and overdue
 * @param closedByExit      leaked handles closed only by the exit of their process ({@link ExitCloses})
 * @param closed            handles of these stacks the program closed itself
 * @param created           handles of these stacks created during the source (leaked + closed + open but not overdue)
 * @param share             leaked / all leaked handles of the source, 0..1
 * @param growthPerSecond   least-squares slope of the open count over the window, handles/s; null without times
 * @param rSquared          fit quality of that slope, 0..1; null without times
 * @param windowStartNanos  start of the fitted window (first creation), nanoseconds since trace start; TIME_UNKNOWN
 * @param windowEndNanos    end of the fitted window (trace end, or process exit); TIME_UNKNOWN
 * @param seriesTimesNanos  times of the open-count series (empty without times)
 * @param seriesCounts      open count of these stacks at each time
 * @param processExitNanos  exit of the owning process during the source, TIME_UNKNOWN when it did not exit
 * @param score             ranking score: leaked × growth evidence (see {@link LeakSuspectAnalysis})
 * @param sentence          the finding as one sentence
 * @param samples           a few leaked handles as examples
 * @param leakedRows        all leaked rows (for drill-down into the handle table)
 */
public record LeakSuspect(int rank, int processKey, int pid, String processImage, String processLabel, String type,
        Convergence convergence, List<SuspectStack> stacks, long leaked, long outstanding, long closedByExit,
        long closed, long created, double share, Double growthPerSecond, Double rSquared, long windowStartNanos,
        long windowEndNanos, long[] seriesTimesNanos, long[] seriesCounts, long processExitNanos, double score,
        String sentence, List<SampleHandle> samples, RowSelection leakedRows) {

    public LeakSuspect {
        stacks = List.copyOf(stacks);
        samples = List.copyOf(samples);
        seriesTimesNanos = seriesTimesNanos.clone();
        seriesCounts = seriesCounts.clone();
    }

    @Override
    public long[] seriesTimesNanos() {
        return seriesTimesNanos.clone();
    }

    @Override
    public long[] seriesCounts() {
        return seriesCounts.clone();
    }

    /** True when the owning process exited during the source. */
    public boolean processExited() {
        return processExitNanos != org.handlelens.model.ModelConstants.TIME_UNKNOWN;
    }

    /**
     * One create stack of a suspect.
     *
     * @param stackId model stack id ({@link org.handlelens.model.ModelConstants#NO_STACK} when none)
     * @param frames  frame texts, innermost first (empty when none)
     * @param leaked  leaked handles created with it
     */
    public record SuspectStack(int stackId, List<String> frames, long leaked) {
        public SuspectStack {
            frames = List.copyOf(frames);
        }
    }

    /**
     * An example leaked handle.
     *
     * @param row             model row
     * @param handle          handle value
     * @param objectAddress   object address, -1 when unknown
     * @param objectName      object name, null when none
     * @param createTimeNanos nanoseconds since trace start, TIME_UNKNOWN when unknown
     * @param closeTimeNanos  close time (exit closes), TIME_UNKNOWN when still open
     * @param closedByExit    true when closed only by the process exit
     */
    public record SampleHandle(int row, long handle, long objectAddress, String objectName, long createTimeNanos,
            long closeTimeNanos, boolean closedByExit) {
    }
}
