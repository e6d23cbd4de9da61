package org.handlelens.model.analysis;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.handlelens.model.HandleModel;
import org.handlelens.model.ModelConstants;
import org.handlelens.model.ProcessRecord;
import org.handlelens.model.query.CountOverTime;
import org.handlelens.model.query.HandleColumn;
import org.handlelens.model.query.RowSelection;

/**
 * The Task Manager view: processes by handle count from any source ({@code !process 0 0}'s
 * HandleCount, a handle listing, a trace's open handles at its end), flagging processes above
 * {@link #FLAG_THRESHOLD} handles, with the count over time where the source has times.
 */
public final class ProcessOverview {
    /** Handle count above which a process is flagged: "more than 10,000 ... we probably want to take a look". */
    public static final long FLAG_THRESHOLD = 10_000;

    private ProcessOverview() {
    }

    /** Where a process's handle count comes from. */
    public enum CountSource {
        /** The count the source reports for the process ({@code HandleCount:} of {@code !process}). */
        REPORTED,
        /** Handles of the process the source lists or traces that are open at the end. */
        OPEN_HANDLES
    }

    /**
     * One process.
     *
     * @param processKey       model key
     * @param pid              process id
     * @param image            image name
     * @param label            WPA label
     * @param handleCount      the count shown: reported when the source gives one, else open handles at the end
     * @param countSource      where {@code handleCount} comes from
     * @param openAtEnd        handles of the process in the model open at the end
     * @param createdInSource  handles the process got during the source
     * @param flagged          {@code handleCount > FLAG_THRESHOLD}
     * @param countOverTime    open handles at {@link Result#pointTimesNanos()}; empty without times
     * @param startTimeNanos   process start, TIME_UNKNOWN when before the source or unknown
     * @param endTimeNanos     process exit, TIME_UNKNOWN when it did not exit or unknown
     */
    public record ProcessRow(int processKey, int pid, String image, String label, long handleCount,
            CountSource countSource, long openAtEnd, long createdInSource, boolean flagged, long[] countOverTime,
            long startTimeNanos, long endTimeNanos) {
        public ProcessRow {
            countOverTime = countOverTime.clone();
        }

        @Override
        public long[] countOverTime() {
            return countOverTime.clone();
        }
    }

    /**
     * @param processes      by handle count, descending
     * @param pointTimesNanos times of the count series, empty when the source has no times
     * @param spanNanos      source span, 0 when unknown
     */
    public record Result(List<ProcessRow> processes, long[] pointTimesNanos, long spanNanos) {
        public Result {
            processes = List.copyOf(processes);
            pointTimesNanos = pointTimesNanos.clone();
        }

        @Override
        public long[] pointTimesNanos() {
            return pointTimesNanos.clone();
        }

        /** Processes above {@link #FLAG_THRESHOLD}. */
        public List<ProcessRow> flagged() {
            return processes.stream().filter(ProcessRow::flagged).toList();
        }
    }

    /** Overview of {@code m} with {@code points} points of count over time (when timed). */
    public static Result of(HandleModel m, int points) {
        int n = m.processes().size();
        long[] open = new long[n];
        long[] created = new long[n];
        boolean anyTime = false;
        for (int row = 0; row < m.rowCount(); row++) {
            int p = m.owningProcess(row);
            if (m.isOutstanding(row)) {
                open[p]++;
            }
            if (!m.isPreExisting(row)) {
                created[p]++;
            }
            anyTime |= m.createTimeNanos(row) != ModelConstants.TIME_UNKNOWN
                    || m.closeTimeNanos(row) != ModelConstants.TIME_UNKNOWN;
        }
        long span = CountOverTime.spanNanos(m);
        long[] times = new long[0];
        long[][] series = new long[n][];
        if (anyTime && span > 0) {
            CountOverTime.Result r = CountOverTime.run(m, RowSelection.all(m), HandleColumn.OWNING_PROCESS,
                    Math.max(2, points));
            times = r.pointTimesNanos();
            for (CountOverTime.Series s : r.series()) {
                series[(int) s.key().code()] = s.counts();
            }
        }
        List<ProcessRow> rows = new ArrayList<>(n);
        for (int k = 0; k < n; k++) {
            ProcessRecord p = m.process(k);
            boolean reported = p.handleCount() >= 0;
            long count = reported ? p.handleCount() : open[k];
            long[] s = series[k] != null ? series[k] : new long[times.length];
            rows.add(new ProcessRow(k, p.pid(), p.image(), p.label(), count,
                    reported ? CountSource.REPORTED : CountSource.OPEN_HANDLES, open[k], created[k],
                    count > FLAG_THRESHOLD, s, p.startTimeNanos(), p.endTimeNanos()));
        }
        rows.sort(Comparator.comparingLong(ProcessRow::handleCount).reversed().thenComparing(ProcessRow::label));
        return new Result(rows, times, Math.max(0, span));
    }
}
