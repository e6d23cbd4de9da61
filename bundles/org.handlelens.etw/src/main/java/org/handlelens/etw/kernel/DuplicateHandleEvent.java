package org.handlelens.etw.kernel;

/**
 * DuplicateHandle (0x1122): {@code targetHandle} now exists in {@code targetProcessId}.
 *
 * @param sourceProcessId version 3+ only; -1 when absent (then the header process is the source)
 */
public record DuplicateHandleEvent(long object, int sourceHandle, int targetHandle, int targetProcessId,
        int objectType, int sourceProcessId) {
}
