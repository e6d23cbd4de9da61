package org.handlelens.model.query;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Map;
import java.util.function.Function;
import java.util.function.IntPredicate;
import java.util.stream.IntStream;

import org.handlelens.model.HandleModel;
import org.handlelens.model.ProcessRecord;

/**
 * What changed between two times of one model, between two snapshots of one WinDbg log, or between
 * two models (e.g. two WinDbg snapshots of the same machine): handles new since the first point,
 * closed since it, and open at both.
 */
public final class Diff {
    /** WPA's leak view grouping: owning process, type, create stack. */
    public static final List<HandleColumn> DEFAULT_COLUMNS = List.of(HandleColumn.OWNING_PROCESS, HandleColumn.TYPE,
            HandleColumn.CREATE_STACK);

    private Diff() {
    }

    /**
     * @param added     open at the second point but not the first (grouped in the second model)
     * @param closed    open at the first point but not the second (grouped in the first model)
     * @param stillOpen open at both (grouped in the second model)
     */
    public record Result(GroupResult added, GroupResult closed, GroupResult stillOpen) {
    }

    /** Handles open at {@code t1Nanos} vs at {@code t2Nanos} (t1 before t2), grouped by {@code columns}. */
    public static Result between(HandleModel m, long t1Nanos, long t2Nanos, List<HandleColumn> columns) {
        return split(m, row -> m.isOpenAt(row, t1Nanos), row -> m.isOpenAt(row, t2Nanos),
                rows -> GroupBy.run(m, rows, columns, t2Nanos));
    }

    /**
     * Handles open at snapshot {@code fromSnapshot} vs at {@code toSnapshot} of one snapshot-based
     * model (two {@code !htrace -diff} outputs, two {@code !handle} listings of one WinDbg log), grouped by
     * {@code columns}; see {@link HandleModel#isOpenAtSnapshot} for what "open at" means.
     *
     * @throws IllegalArgumentException an index outside {@link HandleModel#snapshots()}, or
     *                                  {@code fromSnapshot >= toSnapshot}
     */
    public static Result betweenSnapshots(HandleModel m, int fromSnapshot, int toSnapshot,
            List<HandleColumn> columns) {
        int n = m.snapshots().size();
        if (n == 0) {
            throw new IllegalArgumentException(m.source().fileName() + " has no snapshots");
        }
        for (int s : new int[] {fromSnapshot, toSnapshot}) {
            if (s < 0 || s >= n) {
                throw new IllegalArgumentException("snapshot " + s + " does not exist in " + m.source().fileName()
                        + " (0.." + (n - 1) + ")");
            }
        }
        if (fromSnapshot >= toSnapshot) {
            throw new IllegalArgumentException("the first snapshot (" + fromSnapshot + ") must come before the second ("
                    + toSnapshot + ")");
        }
        return split(m, row -> m.isOpenAtSnapshot(row, fromSnapshot), row -> m.isOpenAtSnapshot(row, toSnapshot),
                rows -> GroupBy.run(m, rows, columns));
    }

    /** Rows open at the second point only (added), the first only (closed) or both, each grouped. */
    private static Result split(HandleModel m, IntPredicate openFirst, IntPredicate openSecond,
            Function<RowSelection, GroupResult> group) {
        IntStream.Builder added = IntStream.builder();
        IntStream.Builder closed = IntStream.builder();
        IntStream.Builder kept = IntStream.builder();
        for (int row = 0; row < m.rowCount(); row++) {
            boolean a = openFirst.test(row);
            boolean b = openSecond.test(row);
            if (a && b) {
                kept.add(row);
            } else if (b) {
                added.add(row);
            } else if (a) {
                closed.add(row);
            }
        }
        return new Result(group.apply(RowSelection.wrap(added.build().toArray())),
                group.apply(RowSelection.wrap(closed.build().toArray())),
                group.apply(RowSelection.wrap(kept.build().toArray())));
    }

    /**
     * Handles outstanding at the end of {@code before} vs of {@code after}. Handles match by owning
     * process (pid and image) and handle value, when their types and object addresses agree where both
     * sources give them (a {@code !htrace} record has no type; a {@code !handle} entry has one).
     */
    public static Result between(HandleModel before, HandleModel after, List<HandleColumn> columns) {
        Map<Slot, List<Integer>> inBefore = new HashMap<>();
        for (int row = 0; row < before.rowCount(); row++) {
            if (before.isOutstanding(row)) {
                inBefore.computeIfAbsent(Slot.of(before, row), k -> new ArrayList<>()).add(row);
            }
        }
        boolean[] matchedBefore = new boolean[before.rowCount()];
        List<Integer> added = new ArrayList<>();
        List<Integer> kept = new ArrayList<>();
        for (int row = 0; row < after.rowCount(); row++) {
            if (!after.isOutstanding(row)) {
                continue;
            }
            int match = -1;
            for (int b : inBefore.getOrDefault(Slot.of(after, row), List.of())) {
                if (!matchedBefore[b] && compatible(before, b, after, row)) {
                    match = b;
                    break;
                }
            }
            if (match >= 0) {
                matchedBefore[match] = true;
                kept.add(row);
            } else {
                added.add(row);
            }
        }
        List<Integer> closed = new ArrayList<>();
        for (int row = 0; row < before.rowCount(); row++) {
            if (before.isOutstanding(row) && !matchedBefore[row]) {
                closed.add(row);
            }
        }
        return new Result(GroupBy.run(after, sel(added), columns), GroupBy.run(before, sel(closed), columns),
                GroupBy.run(after, sel(kept), columns));
    }

    private static boolean compatible(HandleModel m1, int r1, HandleModel m2, int r2) {
        String t1 = Objects.requireNonNullElse(m1.typeName(r1), "");
        String t2 = Objects.requireNonNullElse(m2.typeName(r2), "");
        if (!t1.isEmpty() && !t2.isEmpty() && !t1.equalsIgnoreCase(t2)) {
            return false;
        }
        long o1 = m1.objectAddress(r1);
        long o2 = m2.objectAddress(r2);
        return o1 == -1 || o2 == -1 || o1 == o2;
    }

    private static RowSelection sel(List<Integer> rows) {
        return RowSelection.wrap(rows.stream().mapToInt(Integer::intValue).toArray());
    }

    private record Slot(int pid, String image, long handle) {
        static Slot of(HandleModel m, int row) {
            ProcessRecord p = m.process(m.owningProcess(row));
            return new Slot(p.pid(), p.image().toLowerCase(Locale.ROOT), m.handleValue(row));
        }
    }
}
