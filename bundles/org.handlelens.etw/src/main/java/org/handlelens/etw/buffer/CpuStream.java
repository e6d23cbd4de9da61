package org.handlelens.etw.buffer;

import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.List;

import org.handlelens.etw.header.EventRecordHeader;
import org.handlelens.etw.header.RecordFormatException;
import org.handlelens.etw.header.TraceHeaderDecoder;

/**
 * The records of one CPU's buffers (sorted by sequence number), read one buffer at a time into
 * reused memory ({@link BufferLoader}, possibly ahead: {@link BufferSource}). {@link #advance()} positions {@link #header()} on the next record.
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
    private final BufferSource source;
    private final Sink sink;
    private final EventRecordHeader header = new EventRecordHeader();
    private int nextBuffer;
    private ByteBuffer dataLe;
    private BufferHeader current;
    private int pos;
    private int limit;

    /** A stream that loads each buffer when it gets there, on its own thread. */
    public CpuStream(int order, List<BufferHeader> buffers, FileChannel channel, int compressionFormat, Sink sink) {
        this(order, buffers, BufferSource.onDemand(buffers, new BufferLoader(channel, compressionFormat)), sink);
    }

    /** A stream whose buffers' bytes come from {@code source} (e.g. loaded ahead, {@link AheadBufferSource}). */
    public CpuStream(int order, List<BufferHeader> buffers, BufferSource source, Sink sink) {
        this.order = order;
        this.buffers = buffers;
        this.source = source;
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
        LoadedBuffer b = source.load(nextBuffer - 1);
        if (b.data() == null) {
            sink.fault(h.fileOffset(), b.faultReason(), b.faultCause());
            return;
        }
        dataLe = b.data();
        header.setBuffer(h.processorIndex(), h.fileOffset(), h.compressed());
        current = h;
        pos = BufferHeader.SIZE;
        limit = (int) h.savedOffset();
    }
}
