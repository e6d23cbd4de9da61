package org.handlelens.model.store;

import java.util.Arrays;

/**
 * Growable column of longs stored in fixed-size chunks, so no single array exceeds a few MB however
 * many rows there are. Chunks whose values all equal the column default are never allocated, which
 * makes rarely used columns (duplicate source, WinDbg detail) free for traces that do not use them.
 *
 * <p>Chunks are packed (frame of reference) once the column has moved past them and again by
 * {@link #compact()}: values {@code base + code * scale} with a 32-bit unsigned code (code
 * {@code 0xFFFFFFFF} = the default value), where {@code scale} is the largest divisor of 100
 * common to the chunk's offsets (times from 100 ns clocks). Handle values, object addresses of one
 * pool region and the create times of 64 Ki consecutive rows then take 4 bytes instead of 8.
 * Setting a value a packed chunk cannot hold widens that chunk back to longs.
 *
 * <p>Not thread-safe while being written; safe to read from many threads once writing stopped and
 * the column was published safely (the model holds it in a final field).
 */
public final class LongColumn {
    private static final int DEFAULT_CODE = -1;
    private static final long MAX_CODE = 0xFFFFFFFEL;
    /** Offset of the first value set in an unallocated, already passed chunk (later values are usually larger). */
    private static final long FIRST_SET_CODE = 1L << 26;

    private final int chunkShift;
    private final int chunkMask;
    private final long defaultValue;
    /** null (all default), long[] or int[] (packed). */
    private Object[] chunks = new Object[8];
    private long[] bases = new long[8];
    private long[] scales = new long[8];
    private long size;

    /**
     * @param chunkShift   log2 of the chunk length (16 gives 64 Ki values = 512 KiB per chunk)
     * @param defaultValue value of never-written cells
     */
    public LongColumn(int chunkShift, long defaultValue) {
        if (chunkShift < 1 || chunkShift > 26) {
            throw new IllegalArgumentException("chunkShift " + chunkShift);
        }
        this.chunkShift = chunkShift;
        this.chunkMask = (1 << chunkShift) - 1;
        this.defaultValue = defaultValue;
    }

    /** Appends a value, returns its index. */
    public long add(long value) {
        long index = size;
        grow(index);
        if (value != defaultValue) {
            set(index, value);
        }
        return index;
    }

    private void grow(long index) {
        if ((index & chunkMask) == 0 && index > 0) {
            pack((int) (index >>> chunkShift) - 1);
        }
        size = index + 1;
        ensureChunkSlots(index);
    }

    /** Sets an existing or the next cell. */
    public void set(long index, long value) {
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
        if (chunk instanceof long[] a) {
            a[i] = value;
            return;
        }
        int[] p = (int[]) chunk;
        long code = encode(value, bases[c], scales[c]);
        if (code >= 0) {
            p[i] = (int) code;
            return;
        }
        long[] wide = expand(c);
        wide[i] = value;
        chunks[c] = wide;
    }

    /** Code of {@code value} in a packed chunk, or -1 when it does not fit. */
    private long encode(long value, long base, long scale) {
        if (value == defaultValue) {
            return DEFAULT_CODE & 0xFFFFFFFFL;
        }
        if (value < base) {
            return -1;
        }
        long d = value - base;
        if (d < 0 || d % scale != 0 || d / scale > MAX_CODE) {
            return -1;
        }
        return d / scale;
    }

    private static long scaleOf(long offset) {
        long g = gcd(Math.abs(offset), 100);
        return g == 0 ? 1 : g;
    }

    private static long gcd(long a, long b) {
        while (b != 0) {
            long t = a % b;
            a = b;
            b = t;
        }
        return a;
    }

    private Object newChunk(int c, long value) {
        boolean sealed = c < (int) ((size - 1) >>> chunkShift);
        Object chunk;
        long scale = scaleOf(value);
        long base = value - FIRST_SET_CODE * scale;
        if (sealed && base < value) {
            int[] p = new int[1 << chunkShift];
            Arrays.fill(p, DEFAULT_CODE);
            bases[c] = base;
            scales[c] = scale;
            chunk = p;
        } else {
            long[] a = new long[1 << chunkShift];
            if (defaultValue != 0) {
                Arrays.fill(a, defaultValue);
            }
            chunk = a;
        }
        chunks[c] = chunk;
        return chunk;
    }

    private long[] expand(int c) {
        Object chunk = chunks[c];
        if (chunk instanceof long[] raw) {
            return raw;
        }
        int n = 1 << chunkShift;
        long[] a = new long[n];
        if (chunk == null) {
            Arrays.fill(a, defaultValue);
            return a;
        }
        int[] p = (int[]) chunk;
        long base = bases[c];
        long scale = scales[c];
        for (int i = 0; i < n; i++) {
            a[i] = p[i] == DEFAULT_CODE ? defaultValue : base + (p[i] & 0xFFFFFFFFL) * scale;
        }
        return a;
    }

    /** Packs chunk {@code c} into 32-bit codes when its values allow. */
    private void pack(int c) {
        if (!(chunks[c] instanceof long[] a)) {
            return;
        }
        long min = Long.MAX_VALUE;
        long max = Long.MIN_VALUE;
        boolean any = false;
        for (long v : a) {
            if (v != defaultValue) {
                any = true;
                min = Math.min(min, v);
                max = Math.max(max, v);
            }
        }
        if (!any) {
            chunks[c] = null;
            return;
        }
        long range = max - min;
        if (range < 0) {
            return; // overflow: values too far apart
        }
        long scale = 100;
        for (long v : a) {
            // gcd(scale, d) == scale when scale divides d: one remainder instead of Euclid's loop
            if (v != defaultValue && scale > 1 && (v - min) % scale != 0) {
                scale = gcd(scale, v - min);
            }
        }
        if (range / scale > MAX_CODE) {
            return;
        }
        int[] p = new int[a.length];
        for (int i = 0; i < a.length; i++) {
            p[i] = a[i] == defaultValue ? DEFAULT_CODE : (int) ((a[i] - min) / scale);
        }
        bases[c] = min;
        scales[c] = scale;
        chunks[c] = p;
    }

    /** Packs every chunk (call when writing stopped, e.g. when the model is built). */
    public void compact() {
        for (int c = 0; c < chunkCount(); c++) {
            if (chunks[c] instanceof long[]) {
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
            scales = Arrays.copyOf(scales, n);
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
            if (chunk instanceof long[] a) {
                System.arraycopy(a, i, dst, done, n);
            } else if (chunk instanceof int[] p) {
                long base = bases[c];
                long scale = scales[c];
                for (int k = 0; k < n; k++) {
                    int code = p[i + k];
                    dst[done + k] = code == DEFAULT_CODE ? defaultValue : base + (code & 0xFFFFFFFFL) * scale;
                }
            } else {
                Arrays.fill(dst, done, done + n, defaultValue);
            }
            done += n;
        }
    }

    /** Value at {@code index}. */
    public long get(long index) {
        if (index < 0 || index >= size) {
            throw new IndexOutOfBoundsException(index + " of " + size);
        }
        int c = (int) (index >>> chunkShift);
        Object chunk = chunks[c];
        int i = (int) (index & chunkMask);
        if (chunk instanceof long[] a) {
            return a[i];
        }
        if (chunk instanceof int[] p) {
            int code = p[i];
            return code == DEFAULT_CODE ? defaultValue : bases[c] + (code & 0xFFFFFFFFL) * scales[c];
        }
        return defaultValue;
    }

    /** Number of cells. */
    public long size() {
        return size;
    }

    /** Default value of unwritten cells. */
    public long defaultValue() {
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
    public long[] chunk(int c) {
        if (c >= chunks.length || chunks[c] == null) {
            return null;
        }
        return expand(c);
    }

    /** Installs a chunk read from an index file. */
    public void putChunk(int c, long[] values, long newSize) {
        if (values != null && values.length != (1 << chunkShift)) {
            throw new IllegalArgumentException("chunk length " + values.length);
        }
        ensureChunkSlots((long) c << chunkShift);
        chunks[c] = values;
        size = Math.max(size, newSize);
    }

    /**
     * Chunk {@code c} as stored, for the index writer: null (all default), {@code long[]} or {@code int[]}
     * (codes: value = {@link #packedBase} + unsigned code * {@link #packedScale}, code -1 = default). Do not
     * modify.
     */
    Object packedChunk(int c) {
        return c < chunks.length ? chunks[c] : null;
    }

    /** Base of packed chunk {@code c}. */
    long packedBase(int c) {
        return bases[c];
    }

    /** Scale of packed chunk {@code c}. */
    long packedScale(int c) {
        return scales[c];
    }

    /** Installs a chunk in its stored form ({@link #packedChunk}), as read from an index file. */
    void putPackedChunk(int c, Object chunk, long base, long scale, long newSize) {
        int n = 1 << chunkShift;
        boolean ok = chunk == null || chunk instanceof long[] a && a.length == n
                || chunk instanceof int[] p && p.length == n && scale > 0;
        if (!ok) {
            throw new IllegalArgumentException("not a chunk of " + n + " values (scale " + scale + "): " + chunk);
        }
        ensureChunkSlots((long) c << chunkShift);
        chunks[c] = chunk;
        bases[c] = base;
        scales[c] = scale;
        size = Math.max(size, newSize);
    }

    /** Bytes held by allocated chunks (for memory accounting). */
    public long allocatedBytes() {
        long bytes = 48L + 20L * chunks.length; // references (compressed) + bases + scales
        for (Object chunk : chunks) {
            if (chunk instanceof long[] a) {
                bytes += 16L + 8L * a.length;
            } else if (chunk instanceof int[] p) {
                bytes += 16L + 4L * p.length;
            }
        }
        return bytes;
    }
}
