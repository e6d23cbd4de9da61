package org.handlelens.windbg.parse;

import java.util.ArrayList;
import java.util.List;

/** State shared by the block parsers of one log: which process the next block belongs to, counters. */
final class ParseContext {
    final WinDbgListener listener;
    final List<String> warnings = new ArrayList<>();
    /** The PROCESS header printed last (owner of a following kernel handle table). */
    ProcessRef lastProcess;
    /** Process of {@code .process} / {@code processor number 0, process ...}. */
    Long contextEprocess;
    /** Owner of the kernel handle table being listed. */
    ProcessRef tableOwner;
    boolean kernelTable;
    /** User-mode debuggee pid, from {@code (pid.tid): ...} event lines or a verifier stop. */
    Long debuggeePid;
    int blocks;
    int skippedLines;
    int firstSkippedLine;
    String firstSkippedText;

    ParseContext(WinDbgListener listener) {
        this.listener = listener;
    }

    void warn(String message) {
        warnings.add(message);
        listener.warning(message);
    }

    void skip(Line line) {
        if (skippedLines++ == 0) {
            firstSkippedLine = line.number();
            firstSkippedText = line.text();
        }
    }

    void processSeen(ProcessRef ref) {
        lastProcess = ref;
        tableOwner = null;
    }

    /** Owner for kernel handle entries: the table's, else the last PROCESS header, else the context. */
    ProcessRef kernelHandleOwner() {
        if (tableOwner != null) {
            return tableOwner;
        }
        if (lastProcess != null) {
            return lastProcess;
        }
        return contextEprocess != null ? ProcessRef.ofEprocess(contextEprocess) : null;
    }

    /** The user-mode debuggee, null when the log does not identify it. */
    ProcessRef debuggee() {
        return debuggeePid != null ? ProcessRef.ofPid(debuggeePid) : null;
    }
}
