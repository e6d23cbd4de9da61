package org.handlelens.etw.model;

import java.util.Arrays;

/**
 * Stacks of events, by slot id: a kernel part and a user part each, filled from Stack events or
 * resolved stack keys. Two reference arrays instead of one object per event.
 */
final class StackSlots {
    private long[][] kernel = new long[1024][];
    private long[][] user = new long[1024][];
    private int size;

    int allocate() {
        if (size == kernel.length) {
            kernel = Arrays.copyOf(kernel, size + (size >> 1));
            user = Arrays.copyOf(user, kernel.length);
        }
        return size++;
    }

    void setKernel(int slot, long[] frames) {
        kernel[slot] = frames;
    }

    void setUser(int slot, long[] frames) {
        user[slot] = frames;
    }

    boolean hasUser(int slot) {
        return user[slot] != null;
    }

    /** Kernel frames first (innermost), then user frames; null when nothing arrived. */
    long[] frames(int slot) {
        if (slot < 0) {
            return null;
        }
        long[] k = kernel[slot];
        long[] u = user[slot];
        if (k == null || u == null) {
            return k == null ? u : k;
        }
        long[] all = Arrays.copyOf(k, k.length + u.length);
        System.arraycopy(u, 0, all, k.length, u.length);
        return all;
    }
}
