package org.handlelens.etw.buffer;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.util.ArrayList;
import java.util.List;

/**
 * Walks the chain of buffer headers (each buffer starts at the previous one's offset plus its
 * BufferSize) and validates them; reads only 0x48 bytes per buffer.
 */
public final class BufferScanner {
    /** Largest BufferSize / SavedOffset accepted (ETW buffers are at most 1 MB; relogged ones 64 KB). */
    public static final long MAX_BUFFER_BYTES = 16L << 20;

    /** An unusable buffer header. */
    public record Fault(long fileOffset, String reason) {
    }

    /**
     * @param buffers valid buffers in file order
     * @param faults  invalid buffer headers in file order (empty if none)
     */
    public record ScanResult(List<BufferHeader> buffers, List<Fault> faults) {
    }

    private BufferScanner() {
    }

    /**
     * Scans from offset 0 to EOF.
     *
     * @param zeroTailIsEnd   whether an all-zero header ends the file silently (preallocated files)
     * @param fixedBufferSize for uncompressed files, the logfile header's BufferSize: after a bad buffer
     *                        the scan resynchronises at the next multiple instead of giving up; 0 otherwise
     */
    public static ScanResult scan(FileChannel ch, long fileSize, boolean zeroTailIsEnd, long fixedBufferSize)
            throws IOException {
        List<BufferHeader> list = new ArrayList<>();
        List<Fault> faults = new ArrayList<>();
        scanRange(ch, fileSize, zeroTailIsEnd, fixedBufferSize, 0, Long.MAX_VALUE, list, faults);
        return new ScanResult(list, List.copyOf(faults));
    }

    /**
     * The same result as {@link #scan(FileChannel, long, boolean, long)}; when the file is not in the page cache (a few
     * header reads spread over it take device time), a file of fixed-size buffers is walked in {@code segments} ranges
     * at once: its 72-byte reads (one per buffer, ~16,000 per GB) each wait on the device, which serves parallel small
     * reads faster (1 GB cold: 1.2-1.6 s in one walk, 0.6-0.7 s in 4 ranges). On a cached file the walk stays one:
     * there the ranges measured no faster, and their threads would only compete for busy cores (docs/benchmarks.md,
     * "Decode vs cat, cold and warm").
     */
    public static ScanResult scan(FileChannel ch, long fileSize, boolean zeroTailIsEnd, long fixedBufferSize,
            int segments, String threadName) throws IOException {
        if (segments > 1 && fixedBufferSize >= BufferHeader.SIZE && looksCold(ch, fileSize, fixedBufferSize)) {
            return scanInRanges(ch, fileSize, zeroTailIsEnd, fixedBufferSize, segments, threadName);
        }
        return scan(ch, fileSize, zeroTailIsEnd, fixedBufferSize);
    }

    /** Probe reads of a header page each, and the time above which one came from the device (cached: 5-13 µs). */
    private static final int PROBES = 7;
    private static final long CACHED_READ_NANOS = 30_000;

    /** Whether most of a few header reads spread over the file took device time (the first, a warm-up, not counted). */
    private static boolean looksCold(FileChannel ch, long fileSize, long stride) throws IOException {
        long buffers = fileSize / stride;
        if (buffers < 1024) {
            return false; // the ranges need enough buffers to pay (scanInRanges falls back below 64 per range anyway)
        }
        ByteBuffer b = ByteBuffer.allocateDirect(BufferHeader.SIZE);
        int slow = 0;
        for (int i = 0; i <= PROBES; i++) {
            b.clear();
            long t0 = System.nanoTime();
            ch.read(b, buffers * (i + 1) / (PROBES + 2) * stride);
            if (i > 0 && System.nanoTime() - t0 > CACHED_READ_NANOS) {
                slow++;
            }
        }
        return slow > PROBES / 2;
    }

    /**
     * The walk in {@code segments} ranges at once (the calling thread takes the first, a new thread each of the others),
     * with the result of the one walk. The walk's only state is its offset, so a range scanned from where the chain
     * would enter it continues the chain exactly: a range's result is used only when the previous range's walk stopped
     * precisely at its start; otherwise (a buffer of another size, a fault) the walk goes on sequentially from where it
     * stopped, so the result never differs.
     */
    static ScanResult scanInRanges(FileChannel ch, long fileSize, boolean zeroTailIsEnd, long fixedBufferSize,
            int segments, String threadName) throws IOException {
        if (segments <= 1 || fixedBufferSize < BufferHeader.SIZE || fixedBufferSize > MAX_BUFFER_BYTES
                || fileSize / fixedBufferSize < 64L * segments || fileSize < BufferHeader.SIZE) {
            return scan(ch, fileSize, zeroTailIsEnd, fixedBufferSize);
        }
        ByteBuffer hb = ByteBuffer.allocate(BufferHeader.SIZE).order(ByteOrder.LITTLE_ENDIAN);
        readFully(ch, hb, 0);
        long first = BufferHeader.parse(hb, 0, 0).bufferSizeBytes(); // buffer 1's offset (buffer 0 may be smaller)
        long n = first >= BufferHeader.SIZE && first < fileSize ? (fileSize - first) / fixedBufferSize : 0;
        if (n < 64L * segments) {
            return scan(ch, fileSize, zeroTailIsEnd, fixedBufferSize);
        }
        long[] starts = new long[segments + 1]; // range i: [starts[i], starts[i + 1]); range 0 from offset 0
        for (int i = 1; i < segments; i++) {
            starts[i] = first + n * i / segments * fixedBufferSize;
        }
        starts[segments] = Long.MAX_VALUE;
        Range[] ranges = new Range[segments];
        Thread[] threads = new Thread[segments];
        for (int i = 1; i < segments; i++) {
            Range r = new Range(starts[i], starts[i + 1]);
            ranges[i] = r;
            threads[i] = new Thread(() -> r.run(ch, fileSize, zeroTailIsEnd, fixedBufferSize), threadName + " " + i);
            threads[i].setDaemon(true);
            threads[i].start();
        }
        List<BufferHeader> list = new ArrayList<>();
        List<Fault> faults = new ArrayList<>();
        long off;
        try {
            off = scanRange(ch, fileSize, zeroTailIsEnd, fixedBufferSize, 0, starts[1], list, faults);
        } finally {
            joinAll(threads); // no read of ours may outlive the scan (the caller may close the channel)
        }
        for (int i = 1; i < segments && off == starts[i] && ranges[i].end != NOT_RUN; i++) {
            list.addAll(ranges[i].buffers);
            faults.addAll(ranges[i].faults);
            off = ranges[i].end;
        }
        if (off != ENDED && off < fileSize) {
            scanRange(ch, fileSize, zeroTailIsEnd, fixedBufferSize, off, Long.MAX_VALUE, list, faults);
        }
        return new ScanResult(list, List.copyOf(faults));
    }

    /** {@link #scanRange} ended the walk (end of the chain, not the end of its range). */
    private static final long ENDED = -1;
    /** A range whose thread failed: its part is scanned again by the calling thread. */
    private static final long NOT_RUN = -2;

    /** One range scanned on its own thread. */
    private static final class Range {
        final long from;
        final long until;
        final List<BufferHeader> buffers = new ArrayList<>();
        final List<Fault> faults = new ArrayList<>();
        long end = NOT_RUN;

        Range(long from, long until) {
            this.from = from;
            this.until = until;
        }

        void run(FileChannel ch, long fileSize, boolean zeroTailIsEnd, long fixedBufferSize) {
            try {
                end = scanRange(ch, fileSize, zeroTailIsEnd, fixedBufferSize, from, until, buffers, faults);
            } catch (IOException | RuntimeException e) {
                end = NOT_RUN; // the calling thread's sequential walk meets (and reports) it itself
            }
        }
    }

    private static void joinAll(Thread[] threads) {
        boolean interrupted = false;
        for (Thread t : threads) {
            while (t != null) {
                try {
                    t.join(); // also makes the range's lists visible here
                    break;
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Walks the chain from {@code off} while {@code off < until}, adding to {@code list} and {@code faults}; returns
     * the offset where it stopped ({@code >= until}, or {@code >= fileSize} at the end of the file) or {@link #ENDED}.
     */
    private static long scanRange(FileChannel ch, long fileSize, boolean zeroTailIsEnd, long fixedBufferSize, long off,
            long until, List<BufferHeader> list, List<Fault> faults) throws IOException {
        // direct: a read into a heap buffer goes through a temporary direct one (one header per buffer of the file)
        ByteBuffer hb = ByteBuffer.allocateDirect(BufferHeader.SIZE).order(ByteOrder.LITTLE_ENDIAN);
        while (off < fileSize && off < until) {
            if (fileSize - off < BufferHeader.SIZE) {
                faults.add(new Fault(off, "truncated buffer header (" + (fileSize - off) + " bytes left)"));
                return ENDED;
            }
            hb.clear();
            readFully(ch, hb, off);
            BufferHeader h = BufferHeader.parse(hb, 0, off);
            String bad = validate(h, fileSize - off);
            if (bad != null) {
                if (zeroTailIsEnd && h.bufferSizeBytes() == 0 && allZero(hb)) {
                    return ENDED;
                }
                faults.add(new Fault(off, bad));
                // Uncompressed buffers sit at fixed strides (buffer 0 may be smaller in relogged files,
                // hence the stride is taken from this offset): skip one stride and go on.
                if (fixedBufferSize >= BufferHeader.SIZE && fixedBufferSize <= MAX_BUFFER_BYTES && off > 0
                        && fileSize - off > fixedBufferSize) {
                    off += fixedBufferSize;
                    continue;
                }
                return ENDED;
            }
            list.add(h);
            off += h.bufferSizeBytes();
        }
        return off;
    }

    /** Returns why the header is unusable, or null. */
    public static String validate(BufferHeader h, long bytesLeft) {
        long size = h.bufferSizeBytes();
        if (size < BufferHeader.SIZE) {
            return "invalid BufferSize " + size + " (smaller than the 72-byte buffer header)";
        }
        if (size > MAX_BUFFER_BYTES) {
            return "absurd BufferSize " + size;
        }
        if (size > bytesLeft) {
            return "BufferSize " + size + " exceeds the " + bytesLeft + " bytes left in the file (truncated file?)";
        }
        long saved = h.savedOffset();
        if (saved < BufferHeader.SIZE || saved > (h.compressed() ? MAX_BUFFER_BYTES : size)) {
            return "invalid SavedOffset " + saved + " for BufferSize " + size;
        }
        return null;
    }

    public static void readFully(FileChannel ch, ByteBuffer dst, long pos) throws IOException {
        while (dst.hasRemaining()) {
            int n = ch.read(dst, pos);
            if (n < 0) {
                throw new IOException("unexpected end of file at " + pos);
            }
            pos += n;
        }
    }

    private static boolean allZero(ByteBuffer b) {
        for (int i = 0; i < b.limit(); i++) {
            if (b.get(i) != 0) {
                return false;
            }
        }
        return true;
    }
}
