package org.handlelens.model.analysis;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

import org.handlelens.model.HandleModel;
import org.handlelens.model.ModelConstants;
import org.handlelens.model.ProcessRecord;
import org.handlelens.model.query.CountOverTime;
import org.handlelens.model.query.RowSelection;

/**
 * Ranks leak suspects: (owning process × type × create stack) groups whose create stacks converge on
 * the same frame are one suspect.
 *
 * <p>What counts as leaked. Handles that existed before the source ("Creating Process = Unknown")
 * are not evidence of a leak in it and are left out. A handle created during the source is
 * <em>leaked</em> when it is still open at the end ("Closing Process = Unknown") or was closed only
 * by its process's exit ({@link ExitCloses}) — and, when the source has times and the group has
 * handles the program closed itself, only when it outlived every one of those ("overdue"): a churning
 * group's in-flight handles at the end of the trace are not leaks.
 *
 * <p>Ranking. With times, {@code score = leaked × (0.25 + 0.75 × q)} where {@code q} is the R² of the
 * least-squares line through the group's open count over its window (first creation to trace end or
 * process exit), or 0 when that line does not rise: steady growth weighs four times more than handles
 * that were opened once and kept. Without times (WinDbg {@code !htrace}), {@code score = leaked}.
 * A suspect without any create stack scores 0.4 times as much: it cannot name the code to fix. Ties go
 * to suspects converging in the user's own modules.
 */
public final class LeakSuspectAnalysis {
    /**
     * Options.
     *
     * @param limit      most suspects to report (0 = all)
     * @param minLeaked  fewest leaked handles for a suspect
     * @param minScore   lowest score for a suspect in a source with times (without times every group with
     *                   {@code minLeaked} leaked handles is one)
     * @param exitCloses how closes at process exit are recognised
     * @param points     points of the open-count series (at least 3)
     */
    public record Options(int limit, long minLeaked, double minScore, ExitCloses exitCloses, int points) {
        /** 10 suspects, at least 1 leaked handle, score at least 5, 100 ms exit window, 64 points. */
        public static final Options DEFAULT = new Options(10, 1, 5.0, ExitCloses.DEFAULT, 64);

        public Options {
            Objects.requireNonNull(exitCloses, "exitCloses");
            if (points < 3) {
                throw new IllegalArgumentException("points < 3");
            }
        }

        /** Copy with another limit. */
        public Options withLimit(int newLimit) {
            return new Options(newLimit, minLeaked, minScore, exitCloses, points);
        }

        /** Copy with another minimum score. */
        public Options withMinScore(double newMinScore) {
            return new Options(limit, minLeaked, newMinScore, exitCloses, points);
        }
    }

    /**
     * Result of one run.
     *
     * @param suspects          best first
     * @param totalLeaked       leaked handles over the whole source (the base of {@link LeakSuspect#share()})
     * @param totalOutstanding  handles open at the end, including pre-existing ones
     * @param preExistingOutstanding handles open at the end that existed before the source
     * @param createdDuringSource handles created during the source
     * @param timed             true when the source has create times (growth rates are known)
     * @param spanNanos         source span in nanoseconds, 0 when unknown
     * @param candidates        leaking groups considered before the score/limit cut
     */
    public record Report(List<LeakSuspect> suspects, long totalLeaked, long totalOutstanding,
            long preExistingOutstanding, long createdDuringSource, boolean timed, long spanNanos, int candidates) {
        public Report {
            suspects = List.copyOf(suspects);
        }
    }

    private static final int MAX_SAMPLES = 5;
    private static final double NO_STACK_WEIGHT = 0.4;
    private static final int MAX_STACKS = 8;

    private LeakSuspectAnalysis() {
    }

    /** Runs the analysis over all rows of {@code m}. */
    public static Report run(HandleModel m, FrameTexts frames, Options options) {
        return run(m, RowSelection.all(m), frames, options);
    }

    /** Runs the analysis over {@code rows} of {@code m}. */
    public static Report run(HandleModel m, RowSelection rows, FrameTexts frames, Options options) {
        long span = CountOverTime.spanNanos(m);
        // one probe key for the lookups and one growing row list per group: no key object or boxed size per row
        // (they were ~400 MB of garbage per 10 M rows, docs/benchmarks.md)
        Map<GroupKey, GroupRows> groupRows = new LinkedHashMap<>();
        GroupKey probe = new GroupKey();
        long totalOutstanding = 0;
        long preExistingOutstanding = 0;
        long created = 0;
        boolean timed = false;
        for (int i = 0; i < rows.size(); i++) {
            int row = rows.row(i);
            boolean outstanding = m.isOutstanding(row);
            if (outstanding) {
                totalOutstanding++;
            }
            if (m.isPreExisting(row)) {
                preExistingOutstanding += outstanding ? 1 : 0;
                continue;
            }
            created++;
            timed |= m.createTimeNanos(row) != ModelConstants.TIME_UNKNOWN;
            probe.owner = m.owningProcess(row);
            probe.typeId = m.typeId(row);
            probe.stackId = m.createStackId(row);
            GroupRows g = groupRows.get(probe);
            if (g == null) {
                g = new GroupRows();
                groupRows.put(probe.copy(), g);
            }
            g.add(row);
        }
        timed &= span > 0;

        // classify each group's rows, then fold groups converging on the same frame
        Map<SuspectKey, Acc> folded = new LinkedHashMap<>();
        long totalLeaked = 0;
        for (Map.Entry<GroupKey, GroupRows> e : groupRows.entrySet()) {
            GroupKey key = e.getKey();
            int[] groupRowsArr = Arrays.copyOf(e.getValue().rows, e.getValue().n);
            Classified c = classify(m, groupRowsArr, span, options.exitCloses());
            if (c.leaked() == 0) {
                continue;
            }
            totalLeaked += c.leaked();
            List<String> stackFrames = frames.texts(key.owner(), key.stackId());
            Convergence conv = Convergence.of(List.of(stackFrames));
            SuspectKey sk = new SuspectKey(key.owner(), key.typeId(),
                    conv != null && conv.kind() != FrameTexts.FrameKind.OS ? conv.frame() : "#" + key.stackId());
            Acc acc = folded.computeIfAbsent(sk, k -> new Acc());
            acc.add(key.stackId(), stackFrames, groupRowsArr, c);
        }

        List<LeakSuspect> all = new ArrayList<>();
        for (Map.Entry<SuspectKey, Acc> e : folded.entrySet()) {
            LeakSuspect s = build(m, e.getKey(), e.getValue(), span, timed, totalLeaked, options);
            // the score cut separates steady growth from handles held since start; without times there is no
            // growth to measure and every leaked group is reported
            if (s.leaked() >= options.minLeaked() && (!timed || s.score() >= options.minScore())) {
                all.add(s);
            }
        }
        all.sort(Comparator.comparingDouble(LeakSuspect::score).reversed()
                .thenComparing(Comparator.comparingLong(LeakSuspect::leaked).reversed())
                .thenComparingInt(s -> s.convergence() == null ? 3 : s.convergence().kind().ordinal())
                .thenComparing(LeakSuspect::processLabel).thenComparing(LeakSuspect::type));
        List<LeakSuspect> ranked = new ArrayList<>();
        for (int i = 0; i < all.size() && (options.limit() <= 0 || i < options.limit()); i++) {
            ranked.add(withRank(all.get(i), i + 1));
        }
        return new Report(ranked, totalLeaked, totalOutstanding, preExistingOutstanding, created, timed,
                Math.max(0, span), folded.size());
    }

    /** Per-row verdicts of one group. */
    private record Classified(int[] leakedRows, boolean[] byExit, long outstanding, long closedByExit, long closed) {
        long leaked() {
            return leakedRows.length;
        }
    }

    private static Classified classify(HandleModel m, int[] rows, long span, ExitCloses exits) {
        // the longest lifetime the program itself gave a handle of this group: outstanding handles younger
        // than that are in flight, not leaked
        long maxLifetime = -1;
        boolean[] exitClose = new boolean[rows.length];
        long closed = 0;
        for (int i = 0; i < rows.length; i++) {
            int row = rows[i];
            if (m.isOutstanding(row)) {
                continue;
            }
            if (exits.isExitClose(m, row)) {
                exitClose[i] = true;
                continue;
            }
            closed++;
            long c = m.createTimeNanos(row);
            long d = m.closeTimeNanos(row);
            if (c != ModelConstants.TIME_UNKNOWN && d != ModelConstants.TIME_UNKNOWN) {
                maxLifetime = Math.max(maxLifetime, d - c);
            }
        }
        int[] leaked = new int[rows.length];
        boolean[] byExit = new boolean[rows.length];
        int n = 0;
        long outstanding = 0;
        long closedByExit = 0;
        for (int i = 0; i < rows.length; i++) {
            int row = rows[i];
            boolean out = m.isOutstanding(row);
            if (!out && !exitClose[i]) {
                continue;
            }
            long c = m.createTimeNanos(row);
            long end = out ? span : m.closeTimeNanos(row);
            boolean overdue = maxLifetime < 0 || c == ModelConstants.TIME_UNKNOWN || end == ModelConstants.TIME_UNKNOWN
                    || end - c > maxLifetime;
            if (!overdue) {
                continue;
            }
            byExit[n] = !out;
            leaked[n++] = row;
            if (out) {
                outstanding++;
            } else {
                closedByExit++;
            }
        }
        return new Classified(Arrays.copyOf(leaked, n), Arrays.copyOf(byExit, n), outstanding, closedByExit, closed);
    }

    /** Owning process, type and create stack of a group; mutable only as the loop's probe. */
    private static final class GroupKey {
        int owner;
        int typeId;
        int stackId;

        int owner() {
            return owner;
        }

        int typeId() {
            return typeId;
        }

        int stackId() {
            return stackId;
        }

        GroupKey copy() {
            GroupKey k = new GroupKey();
            k.owner = owner;
            k.typeId = typeId;
            k.stackId = stackId;
            return k;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof GroupKey k && k.owner == owner && k.typeId == typeId && k.stackId == stackId;
        }

        @Override
        public int hashCode() {
            return (owner * 31 + typeId) * 31 + stackId;
        }
    }

    /** The rows of one group, in row order. */
    private static final class GroupRows {
        int[] rows = new int[8];
        int n;

        void add(int row) {
            if (n == rows.length) {
                rows = Arrays.copyOf(rows, n * 2);
            }
            rows[n++] = row;
        }
    }

    private record SuspectKey(int owner, int typeId, String site) {
    }

    /** Groups folded into one suspect. */
    private static final class Acc {
        final List<LeakSuspect.SuspectStack> stacks = new ArrayList<>();
        final List<List<String>> stackFrames = new ArrayList<>();
        int[] allRows = new int[0];
        int[] leakedRows = new int[0];
        boolean[] leakedByExit = new boolean[0];
        long outstanding;
        long closedByExit;
        long closed;

        void add(int stackId, List<String> frames, int[] rows, Classified c) {
            stacks.add(new LeakSuspect.SuspectStack(stackId, frames, c.leaked()));
            stackFrames.add(frames);
            allRows = concat(allRows, rows);
            leakedRows = concat(leakedRows, c.leakedRows());
            boolean[] b = Arrays.copyOf(leakedByExit, leakedByExit.length + c.byExit().length);
            System.arraycopy(c.byExit(), 0, b, leakedByExit.length, c.byExit().length);
            leakedByExit = b;
            outstanding += c.outstanding();
            closedByExit += c.closedByExit();
            closed += c.closed();
        }

        private static int[] concat(int[] a, int[] b) {
            int[] out = Arrays.copyOf(a, a.length + b.length);
            System.arraycopy(b, 0, out, a.length, b.length);
            return out;
        }
    }

    private static LeakSuspect build(HandleModel m, SuspectKey key, Acc acc, long span, boolean timed,
            long totalLeaked, Options options) {
        ProcessRecord p = m.process(key.owner());
        long leaked = acc.outstanding + acc.closedByExit;
        String type = Objects.requireNonNullElse(m.string(key.typeId()), "");
        Convergence conv = Convergence.of(acc.stackFrames);
        long exit = ModelConstants.TIME_UNKNOWN;
        if (p.endTimeNanos() != ModelConstants.TIME_UNKNOWN && (span <= 0 || p.endTimeNanos() <= span)) {
            exit = p.endTimeNanos();
        }
        Double slope = null;
        Double r2 = null;
        long w0 = ModelConstants.TIME_UNKNOWN;
        long w1 = ModelConstants.TIME_UNKNOWN;
        long[] times = new long[0];
        long[] counts = new long[0];
        double score = leaked;
        if (timed) {
            long first = Long.MAX_VALUE;
            for (int row : acc.allRows) {
                long c = m.createTimeNanos(row);
                if (c != ModelConstants.TIME_UNKNOWN) {
                    first = Math.min(first, c);
                }
            }
            if (first != Long.MAX_VALUE) {
                w0 = Math.max(0, first);
                // stop before the exit sweep: it is the end of the process, not a fix of the leak
                w1 = exit != ModelConstants.TIME_UNKNOWN
                        ? Math.max(w0, exit - options.exitCloses().windowNanos() - 1) : span;
                times = new long[options.points()];
                for (int i = 0; i < times.length; i++) {
                    times[i] = w0 + (long) ((double) (w1 - w0) * i / (times.length - 1));
                }
                counts = openCounts(m, acc.allRows, times);
                double[] x = new double[times.length];
                double[] y = new double[times.length];
                for (int i = 0; i < times.length; i++) {
                    x[i] = times[i] / 1e9;
                    y[i] = counts[i];
                }
                LinearFit fit = w1 > w0 ? LinearFit.of(x, y) : new LinearFit(0, 0, 0, times.length);
                slope = fit.slopePerSecond();
                r2 = fit.rSquared();
                double q = slope > 0 ? r2 : 0;
                score = leaked * (0.25 + 0.75 * q);
            }
        }
        if (acc.stackFrames.stream().allMatch(List::isEmpty)) {
            score *= NO_STACK_WEIGHT;
        }
        List<LeakSuspect.SuspectStack> stacks = new ArrayList<>(acc.stacks);
        stacks.sort(Comparator.comparingLong(LeakSuspect.SuspectStack::leaked).reversed());
        if (stacks.size() > MAX_STACKS) {
            stacks = stacks.subList(0, MAX_STACKS);
        }
        List<LeakSuspect.SampleHandle> samples = new ArrayList<>();
        for (int i = 0; i < acc.leakedRows.length && samples.size() < MAX_SAMPLES; i++) {
            int row = acc.leakedRows[i];
            samples.add(new LeakSuspect.SampleHandle(row, m.handleValue(row), m.objectAddress(row), m.objectName(row),
                    m.createTimeNanos(row), m.closeTimeNanos(row), acc.leakedByExit[i]));
        }
        long created = acc.allRows.length;
        double share = totalLeaked == 0 ? 0 : (double) leaked / totalLeaked;
        String frame = conv != null ? conv.frame()
                : stacks.isEmpty() || stacks.get(0).frames().isEmpty() ? null : stacks.get(0).frames().get(0);
        String sentence = sentence(p, type, frame, leaked, acc.outstanding, acc.closedByExit, acc.closed, created,
                slope, w0, w1, exit);
        return new LeakSuspect(0, key.owner(), p.pid(), p.image(), p.label(), type, conv, stacks, leaked,
                acc.outstanding, acc.closedByExit, acc.closed, created, share, slope, r2, w0, w1, times, counts, exit,
                score, sentence, samples, RowSelection.of(acc.leakedRows));
    }

    private static LeakSuspect withRank(LeakSuspect s, int rank) {
        return new LeakSuspect(rank, s.processKey(), s.pid(), s.processImage(), s.processLabel(), s.type(),
                s.convergence(), s.stacks(), s.leaked(), s.outstanding(), s.closedByExit(), s.closed(), s.created(),
                s.share(), s.growthPerSecond(), s.rSquared(), s.windowStartNanos(), s.windowEndNanos(),
                s.seriesTimesNanos(), s.seriesCounts(), s.processExitNanos(), s.score(), s.sentence(), s.samples(),
                s.leakedRows());
    }

    /** Open count of {@code rows} at each of {@code times} (ascending). */
    static long[] openCounts(HandleModel m, int[] rows, long[] times) {
        long[] delta = new long[times.length + 1];
        for (int row : rows) {
            long c = m.createTimeNanos(row);
            long d = m.closeTimeNanos(row);
            int from = c == ModelConstants.TIME_UNKNOWN ? 0 : firstAtOrAfter(times, c);
            int to;
            if (d != ModelConstants.TIME_UNKNOWN) {
                to = firstAtOrAfter(times, d);
            } else if (m.isOutstanding(row)) {
                to = times.length;
            } else {
                continue;
            }
            if (from < to) {
                delta[from]++;
                delta[to]--;
            }
        }
        long[] out = new long[times.length];
        long run = 0;
        for (int i = 0; i < times.length; i++) {
            run += delta[i];
            out[i] = run;
        }
        return out;
    }

    private static int firstAtOrAfter(long[] times, long t) {
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
     * "powershell.exe (pid 4321) holds 9,812 Event handles created by myapp!Worker::Start+0x4f; +41/s over
     * 4 min, closed 0 of them."
     */
    static String sentence(ProcessRecord p, String type, String frame, long leaked, long outstanding,
            long closedByExit, long closed, long created, Double slope, long w0, long w1, long exit) {
        StringBuilder sb = new StringBuilder();
        if (p.image().isEmpty()) {
            sb.append(p.pid() >= 0 ? "Process " + p.pid() : p.label());
        } else {
            sb.append(p.image()).append(p.pid() >= 0 ? " (pid " + p.pid() + ")" : "");
        }
        boolean exited = exit != ModelConstants.TIME_UNKNOWN;
        sb.append(exited ? " leaked " : " holds ").append(count(leaked)).append(' ');
        if (!type.isEmpty()) {
            sb.append(type).append(' ');
        }
        sb.append(leaked == 1 ? "handle" : "handles");
        if (frame != null) {
            sb.append(" created by ").append(frame);
        }
        if (closedByExit > 0) {
            sb.append(exited ? " before it exited at " + seconds(exit) : "").append(" (")
                    .append(closedByExit == leaked ? "all" : count(closedByExit)).append(" closed only by the process exit")
                    .append(')');
        }
        if (slope != null && w1 > w0) {
            sb.append("; ").append(rate(slope)).append(" over ").append(duration(w1 - w0));
        }
        sb.append(slope != null && w1 > w0 ? ", " : "; ");
        sb.append("closed ").append(count(closed)).append(" of ").append(count(created)).append(" created");
        if (outstanding > 0 && exited && closedByExit > 0) {
            sb.append(", ").append(count(outstanding)).append(" still open");
        }
        return sb.append('.').toString();
    }

    private static String count(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    /** "+41/s", "+0.52/s", "-3.1/s". */
    static String rate(double perSecond) {
        String sign = perSecond >= 0 ? "+" : "-";
        double a = Math.abs(perSecond);
        String num = a >= 10 ? String.format(Locale.ROOT, "%,.0f", a)
                : a >= 1 ? String.format(Locale.ROOT, "%.1f", a) : String.format(Locale.ROOT, "%.2f", a);
        return sign + num + "/s";
    }

    /** "850 ms", "12 s", "4 min", "1.5 h". */
    static String duration(long nanos) {
        double s = nanos / 1e9;
        if (s < 1) {
            return String.format(Locale.ROOT, "%.0f ms", s * 1000);
        }
        if (s < 120) {
            return String.format(Locale.ROOT, "%.0f s", s);
        }
        if (s < 7200) {
            return String.format(Locale.ROOT, "%.0f min", s / 60);
        }
        return String.format(Locale.ROOT, "%.1f h", s / 3600);
    }

    private static String seconds(long nanos) {
        return String.format(Locale.ROOT, "%.1f s", nanos / 1e9);
    }
}
