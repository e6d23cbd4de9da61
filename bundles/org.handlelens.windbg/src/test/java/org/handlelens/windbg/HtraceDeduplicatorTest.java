package org.handlelens.windbg;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.handlelens.windbg.parse.HtraceKind;
import org.handlelens.windbg.parse.HtraceOperation;
import org.handlelens.windbg.parse.HtraceRecord;
import org.handlelens.windbg.parse.StackFrame;
import org.junit.jupiter.api.Test;

class HtraceDeduplicatorTest {

    private static HtraceRecord r(long handle, HtraceOperation op, long frame) {
        return new HtraceRecord(handle, op, 0x10L, 0x20L, List.of(new StackFrame(frame, "m", "f", 1L, "m!f+0x1")),
                true, 1);
    }

    private static final HtraceRecord OPEN_34 = r(0x34, HtraceOperation.OPEN, 0x1000);
    private static final HtraceRecord CLOSE_34 = r(0x34, HtraceOperation.CLOSE, 0x2000);
    private static final HtraceRecord OPEN_38 = r(0x38, HtraceOperation.OPEN, 0x1000);

    private static List<HtraceRecord> apply(HtraceDeduplicator d, HtraceKind kind, List<HtraceRecord> records) {
        List<HtraceRecord> fresh = d.newRecords(0, kind, records);
        fresh.forEach(x -> d.applied(0, x));
        return fresh;
    }

    @Test
    void overlapIsTheLongestSuffixThatPrefixesTheNextDump() {
        List<HtraceRecord> first = List.of(OPEN_38, OPEN_34, CLOSE_34);
        assertEquals(3, HtraceDeduplicator.overlap(first, List.of(OPEN_38, OPEN_34, CLOSE_34, OPEN_34)));
        // the trace buffer dropped OPEN_38: the dump starts inside the previous one
        assertEquals(2, HtraceDeduplicator.overlap(first, List.of(OPEN_34, CLOSE_34, OPEN_34)));
        assertEquals(0, HtraceDeduplicator.overlap(first, List.of(OPEN_38)));
        assertEquals(0, HtraceDeduplicator.overlap(List.of(), List.of(OPEN_38)));
    }

    @Test
    void repeatedDumpsAndDiffsYieldOnlyNewRecords() {
        HtraceDeduplicator d = new HtraceDeduplicator();
        assertEquals(List.of(OPEN_34, CLOSE_34), apply(d, HtraceKind.FULL, List.of(OPEN_34, CLOSE_34)));
        // same value reopened with an identical stack: new, because the dump continues the previous one
        assertEquals(List.of(OPEN_34, OPEN_38), apply(d, HtraceKind.FULL, List.of(OPEN_34, CLOSE_34, OPEN_34,
                OPEN_38)));
        // -diff lists what is still open: nothing new
        assertEquals(List.of(), apply(d, HtraceKind.DIFF, List.of(OPEN_34, OPEN_38)));
        HtraceRecord open40 = r(0x40, HtraceOperation.OPEN, 0x3000);
        assertEquals(List.of(open40), apply(d, HtraceKind.DIFF, List.of(OPEN_38, open40)));
    }
}
