package org.handlelens.etw.buffer;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.util.List;

import org.handlelens.etw.header.EventRecordHeader;
import org.handlelens.etw.header.RecordFormatException;
import org.handlelens.etw.header.TraceHeaderDecoder;

/**
 * The records of one CPU's buffers (sorted by sequence number), read one buffer at a time into
 * reused arrays. {@link #advance()} positions {@link #header()} on the next record.
 */
public final class CpuStream {

    /** Receives per-buffer events: faults (with file offset) and bytes consumed. */
    public interface Sink {
        void fault(long fileOffset, String reason, Throwable cause);

        /** A buffer was loaded (for progress/cancellation); may throw to cancel. */
        void bufferLoaded(BufferHeader h);
    }

    private final int order;
    private final List<BufferHeader> buffers;
    private final FileChannel channel;
    private final int compressionFormat;
    private final Sink sink;
    private final EventRecordHeader header = new EventRecordHeader();
    private int nextBuffer;
    private byte[] raw = new byte[0];
    private byte[] data = new byte[0];
    private ByteBuffer dataLe = ByteBuffer.wrap(data);
    private BufferHeader current;
    private int pos;
    private int limit;

    public CpuStream(int order, List<BufferHeader> buffers, FileChannel channel, int compressionFormat, Sink sink) {
        this.order = order;
        this.buffers = buffers;
        this.channel = channel;
        this.compressionFormat = compressionFormat;
        this.sink = sink;
    }

    /** Tie-break order among streams with equal timestamps. */
    public int order() {
        return order;
    }

    public EventRecordHeader header() {
        return header;
    }

    /** Moves to the next record; false when this CPU has no more. */
    public boolean advance() {
        while (true) {
            if (current != null && limit - pos >= 4 && dataLe.getInt(pos) != 0xFFFFFFFF) {
                try {
                    int size = TraceHeaderDecoder.decode(dataLe, pos, limit, header);
                    header.setLocation(current.processorIndex(), current.fileOffset() + pos, current.compressed());
                    pos += TraceHeaderDecoder.align8(size);
                    return true;
                } catch (RecordFormatException e) {
                    sink.fault(current.fileOffset() + e.offsetInBuffer(), e.getMessage()
                            + (current.compressed() ? " (offset in decompressed buffer " + e.offsetInBuffer() + ")" : ""), null);
                    current = null; // skip the rest of this buffer
                }
            }
            current = null;
            if (nextBuffer >= buffers.size()) {
                return false;
            }
            load(buffers.get(nextBuffer++));
        }
    }

    private void load(BufferHeader h) {
        sink.bufferLoaded(h);
        int size = (int) h.bufferSizeBytes();
        try {
            if (raw.length < size) {
                raw = new byte[Math.max(size, 64 << 10)];
            }
            BufferScanner.readFully(channel, ByteBuffer.wrap(raw, 0, size), h.fileOffset());
            int saved = (int) h.savedOffset();
            if (h.compressed()) {
                if (compressionFormat != 3) {
                    sink.fault(h.fileOffset(), "unsupported buffer compression format " + compressionFormat
                            + " (only 3 = XPRESS is implemented)", null);
                    return;
                }
                ensureData(saved);
                System.arraycopy(raw, 0, data, 0, BufferHeader.SIZE);
                int want = saved - BufferHeader.SIZE;
                int got = XpressDecompressor.decompress(raw, BufferHeader.SIZE, size - BufferHeader.SIZE, data,
                        BufferHeader.SIZE, want);
                if (got != want) {
                    sink.fault(h.fileOffset(), "compressed buffer expands to " + got + " bytes, SavedOffset says " + want, null);
                    return;
                }
            } else {
                byte[] t = data; // swap: the raw buffer is the event data
                data = raw;
                raw = t;
                dataLe = ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN);
            }
            current = h;
            pos = BufferHeader.SIZE;
            limit = saved;
        } catch (IllegalArgumentException e) {
            sink.fault(h.fileOffset(), "corrupt compressed buffer: " + e.getMessage(), e);
        } catch (IOException e) {
            sink.fault(h.fileOffset(), "I/O error: " + e.getMessage(), e);
        }
    }

    private void ensureData(int n) {
        if (data.length < n) {
            data = new byte[Math.max(n, 64 << 10)];
            dataLe = ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN);
        }
    }
}
