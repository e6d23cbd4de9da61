package org.handlelens.model;

/**
 * Sentinel values shared by the records and the columnar model. Unknown values are encoded as
 * sentinels rather than boxed nulls so that tens of millions of rows fit in primitive arrays.
 */
public final class ModelConstants {
    /** A time (nanoseconds since trace start) that the source does not give. */
    public static final long TIME_UNKNOWN = Long.MIN_VALUE;
    /** No stack recorded for an event. */
    public static final int NO_STACK = -1;
    /** Process key meaning "Unknown" (WPA's wording): not seen by the trace. */
    public static final int UNKNOWN_PROCESS = -1;
    /** Address, handle value, access mask or count that the source does not give. */
    public static final long UNKNOWN = -1L;

    private ModelConstants() {
    }
}
