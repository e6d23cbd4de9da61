package org.handlelens.etw.model;

import java.util.Arrays;

/**
 * Open-addressing hash map from long keys to non-negative int values, without boxing: the importer
 * looks up every handle event by (process, handle) and every stack by thread. {@link #MISSING} (-1)
 * stands for "no value". Linear probing with backward-shift deletion (no tombstones).
 */
final class LongIntMap {
    static final int MISSING = -1;
    private static final long FREE = Long.MIN_VALUE; // keys equal to FREE are kept aside

    private long[] keys;
    private int[] values;
    private int size;
    private int mask;
    private int freeKeyValue = MISSING;

    LongIntMap() {
        this(16);
    }

    LongIntMap(int expected) {
        int cap = Integer.highestOneBit(Math.max(4, expected * 2 - 1)) << 1;
        keys = new long[cap];
        Arrays.fill(keys, FREE);
        values = new int[cap];
        mask = cap - 1;
    }

    private static int hash(long k) {
        long h = k * 0x9E3779B97F4A7C15L;
        return (int) (h ^ (h >>> 32));
    }

    /** Value of {@code key}, or {@link #MISSING}. */
    int get(long key) {
        if (key == FREE) {
            return freeKeyValue;
        }
        for (int i = hash(key) & mask;; i = (i + 1) & mask) {
            long k = keys[i];
            if (k == key) {
                return values[i];
            }
            if (k == FREE) {
                return MISSING;
            }
        }
    }

    /** Sets {@code key} to {@code value} (>= 0) and returns the previous value or {@link #MISSING}. */
    int put(long key, int value) {
        if (key == FREE) {
            int old = freeKeyValue;
            freeKeyValue = value;
            return old;
        }
        for (int i = hash(key) & mask;; i = (i + 1) & mask) {
            long k = keys[i];
            if (k == key) {
                int old = values[i];
                values[i] = value;
                return old;
            }
            if (k == FREE) {
                keys[i] = key;
                values[i] = value;
                if (++size * 2 > keys.length) {
                    grow();
                }
                return MISSING;
            }
        }
    }

    /** Removes {@code key}; returns its value or {@link #MISSING}. */
    int remove(long key) {
        if (key == FREE) {
            int old = freeKeyValue;
            freeKeyValue = MISSING;
            return old;
        }
        for (int i = hash(key) & mask;; i = (i + 1) & mask) {
            long k = keys[i];
            if (k == FREE) {
                return MISSING;
            }
            if (k == key) {
                int old = values[i];
                shiftBack(i);
                size--;
                return old;
            }
        }
    }

    private void shiftBack(int gap) {
        for (int i = (gap + 1) & mask;; i = (i + 1) & mask) {
            long k = keys[i];
            if (k == FREE) {
                keys[gap] = FREE;
                return;
            }
            int home = hash(k) & mask;
            // move k into the gap when its home slot is not in (gap, i]
            if (((i - home) & mask) >= ((i - gap) & mask)) {
                keys[gap] = k;
                values[gap] = values[i];
                gap = i;
            }
        }
    }

    private void grow() {
        long[] oldKeys = keys;
        int[] oldValues = values;
        keys = new long[oldKeys.length * 2];
        Arrays.fill(keys, FREE);
        values = new int[keys.length];
        mask = keys.length - 1;
        for (int j = 0; j < oldKeys.length; j++) {
            long k = oldKeys[j];
            if (k != FREE) {
                int i = hash(k) & mask;
                while (keys[i] != FREE) {
                    i = (i + 1) & mask;
                }
                keys[i] = k;
                values[i] = oldValues[j];
            }
        }
    }

    /** Number of entries. */
    int size() {
        return size + (freeKeyValue == MISSING ? 0 : 1);
    }

    /** Calls {@code action} for every entry. */
    void forEach(java.util.function.BiConsumer<Long, Integer> action) {
        if (freeKeyValue != MISSING) {
            action.accept(FREE, freeKeyValue);
        }
        for (int j = 0; j < keys.length; j++) {
            if (keys[j] != FREE) {
                action.accept(keys[j], values[j]);
            }
        }
    }
}
