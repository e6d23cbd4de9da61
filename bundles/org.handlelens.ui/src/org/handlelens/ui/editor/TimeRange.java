package org.handlelens.ui.editor;

/**
 * A closed range of trace time, nanoseconds since the trace start ({@code fromNanos <= toNanos}).
 *
 * @param fromNanos first instant in the range
 * @param toNanos   last instant in the range
 */
public record TimeRange(long fromNanos, long toNanos) {
    public TimeRange {
        if (fromNanos > toNanos) {
            throw new IllegalArgumentException("range from " + fromNanos + " ns after its end " + toNanos + " ns");
        }
    }

    /** Width of the range. */
    public long lengthNanos() {
        return toNanos - fromNanos;
    }
}
