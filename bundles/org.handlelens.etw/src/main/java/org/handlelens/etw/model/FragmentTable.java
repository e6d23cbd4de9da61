package org.handlelens.etw.model;

import java.util.Arrays;

/**
 * Interns stack fragments (kernel part or user part, innermost first) to dense ids. Few distinct
 * fragments stand for millions of stack events; an open-addressing table avoids a key object per lookup.
 */
final class FragmentTable {
    private long[][] frames = new long[64][];
    private int[] hashes = new int[64];
    private int size;
    private int[] slots = new int[128]; // fragment id + 1, 0 = free
    private int mask = 127;

    /** Id of {@code f} (copied when new: the reader reuses frame arrays). */
    int intern(long[] f) {
        int h = Arrays.hashCode(f);
        for (int i = mix(h) & mask;; i = (i + 1) & mask) {
            int s = slots[i];
            if (s == 0) {
                int id = size++;
                if (id == frames.length) {
                    frames = Arrays.copyOf(frames, id * 2);
                    hashes = Arrays.copyOf(hashes, id * 2);
                }
                frames[id] = f.clone();
                hashes[id] = h;
                slots[i] = id + 1;
                if (size * 2 > slots.length) {
                    rehash();
                }
                return id;
            }
            if (hashes[s - 1] == h && Arrays.equals(frames[s - 1], f)) {
                return s - 1;
            }
        }
    }

    private static int mix(int h) {
        return h ^ (h >>> 16) * 0x45d9f3b;
    }

    private void rehash() {
        slots = new int[slots.length * 2];
        mask = slots.length - 1;
        for (int id = 0; id < size; id++) {
            int i = mix(hashes[id]) & mask;
            while (slots[i] != 0) {
                i = (i + 1) & mask;
            }
            slots[i] = id + 1;
        }
    }

    /** Frames of fragment {@code id}. */
    long[] frames(int id) {
        return frames[id];
    }

    int size() {
        return size;
    }
}
