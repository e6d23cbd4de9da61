package org.handlelens.windbg.parse;

/** Which {@code !htrace} invocation printed a section. */
public enum HtraceKind {
    /** {@code !htrace} or {@code !htrace 0 <process>}: every stored trace, newest first. */
    FULL,
    /** {@code !htrace <handle>}: the traces of one handle value. */
    SINGLE_HANDLE,
    /** {@code !htrace -diff}: OPENs since the previous snapshot that are still open. */
    DIFF
}
