package org.handlelens.etw.buffer;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;

/**
 * Reads one WMI buffer at a time into reused memory and decompresses XPRESS buffers: the bytes a record
 * walk reads. Uncompressed buffers are read straight into a direct buffer (a read into a heap buffer goes
 * through a temporary direct buffer and one more copy). Owned by one thread at a time.
 */
public final class BufferLoader {
    /** XPRESS (MS-XCA Plain LZ77), the only buffer compression format implemented. */
    private static final int COMPRESSION_XPRESS = 3;
    private static final int MIN_CAPACITY_BYTES = 64 << 10;

    private final FileChannel channel;
    private final int compressionFormat;
    private ByteBuffer direct = ByteBuffer.allocateDirect(0);
    private byte[] raw = new byte[0];
    private byte[] inflated = new byte[0];
    private ByteBuffer inflatedLe = ByteBuffer.wrap(inflated);

    /** @param compressionFormat the file's buffer compression format (used for compressed buffers only) */
    public BufferLoader(FileChannel channel, int compressionFormat) {
        this.channel = channel;
        this.compressionFormat = compressionFormat;
    }

    /** Loads buffer {@code h} (its bytes stay valid until the next call). */
    public LoadedBuffer load(BufferHeader h) {
        int size = (int) h.bufferSizeBytes();
        try {
            if (!h.compressed()) {
                if (direct.capacity() < size) {
                    direct = ByteBuffer.allocateDirect(Math.max(size, MIN_CAPACITY_BYTES)).order(ByteOrder.LITTLE_ENDIAN);
                }
                direct.clear().limit(size);
                BufferScanner.readFully(channel, direct, h.fileOffset());
                return LoadedBuffer.of(direct.clear());
            }
            if (compressionFormat != COMPRESSION_XPRESS) {
                return LoadedBuffer.fault("unsupported buffer compression format " + compressionFormat
                        + " (only 3 = XPRESS is implemented)", null);
            }
            if (raw.length < size) {
                raw = new byte[Math.max(size, MIN_CAPACITY_BYTES)];
            }
            BufferScanner.readFully(channel, ByteBuffer.wrap(raw, 0, size), h.fileOffset());
            int saved = (int) h.savedOffset();
            if (inflated.length < saved) {
                inflated = new byte[Math.max(saved, MIN_CAPACITY_BYTES)];
                inflatedLe = ByteBuffer.wrap(inflated).order(ByteOrder.LITTLE_ENDIAN);
            }
            System.arraycopy(raw, 0, inflated, 0, BufferHeader.SIZE);
            int want = saved - BufferHeader.SIZE;
            int got = XpressDecompressor.decompress(raw, BufferHeader.SIZE, size - BufferHeader.SIZE, inflated,
                    BufferHeader.SIZE, want);
            if (got != want) {
                return LoadedBuffer.fault("compressed buffer expands to " + got + " bytes, SavedOffset says " + want, null);
            }
            return LoadedBuffer.of(inflatedLe);
        } catch (IllegalArgumentException e) {
            return LoadedBuffer.fault("corrupt compressed buffer: " + e.getMessage(), e);
        } catch (IOException e) {
            return LoadedBuffer.fault("I/O error: " + e.getMessage(), e);
        }
    }
}
