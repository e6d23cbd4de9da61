package org.handlelens.ui.editor;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.handlelens.model.HandleModel;
import org.handlelens.model.ModelConstants;
import org.handlelens.model.query.CountOverTime;
import org.handlelens.model.query.HandleColumn;
import org.handlelens.model.query.HandleFilter;
import org.handlelens.model.query.KeyValue;

/**
 * The logic linking the outstanding chart and the handle table, kept out of the SWT listeners (and free of
 * SWT): which times to mark for selected rows, which series a click hits, the range a drag covers, and the
 * table filter for a series. Times on the chart are seconds since the trace start; the model's are
 * nanoseconds since the trace start.
 */
public final class ChartLinking {
    /** At most this many selected rows get markers (a selection of a million rows would paint the chart solid). */
    public static final int MAX_MARKED_ROWS = 500;
    private static final long MILLI = 1_000_000L;

    private ChartLinking() {
    }

    /**
     * What the chart shows for a table selection.
     *
     * @param createNanos  create times of the (first {@link #MAX_MARKED_ROWS}) selected rows that have one
     * @param closeNanos   close times of those rows that have one
     * @param seriesCodes  series keys (owning process or type codes) of the selected rows, highlighted
     */
    public record Markers(long[] createNanos, long[] closeNanos, Set<Long> seriesCodes) {
        /** No selection. */
        public static final Markers NONE = new Markers(new long[0], new long[0], Set.of());

        /** True when nothing is marked. */
        public boolean isEmpty() {
            return createNanos.length == 0 && closeNanos.length == 0 && seriesCodes.isEmpty();
        }
    }

    /** Markers for the model rows {@code rows}; series codes by {@code column} (the chart's grouping). */
    public static Markers markers(HandleModel m, int[] rows, HandleColumn column) {
        int n = Math.min(rows.length, MAX_MARKED_ROWS);
        long[] creates = new long[n];
        long[] closes = new long[n];
        int c = 0;
        int d = 0;
        Set<Long> codes = new HashSet<>();
        for (int i = 0; i < n; i++) {
            int row = rows[i];
            long created = m.createTimeNanos(row);
            long closed = m.closeTimeNanos(row);
            if (created != ModelConstants.TIME_UNKNOWN) {
                creates[c++] = created;
            }
            if (closed != ModelConstants.TIME_UNKNOWN) {
                closes[d++] = closed;
            }
            codes.add(column.code(m, row));
        }
        return new Markers(java.util.Arrays.copyOf(creates, c), java.util.Arrays.copyOf(closes, d), Set.copyOf(codes));
    }

    /**
     * The range between two chart x positions (seconds, any order), clamped to the trace and widened to whole
     * milliseconds (a pixel is coarser than that), so that it shows exactly in the table's second fields.
     */
    public static TimeRange range(double xSeconds1, double xSeconds2, long spanNanos) {
        double lo = Math.min(xSeconds1, xSeconds2);
        double hi = Math.max(xSeconds1, xSeconds2);
        long from = clamp(Math.floorDiv((long) Math.floor(lo * 1e9), MILLI) * MILLI, spanNanos);
        long to = clamp(ceilMillis((long) Math.ceil(hi * 1e9)), spanNanos);
        return new TimeRange(Math.min(from, to), to);
    }

    /** A chart x position (seconds) as a time in the trace, rounded to the millisecond and clamped. */
    public static long timeAt(double xSeconds, long spanNanos) {
        return clamp(Math.round(xSeconds * 1e3) * MILLI, spanNanos);
    }

    private static long ceilMillis(long nanos) {
        return -Math.floorDiv(-nanos, MILLI) * MILLI;
    }

    private static long clamp(long nanos, long spanNanos) {
        return Math.max(0, spanNanos > 0 ? Math.min(nanos, spanNanos) : nanos);
    }

    /**
     * The series a click at {@code tNanos}, height {@code y} (count) hits: the one of the first {@code shown}
     * series whose count at the nearest point is closest to {@code y}; -1 when there is none.
     */
    public static int seriesAt(CountOverTime.Result result, int shown, long tNanos, double y) {
        List<CountOverTime.Series> series = result.series();
        int n = Math.min(shown, series.size());
        long[] times = result.pointTimesNanos();
        if (n == 0 || times.length == 0) {
            return -1;
        }
        int point = nearestPoint(times, tNanos);
        int best = -1;
        double bestDistance = Double.MAX_VALUE;
        for (int i = 0; i < n; i++) {
            double distance = Math.abs(series.get(i).counts()[point] - y);
            if (distance < bestDistance) {
                bestDistance = distance;
                best = i;
            }
        }
        return best;
    }

    /** Index of the point time nearest to {@code tNanos} ({@code times} ascending, not empty). */
    public static int nearestPoint(long[] times, long tNanos) {
        int i = java.util.Arrays.binarySearch(times, tNanos);
        if (i >= 0) {
            return i;
        }
        int after = -i - 1;
        if (after == 0) {
            return 0;
        }
        if (after >= times.length) {
            return times.length - 1;
        }
        return tNanos - times[after - 1] <= times[after] - tNanos ? after - 1 : after;
    }

    /**
     * {@code base} narrowed to one chart series: its owning process (by pid) or its handle type; unchanged for
     * a null key.
     */
    public static HandleFilter seriesFilter(HandleFilter base, HandleModel m, KeyValue key) {
        if (key == null) {
            return base;
        }
        if (key.column() == HandleColumn.OWNING_PROCESS && key.code() >= 0) {
            return base.withProcess(Integer.toString(m.process((int) key.code()).pid()));
        }
        if (key.column() == HandleColumn.TYPE) {
            return base.withType(key.label());
        }
        return base;
    }

    /** Seconds as typed (e.g. {@code 12.5}) in nanoseconds, exact; null when empty, negative or not a number. */
    public static Long parseSeconds(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            BigDecimal seconds = new BigDecimal(text.trim());
            if (seconds.signum() < 0) {
                return null;
            }
            return seconds.movePointRight(9).setScale(0, RoundingMode.HALF_UP).longValueExact();
        } catch (NumberFormatException | ArithmeticException e) {
            return null;
        }
    }

    /** Nanoseconds as the shortest exact seconds text ({@code 12.5}); parses back with {@link #parseSeconds}. */
    public static String formatSeconds(long nanos) {
        return BigDecimal.valueOf(nanos, 9).stripTrailingZeros().toPlainString();
    }
}
