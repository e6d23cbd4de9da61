package org.handlelens.etw.model;

import java.util.Arrays;

/** Growable long list (no boxing). */
final class LongList {
    private long[] values = new long[4];
    private int size;

    void add(long v) {
        if (size == values.length) {
            values = Arrays.copyOf(values, size * 2);
        }
        values[size++] = v;
    }

    int size() {
        return size;
    }

    long get(int i) {
        return values[i];
    }

    void clear() {
        size = 0;
    }
}
