package org.handlelens.etw.kernel;

/**
 * Thread start/end/rundown (group 0x05).
 *
 * @param threadName V3+ only (empty when the payload has none, as in V2 and most real V3 records)
 */
public record ThreadEvent(LifecycleKind kind, int version, int processId, int threadId, String threadName) {
}
