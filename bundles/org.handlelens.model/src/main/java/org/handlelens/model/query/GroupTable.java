package org.handlelens.model.query;

import java.util.Arrays;

/**
 * Open-addressing map from a tuple of {@code width} long codes to a dense group number (0, 1, ... in
 * first-seen order). Keys live inline in one {@code long[]}, so a lookup touches two arrays instead of a
 * hash map's node, key object and key array: the per-row cost of grouping millions of rows.
 */
final class GroupTable {
    private final int width;
    /** Keys of the groups, group {@code g} at {@code [g * width, (g + 1) * width)}. */
    private long[] keys;
    /** Group number + 1 per slot, 0 = empty. */
    private int[] slots;
    private int size;

    GroupTable(int width) {
        if (width < 1) {
            throw new IllegalArgumentException("width " + width);
        }
        this.width = width;
        this.keys = new long[16 * width];
        this.slots = new int[64];
    }

    /** Number of groups. */
    int size() {
        return size;
    }

    /** Code {@code column} of group {@code group}'s key. */
    long code(int group, int column) {
        return keys[group * width + column];
    }

    /** The group of {@code probe} (its first {@code width} codes), added when new. */
    int groupOf(long[] probe) {
        int mask = slots.length - 1;
        int slot = hash(probe) & mask;
        while (true) {
            int g = slots[slot] - 1;
            if (g < 0) {
                return add(probe, slot);
            }
            if (matches(g, probe)) {
                return g;
            }
            slot = (slot + 1) & mask;
        }
    }

    private boolean matches(int g, long[] probe) {
        int base = g * width;
        for (int c = 0; c < width; c++) {
            if (keys[base + c] != probe[c]) {
                return false;
            }
        }
        return true;
    }

    private int add(long[] probe, int slot) {
        int g = size++;
        if ((long) size * width > keys.length) {
            keys = Arrays.copyOf(keys, Math.max(keys.length * 2, size * width));
        }
        System.arraycopy(probe, 0, keys, g * width, width);
        slots[slot] = g + 1;
        if (size * 2 > slots.length) {
            rehash(slots.length * 2);
        }
        return g;
    }

    private void rehash(int capacity) {
        int[] fresh = new int[capacity];
        int mask = capacity - 1;
        long[] probe = new long[width];
        for (int g = 0; g < size; g++) {
            System.arraycopy(keys, g * width, probe, 0, width);
            int slot = hash(probe) & mask;
            while (fresh[slot] != 0) {
                slot = (slot + 1) & mask;
            }
            fresh[slot] = g + 1;
        }
        slots = fresh;
    }

    private int hash(long[] probe) {
        long h = 0;
        for (int c = 0; c < width; c++) {
            h = (h + probe[c]) * 0x9E3779B97F4A7C15L;
        }
        return (int) (h ^ (h >>> 29) ^ (h >>> 47));
    }
}
