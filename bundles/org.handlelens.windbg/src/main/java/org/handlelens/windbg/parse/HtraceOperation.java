package org.handlelens.windbg.parse;

/** What an {@code !htrace} record traced. */
public enum HtraceOperation {
    /** {@code - OPEN}: a handle was created (opened, duplicated in). */
    OPEN,
    /** {@code - CLOSE}: a handle was closed. */
    CLOSE,
    /** {@code - *** BAD REFERENCE ***}: an invalid handle was used. */
    BAD_REFERENCE
}
