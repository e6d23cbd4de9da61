package org.handlelens.model.query;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

import org.handlelens.model.HandleModel;
import org.handlelens.model.ProcessRecord;

/**
 * What changed between two times of one model, or between two models (e.g. two WinDbg snapshots of
 * the same machine): handles new since the first point, closed since it, and open at both.
 */
public final class Diff {
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
        List<Integer> added = new ArrayList<>();
        List<Integer> closed = new ArrayList<>();
        List<Integer> kept = new ArrayList<>();
        for (int row = 0; row < m.rowCount(); row++) {
            boolean a = m.isOpenAt(row, t1Nanos);
            boolean b = m.isOpenAt(row, t2Nanos);
            if (a && b) {
                kept.add(row);
            } else if (b) {
                added.add(row);
            } else if (a) {
                closed.add(row);
            }
        }
        return new Result(GroupBy.run(m, sel(added), columns, t2Nanos), GroupBy.run(m, sel(closed), columns, t2Nanos),
                GroupBy.run(m, sel(kept), columns, t2Nanos));
    }

    /**
     * Handles outstanding at the end of {@code before} vs of {@code after}. Handles match by owning
     * process (pid and image), handle value, type and object address.
     */
    public static Result between(HandleModel before, HandleModel after, List<HandleColumn> columns) {
        Set<Identity> inBefore = new HashSet<>();
        for (int row = 0; row < before.rowCount(); row++) {
            if (before.isOutstanding(row)) {
                inBefore.add(Identity.of(before, row));
            }
        }
        Set<Identity> inAfter = new HashSet<>();
        List<Integer> added = new ArrayList<>();
        List<Integer> kept = new ArrayList<>();
        for (int row = 0; row < after.rowCount(); row++) {
            if (after.isOutstanding(row)) {
                Identity id = Identity.of(after, row);
                inAfter.add(id);
                (inBefore.contains(id) ? kept : added).add(row);
            }
        }
        List<Integer> closed = new ArrayList<>();
        for (int row = 0; row < before.rowCount(); row++) {
            if (before.isOutstanding(row) && !inAfter.contains(Identity.of(before, row))) {
                closed.add(row);
            }
        }
        return new Result(GroupBy.run(after, sel(added), columns), GroupBy.run(before, sel(closed), columns),
                GroupBy.run(after, sel(kept), columns));
    }

    private static RowSelection sel(List<Integer> rows) {
        return RowSelection.wrap(rows.stream().mapToInt(Integer::intValue).toArray());
    }

    private record Identity(int pid, String image, long handle, String type, long object) {
        static Identity of(HandleModel m, int row) {
            ProcessRecord p = m.process(m.owningProcess(row));
            return new Identity(p.pid(), p.image().toLowerCase(Locale.ROOT), m.handleValue(row),
                    Objects.requireNonNullElse(m.typeName(row), ""), m.objectAddress(row));
        }
    }
}
