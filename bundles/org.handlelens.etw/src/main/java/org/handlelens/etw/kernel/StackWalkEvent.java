package org.handlelens.etw.kernel;

/**
 * StackWalk Stack (0x1820): the frames of the event logged with the same raw timestamp on the
 * same thread. Frames are innermost first.
 */
public record StackWalkEvent(long eventTimestampRaw, int processId, int threadId, long[] frames) {
}
