package org.handlelens.etw;

import java.util.Map;
import java.util.UUID;

/**
 * Event counts of one read.
 *
 * @param byKey              per identity: {@code "kernel 0xHHHH"} (HookId of system/compact/perfinfo
 *                           records), {@code "classic <guid> type<N>"} (FULL/INSTANCE), {@code "provider <guid>
 *                           id<N>"} (EVENT_HEADER), {@code "message"} (WPP)
 * @param skippedByProvider  records not decoded by this reader (unknown or not needed), per provider GUID
 *                           (HookId records count under the kernel provider 9e814aad-...)
 * @param malformed          known events whose payload did not fit the layout (skipped)
 * @param firstTimestampRaw  smallest raw timestamp seen (Long.MAX_VALUE if none)
 * @param lastTimestampRaw   largest raw timestamp seen (Long.MIN_VALUE if none)
 */
public record EventCounts(long total, Map<EventKind, Long> byKind, Map<String, Long> byKey,
        Map<UUID, Long> skippedByProvider, long malformed, Map<String, Long> malformedByKey,
        long firstTimestampRaw, long lastTimestampRaw) {

    public long of(EventKind kind) {
        return byKind.getOrDefault(kind, 0L);
    }

    public long ofKey(String key) {
        return byKey.getOrDefault(key, 0L);
    }
}
