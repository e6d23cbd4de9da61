package org.handlelens.model.store;

import java.util.Arrays;

/**
 * Growable column of ints stored in fixed-size chunks, so no single array exceeds a few MB however
 * many rows there are. Chunks whose values all equal the column default are never allocated, which
 * makes rarely used columns (duplicate source, WinDbg detail) free for traces that do not use them.
 * Not thread-safe while being written; safe to read from many threads once writing stopped and the
 * column was published safely (the model holds it in a final field).
 */
public final class IntColumn {
    private final int chunkShift;
    private final int chunkMask;
    private final int defaultValue;
    private int[][] chunks = new int[8][];
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
        long index = size++;
        if (value != defaultValue) {
            set(index, value);
        } else {
            ensureChunkSlots(index);
        }
        return index;
    }

    /** Sets an existing or the next cell. */
    public void set(long index, int value) {
        if (index < 0 || index > size) {
            throw new IndexOutOfBoundsException(index + " of " + size);
        }
        if (index == size) {
            size++;
        }
        ensureChunkSlots(index);
        int c = (int) (index >>> chunkShift);
        int[] chunk = chunks[c];
        if (chunk == null) {
            if (value == defaultValue) {
                return;
            }
            chunk = new int[1 << chunkShift];
            if (defaultValue != 0) {
                Arrays.fill(chunk, defaultValue);
            }
            chunks[c] = chunk;
        }
        chunk[(int) (index & chunkMask)] = value;
    }

    private void ensureChunkSlots(long index) {
        int c = (int) (index >>> chunkShift);
        if (c >= chunks.length) {
            chunks = Arrays.copyOf(chunks, Math.max(c + 1, chunks.length * 2));
        }
    }

    /** Value at {@code index}. */
    public int get(long index) {
        if (index < 0 || index >= size) {
            throw new IndexOutOfBoundsException(index + " of " + size);
        }
        int[] chunk = chunks[(int) (index >>> chunkShift)];
        return chunk == null ? defaultValue : chunk[(int) (index & chunkMask)];
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

    /** Chunk {@code c} (not copied; do not modify), or null when all cells are the default. */
    public int[] chunk(int c) {
        return c < chunks.length ? chunks[c] : null;
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

    /** Bytes held by allocated chunks (for memory accounting). */
    public long allocatedBytes() {
        long bytes = 16L + 8L * chunks.length;
        for (int[] chunk : chunks) {
            if (chunk != null) {
                bytes += 16L + 4L * chunk.length;
            }
        }
        return bytes;
    }
}
