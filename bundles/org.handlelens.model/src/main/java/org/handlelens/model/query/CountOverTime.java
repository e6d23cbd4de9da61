package org.handlelens.model.query;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.handlelens.model.HandleModel;
import org.handlelens.model.ModelConstants;

/**
 * Outstanding (open) handle count over time per process or per type — WPA's "Handles Outstanding
 * Count by Process" graph. Points are evenly spaced over the trace span, first at 0 and last at
 * the end; a snapshot source (no times) yields a single point.
 */
public final class CountOverTime {
    private CountOverTime() {
    }

    /**
     * One line of the chart.
     *
     * @param key    the process or type
     * @param counts open handles at each point of {@link Result#pointTimesNanos()}
     */
    public record Series(KeyValue key, long[] counts) {
        public Series {
            counts = counts.clone();
        }

        @Override
        public long[] counts() {
            return counts.clone();
        }

        /** Highest count. */
        public long max() {
            long max = 0;
            for (long c : counts) {
                max = Math.max(max, c);
            }
            return max;
        }

        /** Count at the last point. */
        public long last() {
            return counts.length == 0 ? 0 : counts[counts.length - 1];
        }
    }

    /**
     * @param pointTimesNanos times of the points, nanoseconds since trace start
     * @param series          series sorted by last count, then max, descending
     */
    public record Result(long[] pointTimesNanos, List<Series> series) {
        public Result {
            pointTimesNanos = pointTimesNanos.clone();
            series = List.copyOf(series);
        }

        @Override
        public long[] pointTimesNanos() {
            return pointTimesNanos.clone();
        }
    }

    /** Open handles per owning process. */
    public static Result byProcess(HandleModel m, RowSelection rows, int points) {
        return run(m, rows, HandleColumn.OWNING_PROCESS, points);
    }

    /** Open handles per type. */
    public static Result byType(HandleModel m, RowSelection rows, int points) {
        return run(m, rows, HandleColumn.TYPE, points);
    }

    /** Trace span in nanoseconds: from the source, else the latest known time in the rows; 0 when none. */
    public static long spanNanos(HandleModel m) {
        long d = m.source().durationNanos();
        if (d != ModelConstants.TIME_UNKNOWN) {
            return d;
        }
        return m.latestTimeNanos();
    }

    /** Open handles per value of {@code column} at {@code points} evenly spaced times (at least 2 when timed). */
    public static Result run(HandleModel m, RowSelection rows, HandleColumn column, int points) {
        long span = spanNanos(m);
        int n = span <= 0 ? 1 : Math.max(2, points);
        long[] times = new long[n];
        for (int i = 0; i < n; i++) {
            times[i] = n == 1 ? 0 : (long) ((double) span * i / (n - 1));
        }
        Map<Long, long[]> deltas = new HashMap<>();
        for (int i = 0; i < rows.size(); i++) {
            int row = rows.row(i);
            long created = m.createTimeNanos(row);
            long closed = m.closeTimeNanos(row);
            int from = created == ModelConstants.TIME_UNKNOWN ? 0 : firstPointAtOrAfter(times, created);
            int to;
            if (closed != ModelConstants.TIME_UNKNOWN) {
                to = firstPointAtOrAfter(times, closed); // open at t only while closed > t
            } else if (m.isOutstanding(row)) {
                to = n;
            } else {
                continue; // closed at an unknown time (e.g. !htrace CLOSE): not on the timeline
            }
            if (from >= to) {
                continue;
            }
            long[] d = deltas.computeIfAbsent(column.code(m, row), k -> new long[n + 1]);
            d[from]++;
            d[to]--;
        }
        List<Series> series = new ArrayList<>(deltas.size());
        for (Map.Entry<Long, long[]> e : deltas.entrySet()) {
            long[] d = e.getValue();
            long[] counts = new long[n];
            long run = 0;
            for (int i = 0; i < n; i++) {
                run += d[i];
                counts[i] = run;
            }
            long code = e.getKey();
            series.add(new Series(new KeyValue(column, code, column.value(m, code), column.label(m, code)), counts));
        }
        series.sort(Comparator.comparingLong(Series::last).reversed()
                .thenComparing(Comparator.comparingLong(Series::max).reversed())
                .thenComparing(s -> s.key().label()));
        return new Result(times, series);
    }

    private static int firstPointAtOrAfter(long[] times, long t) {
        int lo = 0;
        int hi = times.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (times[mid] < t) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /**
     * Least-squares slope of {@code counts} over {@code timesNanos}, in handles per second; 0 for fewer
     * than two points.
     */
    public static double slopePerSecond(long[] timesNanos, long[] counts) {
        int n = counts.length;
        if (n < 2) {
            return 0;
        }
        double mx = 0;
        double my = 0;
        for (int i = 0; i < n; i++) {
            mx += timesNanos[i] / 1e9;
            my += counts[i];
        }
        mx /= n;
        my /= n;
        double sxy = 0;
        double sxx = 0;
        for (int i = 0; i < n; i++) {
            double dx = timesNanos[i] / 1e9 - mx;
            sxy += dx * (counts[i] - my);
            sxx += dx * dx;
        }
        return sxx == 0 ? 0 : sxy / sxx;
    }
}
