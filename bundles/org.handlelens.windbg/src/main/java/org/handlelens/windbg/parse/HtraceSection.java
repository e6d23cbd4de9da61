package org.handlelens.windbg.parse;

import java.util.List;

/**
 * The output of one {@code !htrace} command.
 *
 * @param kind             full dump, single handle or {@code -diff}
 * @param target           process whose handle table was traced: kernel {@code Process 0x...}, or the
 *                         user-mode debuggee when the log names it; null when unknown
 * @param handleFilter     handle value argument of {@code !htrace <handle>}, null otherwise
 * @param recordsNewestFirst records in printed order (WinDbg prints the most recent first)
 * @param reportedCount    the count in {@code Dumped 0x5 stack traces.} / {@code Displayed 0x4 ...},
 *                         null when the trailer is missing
 * @param parsedCount      the count in {@code Parsed 0x6 stack traces.}, null when missing
 * @param lineNumber       1-based first line of the section
 */
public record HtraceSection(HtraceKind kind, ProcessRef target, Long handleFilter,
        List<HtraceRecord> recordsNewestFirst, Long reportedCount, Long parsedCount, int lineNumber) {

    public HtraceSection {
        recordsNewestFirst = List.copyOf(recordsNewestFirst);
    }

    /** Records oldest first: the order in which the operations happened. */
    public List<HtraceRecord> recordsChronological() {
        return recordsNewestFirst.reversed();
    }
}
