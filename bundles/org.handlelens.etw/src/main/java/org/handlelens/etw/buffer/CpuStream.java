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
    /** The current buffer's records as the loading thread walked them, or null (then decoded and checked here). */
    private RecordIndex index;
    /** Slot of the current record in {@link #index}. */
    private int slot;

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

    /** The current buffer's {@link RecordIndex} (null when the stream walks its buffers itself). */
    public RecordIndex index() {
        return index;
    }

    /** The current record's slot in {@link #index()}. */
    public int slot() {
        return slot;
    }

    /** Moves to the next record; false when this CPU has no more. */
    public boolean advance() {
        while (true) {
            if (current != null && index != null) {
                if (++slot < index.count()) {
                    try {
                        TraceHeaderDecoder.decode(dataLe, index.offset(slot), limit, header);
                    } catch (RecordFormatException e) {
                        throw new IllegalStateException("record the loading thread decoded fails here", e);
                    }
                    return true;
                }
                RecordFormatException e = index.fault(); // where the loading thread's walk of this buffer stopped
                if (e != null) {
                    fault(e);
                }
                current = null;
            }
            if (current != null && limit - pos >= 4 && dataLe.getInt(pos) != 0xFFFFFFFF) {
                try {
                    int size = TraceHeaderDecoder.decode(dataLe, pos, limit, header);
                    pos += TraceHeaderDecoder.align8(size);
                    return true;
                } catch (RecordFormatException e) {
                    fault(e);
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

    private void fault(RecordFormatException e) {
        sink.fault(current.fileOffset() + e.offsetInBuffer(), e.getMessage()
                + (current.compressed() ? " (offset in decompressed buffer " + e.offsetInBuffer() + ")" : ""), null);
    }

    private void load(BufferHeader h) {
        sink.bufferLoaded(h);
        LoadedBuffer b = source.load(nextBuffer - 1);
        index = null;
        if (b.data() == null) {
            sink.fault(h.fileOffset(), b.faultReason(), b.faultCause());
            return;
        }
        dataLe = b.data();
        index = b.index();
        slot = -1;
        header.setBuffer(h.processorIndex(), h.fileOffset(), h.compressed());
        current = h;
        pos = BufferHeader.SIZE;
        limit = (int) h.savedOffset();
    }
}
