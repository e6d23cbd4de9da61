package org.handlelens.etw.kernel;

/** Thread start/end/rundown (group 0x05); only the ids are decoded (stable across versions). */
public record ThreadEvent(LifecycleKind kind, int version, int processId, int threadId) {
}
