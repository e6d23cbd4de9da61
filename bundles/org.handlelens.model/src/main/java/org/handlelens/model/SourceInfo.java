package org.handlelens.model;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * Where a model came from and what the source says about itself.
 *
 * @param format        importer id: {@code "windbg"} or {@code "etl"}
 * @param fileName      file name (no directories needed)
 * @param startTime     wall-clock time of the trace start, {@code null} when unknown (WinDbg)
 * @param endTime       wall-clock time of the trace end, {@code null} when unknown
 * @param pointerSize   pointer size of the traced machine in bytes, 0 when unknown
 * @param cpuCount      number of CPUs, -1 when unknown
 * @param eventsLost    events lost per the trace header, -1 when unknown
 * @param buffersLost   buffers lost per the trace header, -1 when unknown
 * @param eventCount    events read, -1 when unknown (equals {@code events.total()} when both are given)
 * @param properties    further source facts to show verbatim (e.g. OS build), sorted by key; never null
 * @param events        events read per kind, null when the source has no event stream (WinDbg)
 */
public record SourceInfo(String format, String fileName, Instant startTime, Instant endTime, int pointerSize,
        int cpuCount, long eventsLost, long buffersLost, long eventCount, Map<String, String> properties,
        TraceEventCounts events) {

    public SourceInfo {
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(fileName, "fileName");
        // sorted by key: Map.copyOf iterates in a per-JVM random order, so `info` printed the properties of the
        // same trace differently on each run (import vs index reopen)
        properties = properties == null ? Map.of()
                : java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(Map.copyOf(properties)));
        if (events != null && eventCount < 0) {
            eventCount = events.total();
        }
    }

    /** Source info without per-kind event counts (those that know only a total get {@link TraceEventCounts#ofTotal}). */
    public SourceInfo(String format, String fileName, Instant startTime, Instant endTime, int pointerSize,
            int cpuCount, long eventsLost, long buffersLost, long eventCount, Map<String, String> properties) {
        this(format, fileName, startTime, endTime, pointerSize, cpuCount, eventsLost, buffersLost, eventCount,
                properties, eventCount < 0 ? null : TraceEventCounts.ofTotal(eventCount));
    }

    /** Short form for sources without ETL header statistics. */
    public SourceInfo(String format, String fileName, Instant startTime, Instant endTime, int pointerSize) {
        this(format, fileName, startTime, endTime, pointerSize, -1, -1, -1, -1, Map.of());
    }

    /** Trace span in nanoseconds, or {@link ModelConstants#TIME_UNKNOWN} when start or end is unknown. */
    public long durationNanos() {
        if (startTime == null || endTime == null) {
            return ModelConstants.TIME_UNKNOWN;
        }
        java.time.Duration d = java.time.Duration.between(startTime, endTime);
        return d.isNegative() ? 0 : d.toNanos();
    }

    /** Copy with ETL header statistics filled in. */
    public SourceInfo withStatistics(int cpuCount, long eventsLost, long buffersLost, long eventCount) {
        return new SourceInfo(format, fileName, startTime, endTime, pointerSize, cpuCount, eventsLost, buffersLost,
                eventCount, properties, events != null && events.total() == eventCount ? events
                        : eventCount < 0 ? null : TraceEventCounts.ofTotal(eventCount));
    }

    /** Copy with per-kind event counts (and the total taken from them). */
    public SourceInfo withEvents(TraceEventCounts counts) {
        return new SourceInfo(format, fileName, startTime, endTime, pointerSize, cpuCount, eventsLost, buffersLost,
                counts == null ? eventCount : counts.total(), properties, counts);
    }

    /** Copy with a different end time (importers often learn it last). */
    public SourceInfo withEndTime(Instant end) {
        return new SourceInfo(format, fileName, startTime, end, pointerSize, cpuCount, eventsLost, buffersLost,
                eventCount, properties, events);
    }

    /** Copy with extra properties merged in. */
    public SourceInfo withProperties(Map<String, String> more) {
        Map<String, String> merged = new java.util.LinkedHashMap<>(properties);
        merged.putAll(more);
        return new SourceInfo(format, fileName, startTime, endTime, pointerSize, cpuCount, eventsLost, buffersLost,
                eventCount, merged, events);
    }
}
