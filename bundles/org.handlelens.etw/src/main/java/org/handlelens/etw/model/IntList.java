package org.handlelens.etw.model;

import java.util.Arrays;

/** Growable int list (no boxing). */
final class IntList {
    private int[] values = new int[4];
    private int size;

    void add(int v) {
        if (size == values.length) {
            values = Arrays.copyOf(values, size * 2);
        }
        values[size++] = v;
    }

    int size() {
        return size;
    }

    int get(int i) {
        return values[i];
    }

    void removeLast() {
        size--;
    }

    void clear() {
        size = 0;
    }
}
