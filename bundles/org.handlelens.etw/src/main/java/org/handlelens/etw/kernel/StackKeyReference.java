package org.handlelens.etw.kernel;

/** StackKeyKernel (0x1825) / StackKeyUser (0x1826): an event's stack given as a cached key. */
public record StackKeyReference(boolean user, long eventTimestampRaw, int processId, int threadId, long stackKey) {
}
