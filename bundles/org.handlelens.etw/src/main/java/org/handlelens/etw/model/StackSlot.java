package org.handlelens.etw.model;

/** The stack of one event, filled from Stack events or resolved stack keys (kernel part + user part). */
final class StackSlot {
    long[] kernelFrames;
    long[] userFrames;

    /** Kernel frames first (innermost), then user frames; null when nothing arrived. */
    long[] frames() {
        if (kernelFrames == null && userFrames == null) {
            return null;
        }
        if (kernelFrames == null) {
            return userFrames;
        }
        if (userFrames == null) {
            return kernelFrames;
        }
        long[] all = new long[kernelFrames.length + userFrames.length];
        System.arraycopy(kernelFrames, 0, all, 0, kernelFrames.length);
        System.arraycopy(userFrames, 0, all, kernelFrames.length, userFrames.length);
        return all;
    }
}
