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
        // direct: a read into a heap buffer goes through a temporary direct one (one header per buffer of the file)
        ByteBuffer hb = ByteBuffer.allocateDirect(BufferHeader.SIZE).order(ByteOrder.LITTLE_ENDIAN);
        long off = 0;
        while (off < fileSize) {
            if (fileSize - off < BufferHeader.SIZE) {
                faults.add(new Fault(off, "truncated buffer header (" + (fileSize - off) + " bytes left)"));
                break;
            }
            hb.clear();
            readFully(ch, hb, off);
            BufferHeader h = BufferHeader.parse(hb, 0, off);
            String bad = validate(h, fileSize - off);
            if (bad != null) {
                if (zeroTailIsEnd && h.bufferSizeBytes() == 0 && allZero(hb)) {
                    break;
                }
                faults.add(new Fault(off, bad));
                // Uncompressed buffers sit at fixed strides (buffer 0 may be smaller in relogged files,
                // hence the stride is taken from this offset): skip one stride and go on.
                if (fixedBufferSize >= BufferHeader.SIZE && fixedBufferSize <= MAX_BUFFER_BYTES && off > 0
                        && fileSize - off > fixedBufferSize) {
                    off += fixedBufferSize;
                    continue;
                }
                break;
            }
            list.add(h);
            off += h.bufferSizeBytes();
        }
        return new ScanResult(list, List.copyOf(faults));
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
