package org.handlelens.etw;

import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

import org.handlelens.etw.header.EventRecordHeader;
import org.handlelens.etw.header.HeaderKind;

/** Mutable counters filled during a read; allocation-free for HookId records. */
final class EventCounter {
    private record GuidKey(long msb, long lsb, boolean classic, int id) {
    }

    private final long[] hookCounts = new long[1 << 16];
    private final long[] hookSkipped = new long[1 << 16];
    private final long[] kindCounts = new long[EventKind.values().length];
    private final Map<GuidKey, long[]> guidCounts = new HashMap<>();
    private final Map<String, Long> malformed = new TreeMap<>();
    private long messages;
    private long total;
    private long malformedTotal;
    private long first = Long.MAX_VALUE;
    private long last = Long.MIN_VALUE;
    private GuidKey lastKey;
    private long[] lastCounter;

    /** Counts a record; returns the counter cell for the caller to mark it skipped. */
    void count(EventRecordHeader h, EventKind kind) {
        total++;
        kindCounts[kind.ordinal()]++;
        int hook = h.hookId();
        if (hook >= 0) { // SYSTEM, COMPACT, PERFINFO: most records of a kernel trace
            hookCounts[hook]++;
            long ts = h.timestampRaw();
            first = Math.min(first, ts);
            last = Math.max(last, ts);
            return;
        }
        if (h.kind() != HeaderKind.MESSAGE) {
            long ts = h.timestampRaw();
            if (ts < first) {
                first = ts;
            }
            if (ts > last) {
                last = ts;
            }
        }
        switch (h.kind()) {
            case SYSTEM, COMPACT, PERFINFO -> hookCounts[h.hookId()]++;
            case MESSAGE -> messages++;
            default -> guidCounter(h)[0]++;
        }
    }

    void skipped(EventRecordHeader h) {
        int hook = h.hookId();
        if (hook >= 0) {
            hookSkipped[hook]++;
            return;
        }
        switch (h.kind()) {
            case SYSTEM, COMPACT, PERFINFO -> hookSkipped[h.hookId()]++;
            case MESSAGE -> { }
            default -> guidCounter(h)[1]++;
        }
    }

    void malformed(EventRecordHeader h) {
        malformedTotal++;
        malformed.merge(key(h), 1L, Long::sum);
    }

    private long[] guidCounter(EventRecordHeader h) {
        boolean classic = h.kind() != HeaderKind.EVENT_HEADER;
        int id = classic ? h.opcode() : h.eventId();
        GuidKey k = lastKey;
        if (k != null && k.msb == h.guidMsb() && k.lsb == h.guidLsb() && k.classic == classic && k.id == id) {
            return lastCounter;
        }
        k = new GuidKey(h.guidMsb(), h.guidLsb(), classic, id);
        long[] c = guidCounts.computeIfAbsent(k, x -> new long[2]);
        lastKey = k;
        lastCounter = c;
        return c;
    }

    /** Adds the counts of {@code o} (a decode thread's counter) to these. */
    void add(EventCounter o) {
        total += o.total;
        messages += o.messages;
        malformedTotal += o.malformedTotal;
        first = Math.min(first, o.first);
        last = Math.max(last, o.last);
        for (int i = 0; i < hookCounts.length; i++) {
            hookCounts[i] += o.hookCounts[i];
            hookSkipped[i] += o.hookSkipped[i];
        }
        for (int i = 0; i < kindCounts.length; i++) {
            kindCounts[i] += o.kindCounts[i];
        }
        for (Map.Entry<GuidKey, long[]> e : o.guidCounts.entrySet()) {
            long[] c = guidCounts.computeIfAbsent(e.getKey(), x -> new long[2]);
            c[0] += e.getValue()[0];
            c[1] += e.getValue()[1];
        }
        o.malformed.forEach((k, v) -> malformed.merge(k, v, Long::sum));
        lastKey = null;
        lastCounter = null;
    }

    static String key(EventRecordHeader h) {
        return switch (h.kind()) {
            case SYSTEM, COMPACT, PERFINFO -> String.format("kernel 0x%04x", h.hookId());
            case MESSAGE -> "message";
            case EVENT_HEADER -> "provider " + h.guid() + " id" + h.eventId();
            default -> "classic " + h.guid() + " type" + h.opcode();
        };
    }

    EventCounts snapshot() {
        Map<EventKind, Long> byKind = new EnumMap<>(EventKind.class);
        for (EventKind k : EventKind.values()) {
            byKind.put(k, kindCounts[k.ordinal()]);
        }
        Map<String, Long> byKey = new TreeMap<>();
        Map<UUID, Long> skipped = new TreeMap<>();
        long kernelSkipped = 0;
        for (int i = 0; i < hookCounts.length; i++) {
            if (hookCounts[i] != 0) {
                byKey.put(String.format("kernel 0x%04x", i), hookCounts[i]);
                kernelSkipped += hookSkipped[i];
            }
        }
        if (kernelSkipped > 0) {
            skipped.put(EventRecordHeader.KERNEL_PROVIDER, kernelSkipped);
        }
        for (Map.Entry<GuidKey, long[]> e : guidCounts.entrySet()) {
            GuidKey k = e.getKey();
            UUID u = new UUID(k.msb, k.lsb);
            byKey.put((k.classic ? "classic " + u + " type" : "provider " + u + " id") + k.id, e.getValue()[0]);
            if (e.getValue()[1] > 0) {
                skipped.merge(u, e.getValue()[1], Long::sum);
            }
        }
        if (messages > 0) {
            byKey.put("message", messages);
        }
        return new EventCounts(total, Map.copyOf(byKind), java.util.Collections.unmodifiableMap(byKey),
                java.util.Collections.unmodifiableMap(skipped), malformedTotal,
                java.util.Collections.unmodifiableMap(new TreeMap<>(malformed)), first, last);
    }
}
