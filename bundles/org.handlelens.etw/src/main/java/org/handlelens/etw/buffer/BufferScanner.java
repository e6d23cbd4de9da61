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

    /**
     * @param buffers     valid buffers in file order
     * @param faultOffset file offset of the first invalid buffer, or -1
     * @param faultReason why it is invalid, or null
     */
    public record ScanResult(List<BufferHeader> buffers, long faultOffset, String faultReason) {
    }

    private BufferScanner() {
    }

    /**
     * Scans from offset 0 to EOF.
     *
     * @param zeroTailIsEnd whether an all-zero header ends the file silently (preallocated files)
     */
    public static ScanResult scan(FileChannel ch, long fileSize, boolean zeroTailIsEnd) throws IOException {
        List<BufferHeader> list = new ArrayList<>();
        ByteBuffer hb = ByteBuffer.allocate(BufferHeader.SIZE).order(ByteOrder.LITTLE_ENDIAN);
        long off = 0;
        while (off < fileSize) {
            if (fileSize - off < BufferHeader.SIZE) {
                return new ScanResult(list, off, "truncated buffer header (" + (fileSize - off) + " bytes left)");
            }
            hb.clear();
            readFully(ch, hb, off);
            BufferHeader h = BufferHeader.parse(hb, 0, off);
            String bad = validate(h, fileSize - off);
            if (bad != null) {
                if (zeroTailIsEnd && h.bufferSizeBytes() == 0 && allZero(hb)) {
                    break;
                }
                return new ScanResult(list, off, bad);
            }
            list.add(h);
            off += h.bufferSizeBytes();
        }
        return new ScanResult(list, -1, null);
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
