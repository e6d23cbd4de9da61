package org.handlelens.model;

/**
 * Events a trace source read, by kind (the {@code events} object of {@code info --json}). A count
 * the source does not give is -1.
 *
 * @param total     every event record read, including header and unknown events
 * @param process   process start/end/rundown events
 * @param thread    thread start/end/rundown events
 * @param image     image load/unload/rundown events
 * @param stackWalk stack walk events (stacks, stack-key references and definitions)
 * @param handle    handle events: object manager (create, close, duplicate, type and handle rundown) and, in ETL
 *                  traces, Win32k GDI/USER HandleOperation events
 * @param other     everything else (header, image identity, other providers)
 */
public record TraceEventCounts(long total, long process, long thread, long image, long stackWalk, long handle,
        long other) {

    /** Counts of a source that knows only its total. */
    public static TraceEventCounts ofTotal(long total) {
        return new TraceEventCounts(total, -1, -1, -1, -1, -1, -1);
    }
}
