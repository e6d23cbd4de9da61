package org.handlelens.windbg;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.handlelens.windbg.parse.HtraceKind;
import org.handlelens.windbg.parse.HtraceRecord;

/**
 * Decides which records of an {@code !htrace} output are new. A log often shows the same trace
 * several times: {@code !htrace} run twice prints the whole trace buffer again, and
 * {@code !htrace -diff} repeats the still-open OPENs.
 *
 * <p>Two rules: (1) a full dump that starts with the tail of the previous full dump of the same
 * process continues it, so the overlap is dropped; (2) a record identical to the latest record
 * applied for the same handle value is a repeat (a handle value cannot be opened twice, or closed
 * twice, without the opposite operation in between).
 */
final class HtraceDeduplicator {
    private final Map<Integer, List<HtraceRecord>> lastFullByOwner = new HashMap<>();
    private final Map<OwnerHandle, HtraceRecord> latestByOwnerAndHandle = new HashMap<>();

    /**
     * The records of one section that are new, oldest first.
     *
     * @param ownerKey     process key of the traced handle table (-1 when records name their own)
     * @param kind         the section's kind
     * @param chronological the section's records, oldest first
     */
    List<HtraceRecord> newRecords(int ownerKey, HtraceKind kind, List<HtraceRecord> chronological) {
        int skip = 0;
        if (kind == HtraceKind.FULL) {
            List<HtraceRecord> previous = lastFullByOwner.put(ownerKey, chronological);
            skip = previous == null ? 0 : overlap(previous, chronological);
        }
        List<HtraceRecord> out = new ArrayList<>(chronological.size() - skip);
        for (HtraceRecord r : chronological.subList(skip, chronological.size())) {
            HtraceRecord latest = latestByOwnerAndHandle.get(new OwnerHandle(ownerKey, r.handleValue()));
            if (latest == null || !latest.sameTraceAs(r)) {
                out.add(r);
            }
        }
        return out;
    }

    /** Records that a record was applied to the model. */
    void applied(int ownerKey, HtraceRecord r) {
        latestByOwnerAndHandle.put(new OwnerHandle(ownerKey, r.handleValue()), r);
    }

    /** Length of the longest suffix of {@code previous} that is a prefix of {@code next}. */
    static int overlap(List<HtraceRecord> previous, List<HtraceRecord> next) {
        if (next.isEmpty()) {
            return 0;
        }
        HtraceRecord first = next.get(0);
        for (int start = 0; start < previous.size(); start++) {
            int length = previous.size() - start;
            if (length > next.size() || !previous.get(start).sameTraceAs(first)) {
                continue;
            }
            boolean matches = true;
            for (int i = 1; i < length && matches; i++) {
                matches = previous.get(start + i).sameTraceAs(next.get(i));
            }
            if (matches) {
                return length;
            }
        }
        return 0;
    }

}
