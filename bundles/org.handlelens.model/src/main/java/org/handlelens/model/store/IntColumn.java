package org.handlelens.model.store;

import java.util.Arrays;

/**
 * Growable column of ints stored in fixed-size chunks, so no single array exceeds a few MB however
 * many rows there are. Chunks whose values all equal the column default are never allocated, which
 * makes rarely used columns (duplicate source, WinDbg detail) free for traces that do not use them.
 *
 * <p>Chunks are packed (frame of reference) once the column has moved past them and again by
 * {@link #compact()}: a chunk whose values span at most 256 (65,536) values is stored as bytes
 * (shorts) plus a base, so process keys, type ids and stack ids take one or two bytes per row.
 * Setting a value a packed chunk cannot hold widens that chunk back to ints.
 *
 * <p>Not thread-safe while being written; safe to read from many threads once writing stopped and
 * the column was published safely (the model holds it in a final field).
 */
public final class IntColumn {
    private final int chunkShift;
    private final int chunkMask;
    private final int defaultValue;
    /** null (all default), int[], short[] or byte[] (packed: value = base + unsigned code). */
    private Object[] chunks = new Object[8];
    private int[] bases = new int[8];
    private long size;

    /**
     * @param chunkShift   log2 of the chunk length (16 gives 64 Ki values = 256 KiB per chunk)
     * @param defaultValue value of never-written cells
     */
    public IntColumn(int chunkShift, int defaultValue) {
        if (chunkShift < 1 || chunkShift > 26) {
            throw new IllegalArgumentException("chunkShift " + chunkShift);
        }
        this.chunkShift = chunkShift;
        this.chunkMask = (1 << chunkShift) - 1;
        this.defaultValue = defaultValue;
    }

    /** Appends a value, returns its index. */
    public long add(int value) {
        long index = size;
        grow(index);
        if (value != defaultValue) {
            set(index, value);
        }
        return index;
    }

    /** Makes {@code index} (== size) a cell; packs the chunk the column just left. */
    private void grow(long index) {
        if ((index & chunkMask) == 0 && index > 0) {
            pack((int) (index >>> chunkShift) - 1);
        }
        size = index + 1;
        ensureChunkSlots(index);
    }

    /** Sets an existing or the next cell. */
    public void set(long index, int value) {
        if (index < 0 || index > size) {
            throw new IndexOutOfBoundsException(index + " of " + size);
        }
        if (index == size) {
            grow(index);
        }
        int c = (int) (index >>> chunkShift);
        int i = (int) (index & chunkMask);
        Object chunk = chunks[c];
        if (chunk == null) {
            if (value == defaultValue) {
                return;
            }
            chunk = newChunk(c, value);
        }
        if (chunk instanceof int[] a) {
            a[i] = value;
            return;
        }
        long code = (long) value - bases[c];
        if (chunk instanceof short[] s && code >= 0 && code <= 0xFFFF) {
            s[i] = (short) code;
            return;
        }
        if (chunk instanceof byte[] b && code >= 0 && code <= 0xFF) {
            b[i] = (byte) code;
            return;
        }
        int[] wide = expand(c);
        wide[i] = value;
        chunks[c] = wide;
    }

    /** First value of an unallocated chunk: packed right away when the column has moved past it. */
    private Object newChunk(int c, int value) {
        boolean sealed = c < (int) ((size - 1) >>> chunkShift);
        int base = Math.min(defaultValue, value);
        Object chunk;
        if (sealed && (long) Math.max(defaultValue, value) - base <= 0xFFFF) {
            short[] s = new short[1 << chunkShift];
            Arrays.fill(s, (short) (defaultValue - base));
            bases[c] = base;
            chunk = s;
        } else {
            int[] a = new int[1 << chunkShift];
            if (defaultValue != 0) {
                Arrays.fill(a, defaultValue);
            }
            chunk = a;
        }
        chunks[c] = chunk;
        return chunk;
    }

    private int[] expand(int c) {
        Object chunk = chunks[c];
        int n = 1 << chunkShift;
        int[] a = new int[n];
        int base = bases[c];
        if (chunk == null) {
            Arrays.fill(a, defaultValue);
        } else if (chunk instanceof int[] raw) {
            return raw;
        } else if (chunk instanceof short[] s) {
            for (int i = 0; i < n; i++) {
                a[i] = base + (s[i] & 0xFFFF);
            }
        } else {
            byte[] b = (byte[]) chunk;
            for (int i = 0; i < n; i++) {
                a[i] = base + (b[i] & 0xFF);
            }
        }
        return a;
    }

    /** Packs chunk {@code c} into bytes or shorts when its values allow. */
    private void pack(int c) {
        if (!(chunks[c] instanceof int[] a)) {
            return;
        }
        int min = Integer.MAX_VALUE;
        int max = Integer.MIN_VALUE;
        for (int v : a) {
            min = Math.min(min, v);
            max = Math.max(max, v);
        }
        long range = (long) max - min;
        if (range == 0 && min == defaultValue) {
            chunks[c] = null;
        } else if (range <= 0xFF) {
            byte[] b = new byte[a.length];
            for (int i = 0; i < a.length; i++) {
                b[i] = (byte) (a[i] - min);
            }
            bases[c] = min;
            chunks[c] = b;
        } else if (range <= 0xFFFF) {
            short[] s = new short[a.length];
            for (int i = 0; i < a.length; i++) {
                s[i] = (short) (a[i] - min);
            }
            bases[c] = min;
            chunks[c] = s;
        }
    }

    /** Packs every chunk (call when writing stopped, e.g. when the model is built). */
    public void compact() {
        for (int c = 0; c < chunkCount(); c++) {
            if (chunks[c] instanceof int[]) {
                pack(c);
            }
        }
    }

    private void ensureChunkSlots(long index) {
        int c = (int) (index >>> chunkShift);
        if (c >= chunks.length) {
            int n = Math.max(c + 1, chunks.length * 2);
            chunks = Arrays.copyOf(chunks, n);
            bases = Arrays.copyOf(bases, n);
        }
    }

    /**
     * Values of cells {@code [from, from + len)} into {@code dst[0, len)}: one type dispatch per chunk instead
     * of one per cell (block reads of queries over many rows).
     */
    public void read(long from, int len, long[] dst) {
        if (from < 0 || len < 0 || from + len > size || len > dst.length) {
            throw new IndexOutOfBoundsException("[" + from + ", " + (from + len) + ") of " + size);
        }
        int done = 0;
        while (done < len) {
            long index = from + done;
            int c = (int) (index >>> chunkShift);
            int i = (int) (index & chunkMask);
            int n = Math.min(len - done, (1 << chunkShift) - i);
            Object chunk = chunks[c];
            int base = bases[c];
            if (chunk instanceof byte[] b) {
                for (int k = 0; k < n; k++) {
                    dst[done + k] = base + (b[i + k] & 0xFF);
                }
            } else if (chunk instanceof short[] sh) {
                for (int k = 0; k < n; k++) {
                    dst[done + k] = base + (sh[i + k] & 0xFFFF);
                }
            } else if (chunk instanceof int[] a) {
                for (int k = 0; k < n; k++) {
                    dst[done + k] = a[i + k];
                }
            } else {
                Arrays.fill(dst, done, done + n, defaultValue);
            }
            done += n;
        }
    }

    /** Value at {@code index}. */
    public int get(long index) {
        if (index < 0 || index >= size) {
            throw new IndexOutOfBoundsException(index + " of " + size);
        }
        int c = (int) (index >>> chunkShift);
        Object chunk = chunks[c];
        int i = (int) (index & chunkMask);
        if (chunk instanceof int[] a) {
            return a[i];
        }
        if (chunk instanceof short[] s) {
            return bases[c] + (s[i] & 0xFFFF);
        }
        if (chunk instanceof byte[] b) {
            return bases[c] + (b[i] & 0xFF);
        }
        return defaultValue;
    }

    /** Number of cells. */
    public long size() {
        return size;
    }

    /** Default value of unwritten cells. */
    public int defaultValue() {
        return defaultValue;
    }

    /** log2 of the chunk length. */
    public int chunkShift() {
        return chunkShift;
    }

    /** Number of chunk slots covering {@link #size()}. */
    public int chunkCount() {
        return (int) ((size + chunkMask) >>> chunkShift);
    }

    /** Values of chunk {@code c} (a copy when packed; do not modify), or null when all cells are the default. */
    public int[] chunk(int c) {
        if (c >= chunks.length || chunks[c] == null) {
            return null;
        }
        return expand(c);
    }

    /** Installs a chunk read from an index file. */
    public void putChunk(int c, int[] values, long newSize) {
        if (values != null && values.length != (1 << chunkShift)) {
            throw new IllegalArgumentException("chunk length " + values.length);
        }
        ensureChunkSlots((long) c << chunkShift);
        chunks[c] = values;
        size = Math.max(size, newSize);
    }

    /**
     * Chunk {@code c} as stored, for the index writer: null (all default), {@code byte[]} or {@code short[]}
     * (value = {@link #packedBase} + unsigned code) or {@code int[]}. Do not modify.
     */
    Object packedChunk(int c) {
        return c < chunks.length ? chunks[c] : null;
    }

    /** Base of packed chunk {@code c}. */
    int packedBase(int c) {
        return bases[c];
    }

    /** Installs a chunk in its stored form ({@link #packedChunk}), as read from an index file. */
    void putPackedChunk(int c, Object chunk, int base, long newSize) {
        int n = 1 << chunkShift;
        boolean ok = chunk == null || chunk instanceof byte[] b && b.length == n || chunk instanceof short[] s
                && s.length == n || chunk instanceof int[] a && a.length == n;
        if (!ok) {
            throw new IllegalArgumentException("not a chunk of " + n + " values: " + chunk);
        }
        ensureChunkSlots((long) c << chunkShift);
        chunks[c] = chunk;
        bases[c] = base;
        size = Math.max(size, newSize);
    }

    /**
     * True when every cell holds a value in {@code [lowest, highest]}; packed chunks whose whole code range
     * fits are accepted without a scan.
     */
    public boolean valuesWithin(int lowest, int highest) {
        int n = 1 << chunkShift;
        for (int c = 0; c < chunkCount(); c++) {
            int cells = (int) Math.min(n, size - ((long) c << chunkShift));
            Object chunk = chunks[c];
            long base = bases[c];
            if (chunk == null) {
                if (defaultValue < lowest || defaultValue > highest) {
                    return false;
                }
            } else if (chunk instanceof byte[] b) {
                if (base < lowest || base + 0xFF > highest && base + max(b, cells) > highest) {
                    return false;
                }
            } else if (chunk instanceof short[] s) {
                if (base < lowest || base + 0xFFFF > highest && base + max(s, cells) > highest) {
                    return false;
                }
            } else {
                int[] a = (int[]) chunk;
                for (int i = 0; i < cells; i++) {
                    if (a[i] < lowest || a[i] > highest) {
                        return false;
                    }
                }
            }
        }
        return true;
    }

    private static int max(byte[] b, int cells) {
        int max = 0;
        for (int i = 0; i < cells; i++) {
            max = Math.max(max, b[i] & 0xFF);
        }
        return max;
    }

    private static int max(short[] s, int cells) {
        int max = 0;
        for (int i = 0; i < cells; i++) {
            max = Math.max(max, s[i] & 0xFFFF);
        }
        return max;
    }

    /** Bytes held by allocated chunks (for memory accounting). */
    public long allocatedBytes() {
        long bytes = 32L + 8L * chunks.length; // references (compressed) + bases
        for (Object chunk : chunks) {
            if (chunk instanceof int[] a) {
                bytes += 16L + 4L * a.length;
            } else if (chunk instanceof short[] s) {
                bytes += 16L + 2L * s.length;
            } else if (chunk instanceof byte[] b) {
                bytes += 16L + b.length;
            }
        }
        return bytes;
    }
}
