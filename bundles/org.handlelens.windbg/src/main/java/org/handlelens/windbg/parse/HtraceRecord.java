package org.handlelens.windbg.parse;

import java.util.List;

/**
 * One {@code !htrace} record.
 *
 * @param handleValue handle value
 * @param operation   open, close or bad reference
 * @param threadId    {@code Thread ID}, null when not printed (kernel-mode output)
 * @param processId   {@code Process ID} (the process that performed the operation), null when not printed
 * @param frames      stack, innermost first; empty when elided or truncated
 * @param complete    false when the input ended before the record's mandatory lines
 * @param lineNumber  1-based line of {@code Handle = ...}
 */
public record HtraceRecord(long handleValue, HtraceOperation operation, Long threadId, Long processId,
        List<StackFrame> frames, boolean complete, int lineNumber) {

    public HtraceRecord {
        frames = List.copyOf(frames);
    }

    /**
     * Same trace, ignoring where it was printed: used to recognise a record listed again by a later
     * {@code !htrace} or {@code !htrace -diff}.
     */
    public boolean sameTraceAs(HtraceRecord o) {
        return handleValue == o.handleValue && operation == o.operation
                && java.util.Objects.equals(threadId, o.threadId) && java.util.Objects.equals(processId, o.processId)
                && frameAddressesEqual(frames, o.frames);
    }

    private static boolean frameAddressesEqual(List<StackFrame> a, List<StackFrame> b) {
        if (a.size() != b.size()) {
            return false;
        }
        for (int i = 0; i < a.size(); i++) {
            if (a.get(i).address() != b.get(i).address()) {
                return false;
            }
        }
        return true;
    }
}
