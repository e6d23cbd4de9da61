package org.handlelens.windbg.parse;

/**
 * Receives the blocks of a debugger log in the order they appear. Default methods ignore.
 */
public interface WinDbgListener {
    /**
     * A debugger command line (prompt stripped, e.g. {@code !htrace -diff}); the blocks it prints
     * follow. Not called for output pasted without its command.
     */
    default void command(String text, int lineNumber) {
    }

    /** A {@code PROCESS} block. */
    default void process(WinDbgProcess process) {
    }

    /** A kernel {@code Handle table at ...} line (before the table's entries). */
    default void handleTable(HandleTable table) {
    }

    /** One {@code !handle} entry. */
    default void handle(WinDbgHandle handle) {
    }

    /** A user-mode {@code !handle} per-type summary. */
    default void handleTypeSummary(HandleTypeSummary summary) {
    }

    /** One complete {@code !htrace} output. */
    default void htraceSection(HtraceSection section) {
    }

    /** An Application Verifier stop. */
    default void verifierStop(VerifierStop stop) {
    }

    /** Something the user should know (e.g. elided or truncated output); not fatal. */
    default void warning(String message) {
    }
}
