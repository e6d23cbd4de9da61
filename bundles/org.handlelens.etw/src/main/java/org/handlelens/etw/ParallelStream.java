package org.handlelens.etw;

import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;

import org.handlelens.etw.buffer.BufferHeader;
import org.handlelens.etw.buffer.BufferLoader;
import org.handlelens.etw.buffer.HandOver;
import org.handlelens.etw.buffer.LoadedBuffer;
import org.handlelens.etw.buffer.CpuStream;
import org.handlelens.etw.header.EventRecordHeader;
import org.handlelens.etw.header.RecordFormatException;
import org.handlelens.etw.header.TraceHeaderDecoder;
import org.handlelens.etw.kernel.Payload;

/**
 * One CPU's records, its buffers read, decompressed, walked and payload-decoded on decode threads
 * ahead of the merge. Keeps at most {@code window} buffers of this CPU in flight (submitted in
 * sequence order, refilled as the merge takes them), so memory stays bounded and no decode task
 * ever waits: the merge blocks only on the next buffer of the stream it needs, which is already
 * queued. Faults, progress and cancellation reach the {@link CpuStream.Sink} on the merging thread
 * at the same points as with {@link CpuStream}, so both paths give the visitor the same calls.
 */
final class ParallelStream implements RecordStream {
    private final int order;
    private final List<BufferHeader> buffers;
    private final Decoding decoding;
    private final CpuStream.Sink sink;
    private final int window;
    private final ArrayDeque<Future<Batch>> pending = new ArrayDeque<>();
    private final ArrayDeque<Batch> free = new ArrayDeque<>();
    private int submitted;
    private Batch current;
    private int index;
    private EventRecordHeader header;
    private EventKind kind;
    private Object decoded;

    /** What the decode threads share: the file, its compression, the visitor's wanted kinds. Read-only. */
    record Decoding(ExecutorService executor, FileChannel channel, int compressionFormat, boolean[] wants,
            int defaultPointerSize, ThreadLocal<EventCounter> counters) {
    }

    ParallelStream(int order, List<BufferHeader> buffers, Decoding decoding, CpuStream.Sink sink, int window) {
        this.order = order;
        this.buffers = buffers;
        this.decoding = decoding;
        this.sink = sink;
        this.window = window;
        submit();
    }

    @Override
    public int order() {
        return order;
    }

    @Override
    public EventRecordHeader header() {
        return header;
    }

    @Override
    public EventKind kind() {
        return kind;
    }

    @Override
    public Object decoded() {
        return decoded;
    }

    @Override
    public boolean counted() {
        return true;
    }

    @Override
    public boolean advance() {
        while (true) {
            Batch b = current;
            if (b != null) {
                if (index < b.count) {
                    // the decode thread's header of this record (one flyweight per slot, reused with the batch)
                    header = b.headers[index];
                    kind = b.kinds[index];
                    decoded = b.events[index];
                    b.events[index++] = null; // the visitor may keep it; the batch must not
                    return true;
                }
                current = null;
                if (b.error != null) {
                    throw b.error; // where the decoding thread hit it, after the records before it
                }
                if (b.recordFault != null) {
                    sink.fault(b.recordFaultOffset, b.recordFault, null);
                }
                free.push(b);
            }
            Future<Batch> f = pending.poll();
            if (f == null) {
                decoded = null;
                return false;
            }
            b = await(f);
            submit();
            sink.bufferLoaded(b.buffer);
            if (b.loadFault != null) {
                sink.fault(b.buffer.fileOffset(), b.loadFault, b.loadCause);
                free.push(b);
                continue;
            }
            current = b;
            index = 0;
        }
    }

    /** Drops the buffers not yet decoded (after a cancellation or an error). */
    void cancel() {
        for (Future<Batch> f : pending) {
            f.cancel(false);
        }
        pending.clear();
    }

    private void submit() {
        // refill in chunks (at half the window): one wake-up of a decode thread serves several buffers
        if (pending.size() > window / 2) {
            return;
        }
        while (pending.size() < window && submitted < buffers.size()) {
            Batch b = free.isEmpty() ? new Batch() : free.pop();
            BufferHeader h = buffers.get(submitted++);
            Decoding d = decoding;
            pending.add(d.executor.submit(() -> b.fill(h, d)));
        }
    }

    private static Batch await(Future<Batch> f) {
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CancellationException("interrupted while waiting for a decoded ETL buffer");
        } catch (ExecutionException e) {
            throw HandOver.failure(e);
        }
    }

    /**
     * One buffer as a decode thread left it: the (decompressed) bytes, the offsets of its records and
     * their decoded headers, kinds and payloads, and what went wrong. Reused (arrays grow, never shrink); owned by one
     * thread at a time, handed over through the {@link Future}.
     */
    static final class Batch {
        private final Payload payload = new Payload();
        /** Created on the first fill (decode threads only). */
        private BufferLoader loader;
        ByteBuffer dataLe;
        BufferHeader buffer;
        int limit;
        int count;
        EventRecordHeader[] headers = new EventRecordHeader[0];
        EventKind[] kinds = new EventKind[0];
        Object[] events = new Object[0];
        /** The buffer could not be used at all (no records). */
        String loadFault;
        Throwable loadCause;
        /** A record could not be decoded: the records before it are kept, the rest of the buffer is skipped. */
        String recordFault;
        long recordFaultOffset;
        /** An unexpected exception while decoding record {@link #count}: rethrown on the merging thread. */
        RuntimeException error;

        /** Same steps and messages as {@link CpuStream}'s load and record walk. */
        Batch fill(BufferHeader h, Decoding d) {
            buffer = h;
            count = 0;
            loadFault = null;
            loadCause = null;
            recordFault = null;
            error = null;
            if (loader == null) {
                loader = new BufferLoader(d.channel, d.compressionFormat);
            }
            LoadedBuffer b = loader.load(h);
            if (b.data() == null) {
                loadFault = b.faultReason();
                loadCause = b.faultCause();
                return this;
            }
            dataLe = b.data();
            limit = (int) h.savedOffset();
            walk(d);
            return this;
        }

        private void walk(Decoding d) {
            ByteBuffer le = dataLe;
            EventCounter counter = d.counters.get();
            int pos = BufferHeader.SIZE;
            while (limit - pos >= 4 && le.getInt(pos) != 0xFFFFFFFF) {
                if (count == headers.length) {
                    int n = Math.max(64, count * 2);
                    headers = Arrays.copyOf(headers, n);
                    kinds = Arrays.copyOf(kinds, n);
                    events = Arrays.copyOf(events, n);
                    for (int i = count; i < n; i++) {
                        headers[i] = new EventRecordHeader();
                    }
                }
                EventRecordHeader h = headers[count];
                int size;
                try {
                    size = TraceHeaderDecoder.decode(le, pos, limit, h);
                } catch (RecordFormatException e) {
                    recordFaultOffset = buffer.fileOffset() + e.offsetInBuffer();
                    recordFault = e.getMessage() + (buffer.compressed()
                            ? " (offset in decompressed buffer " + e.offsetInBuffer() + ")" : "");
                    return;
                }
                try {
                    h.setLocation(buffer.processorIndex(), buffer.fileOffset() + pos, buffer.compressed());
                    EventKind k = EventDispatcher.classify(h);
                    kinds[count] = k;
                    Object e = EventDispatcher.decode(h, k, d.wants, payload, d.defaultPointerSize, null);
                    events[count] = e;
                    EventDispatcher.count(counter, h, k, e);
                } catch (RuntimeException e) {
                    error = e;
                    return;
                }
                count++;
                pos += TraceHeaderDecoder.align8(size);
            }
        }
    }
}
