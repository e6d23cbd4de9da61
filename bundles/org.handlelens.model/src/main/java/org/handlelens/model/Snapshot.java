package org.handlelens.model;

import java.util.Objects;

/**
 * A point of a snapshot-based source (a WinDbg log) at which the handle state was observed, in log
 * order. Rows say at which snapshot they were first seen open and by which one they were known closed
 * ({@link HandleModel#openedSnapshot}, {@link HandleModel#closedSnapshot}); trace sources (ETL) have
 * times instead and no snapshots.
 *
 * @param index      0-based position in {@link HandleModel#snapshots()}
 * @param kind       what took the snapshot
 * @param lineNumber 1-based line of the command (or first output line) in the source; -1 for {@link Kind#END_OF_LOG}
 * @param label      the debugger command as printed (e.g. {@code !htrace -diff}), or a description
 */
public record Snapshot(int index, Kind kind, int lineNumber, String label) {

    /** What took a snapshot. */
    public enum Kind {
        /** {@code !htrace -enable} or {@code !htrace -snapshot}: the trace's reference point, nothing listed. */
        HTRACE_SNAPSHOT,
        /** {@code !htrace -diff}: takes a snapshot and lists the OPENs since the previous one still open. */
        HTRACE_DIFF,
        /** One {@code !handle} command's listing. */
        HANDLE_LISTING,
        /** End of the log: what was printed after the last snapshot (e.g. a final full {@code !htrace}). */
        END_OF_LOG
    }

    public Snapshot {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(label, "label");
        if (index < 0) {
            throw new IllegalArgumentException("snapshot index " + index);
        }
    }

    /** Human form, e.g. {@code #3 !htrace -diff (line 143)}. */
    public String describe() {
        return "#" + index + " " + label + (lineNumber > 0 ? " (line " + lineNumber + ")" : "");
    }
}
