package org.handlelens.etw;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.TreeMap;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import org.handlelens.etw.buffer.AheadBufferSource;
import org.handlelens.etw.buffer.BufferHeader;
import org.handlelens.etw.buffer.BufferScanner;
import org.handlelens.etw.buffer.CpuStream;
import org.handlelens.etw.header.EventRecordHeader;
import org.handlelens.etw.header.HeaderKind;
import org.handlelens.etw.header.LogfileHeader;
import org.handlelens.etw.header.RecordFormatException;
import org.handlelens.etw.header.TraceHeaderDecoder;

/**
 * Streaming reader of one ETL file. {@link #open} validates buffer 0 and the logfile header;
 * {@link #read} decodes all buffers, merging the per-CPU buffers (ordered by sequence number)
 * by event timestamp, and calls the visitor for every record (on the calling thread). Buffers may be
 * decoded on helper threads ahead of the merge (see {@link #read(EtwEventVisitor, ReadListener, int)}); where helper
 * threads are wanted (load-ahead or decode threads), the chain of buffer headers of a file of fixed-size buffers that is
 * not in the page cache is walked in a few ranges at once first (the same buffers and faults as one walk:
 * {@code BufferScanner}).
 * Memory use is bounded by a few buffers per CPU plus one 72-byte header per buffer. Not thread-safe;
 * one read at a time.
 */
public final class EtlReader implements AutoCloseable {
    private static final int PREALLOCATE_MODE = 0x20;
    /** Smaller files are decoded on the calling thread: starting threads would cost more than it saves. */
    private static final int MIN_BUFFERS_FOR_THREADS = 8;
    /** Bytes of buffers (raw size) in flight to the decode threads, summed over all CPUs. */
    private static final long IN_FLIGHT_BUDGET_BYTES = 8L << 20;
    /** Ranges of the buffer header chain walked at once (BufferScanner); more than the 2 cores help a cold file's reads. */
    private static final int SCAN_THREADS = 4;

    private final Path path;
    private final FileChannel channel;
    private final long fileSize;
    private final EtlFileInfo info;

    private EtlReader(Path path, FileChannel channel, long fileSize, EtlFileInfo info) {
        this.path = path;
        this.channel = channel;
        this.fileSize = fileSize;
        this.info = info;
    }

    /**
     * Opens a file and reads its logfile header.
     *
     * @throws EtlFormatException when the file does not start with a valid ETL header buffer
     */
    public static EtlReader open(Path path) throws IOException, EtlFormatException {
        FileChannel ch = FileChannel.open(path, StandardOpenOption.READ);
        try {
            long size = ch.size();
            EtlFileInfo info = readInfo(path, ch, size);
            return new EtlReader(path, ch, size, info);
        } catch (IOException | EtlFormatException | RuntimeException e) {
            ch.close();
            throw e;
        }
    }

    private static EtlFileInfo readInfo(Path path, FileChannel ch, long size) throws IOException, EtlFormatException {
        if (size < BufferHeader.SIZE + 0x20) {
            throw new EtlFormatException(path, 0, "not an ETL file: only " + size + " bytes");
        }
        ByteBuffer hb = ByteBuffer.allocate(BufferHeader.SIZE).order(ByteOrder.LITTLE_ENDIAN);
        BufferScanner.readFully(ch, hb, 0);
        BufferHeader b0 = BufferHeader.parse(hb, 0, 0);
        String bad = BufferScanner.validate(b0, size);
        if (bad != null || b0.compressed()) {
            throw new EtlFormatException(path, 0, "not an ETL file: first buffer header invalid ("
                    + (bad != null ? bad : "header buffer is compressed") + ")");
        }
        int saved = (int) b0.savedOffset();
        ByteBuffer buf = ByteBuffer.allocate(saved).order(ByteOrder.LITTLE_ENDIAN);
        BufferScanner.readFully(ch, buf, 0);
        EventRecordHeader h = new EventRecordHeader();
        try {
            TraceHeaderDecoder.decode(buf, BufferHeader.SIZE, saved, h);
        } catch (RecordFormatException e) {
            throw new EtlFormatException(path, e.offsetInBuffer(), "not an ETL file: " + e.getMessage());
        }
        if (h.kind() != HeaderKind.SYSTEM || h.hookId() != 0) {
            throw new EtlFormatException(path, BufferHeader.SIZE,
                    "not an ETL file: first record is not the logfile header (" + h + ")");
        }
        LogfileHeader lh;
        try {
            lh = LogfileHeader.parse(buf, h.payloadOffset(), h.payloadLength(), h.pointerSize(), h.timestampRaw());
        } catch (RecordFormatException e) {
            throw new EtlFormatException(path, e.offsetInBuffer(), e.getMessage());
        }
        if (lh.pointerSize() != 4 && lh.pointerSize() != 8) {
            throw new EtlFormatException(path, h.payloadOffset() + 0x2C, "invalid PointerSize " + lh.pointerSize());
        }
        if (lh.numberOfProcessors() <= 0 || lh.numberOfProcessors() > 4096) {
            throw new EtlFormatException(path, h.payloadOffset() + 0x0C, "absurd NumberOfProcessors " + lh.numberOfProcessors());
        }
        int compression = lh.compressedMode() ? b0.state() & 0xFFFF : 0;
        return EtlFileInfo.of(path, size, lh, compression);
    }

    public Path path() {
        return path;
    }

    public EtlFileInfo info() {
        return info;
    }

    /** Reads all events without progress reporting. */
    public EtlReadResult read(EtwEventVisitor visitor) throws IOException {
        return read(visitor, ReadListener.NONE);
    }

    /**
     * Decodes the whole file with {@link #defaultDecodeThreads()} decode threads (none), loading buffers ahead
     * when {@link #defaultLoadAhead()}. Faults (bad buffer
     * header, undecodable record, corrupt compressed data) do not abort the read: the affected buffer
     * (or the rest of the file, for a broken buffer chain) is skipped and the result is marked partial
     * with the first fault.
     *
     * @throws CancellationException if the listener cancels
     */
    public EtlReadResult read(EtwEventVisitor visitor, ReadListener listener) throws IOException {
        return read(visitor, listener, defaultDecodeThreads());
    }

    /**
     * Decode threads used by {@link #read(EtwEventVisitor, ReadListener)}: 0, the sequential read.
     * Measured on the 2-core benchmark machine (docs/benchmarks.md, "ETL decode on helper threads"),
     * handing decoded events from decode threads to the merging thread costs more CPU (0.5-1 s per GB)
     * than it moves off the calling thread, and neither the decode nor the model build got faster on
     * the wall clock; use {@link #read(EtwEventVisitor, ReadListener, int)} to opt in where that is
     * measured to pay (cores to spare). With two or more processors the sequential read loads buffers ahead
     * instead ({@link #defaultLoadAhead()}): one hand-over per buffer rather than per event.
     */
    public static int defaultDecodeThreads() {
        return 0;
    }

    /**
     * Like {@link #read(EtwEventVisitor, ReadListener)} with a given number of decode threads. With
     * {@code decodeThreads > 0} (and a file of more than a few buffers) buffers are read, decompressed
     * and their payloads decoded on that many threads ahead of the timestamp merge; the visitor is
     * still called on the calling thread only, with exactly the calls, order, counts, faults and
     * progress of the sequential read ({@code decodeThreads == 0}: everything on the calling thread).
     * Memory stays bounded: a few buffers per CPU are in flight.
     *
     * @throws CancellationException if the listener cancels
     */
    public EtlReadResult read(EtwEventVisitor visitor, ReadListener listener, int decodeThreads) throws IOException {
        return read(visitor, listener, decodeThreads, defaultLoadAhead());
    }

    /**
     * Whether {@link #read(EtwEventVisitor, ReadListener)} loads buffers ahead: true when the JVM has at least
     * two processors. Then one helper thread reads (and decompresses) each CPU's next buffers while the calling
     * thread walks and decodes the current one: the copy out of the page cache (about a quarter of a sequential
     * record walk) leaves the calling thread at the cost of one hand-over per buffer, not per event
     * (docs/benchmarks.md, "Decode vs {@code cat}": a third less calling-thread CPU per GB on the record walk).
     */
    public static boolean defaultLoadAhead() {
        return Runtime.getRuntime().availableProcessors() >= 2;
    }

    /**
     * Like {@link #read(EtwEventVisitor, ReadListener, int)}, choosing whether the sequential read
     * ({@code decodeThreads == 0}) loads buffers ahead on a helper thread (see {@link #defaultLoadAhead()}); the
     * visitor gets the same calls either way. Decode threads ({@code decodeThreads > 0}) load their buffers
     * themselves, so there {@code loadAhead} changes nothing.
     *
     * @throws CancellationException if the listener cancels
     */
    public EtlReadResult read(EtwEventVisitor visitor, ReadListener listener, int decodeThreads, boolean loadAhead)
            throws IOException {
        return read(visitor, listener, decodeThreads, loadAhead, MIN_BUFFERS_FOR_THREADS);
    }

    /** Tests force the threaded paths on small files with {@code minBuffersForThreads = 1}. */
    EtlReadResult read(EtwEventVisitor visitor, ReadListener listener, int decodeThreads, boolean loadAhead,
            int minBuffersForThreads) throws IOException {
        if (decodeThreads < 0) {
            throw new IllegalArgumentException("decodeThreads < 0: " + decodeThreads);
        }
        visitor.fileInfo(info);
        boolean zeroTailIsEnd = (info.logFileMode() & PREALLOCATE_MODE) != 0 || info.circular();
        // with helper threads wanted, the header chain of a cold file of fixed-size buffers is walked in parallel ranges
        BufferScanner.ScanResult scan = BufferScanner.scan(channel, fileSize, zeroTailIsEnd,
                info.compressed() ? 0 : info.bufferSizeBytes(), loadAhead || decodeThreads > 0 ? SCAN_THREADS : 1,
                "etl-scan " + path.getFileName());
        FaultCollector faults = new FaultCollector(listener);
        for (BufferScanner.Fault f : scan.faults()) {
            faults.fault(f.fileOffset(), f.reason(), null);
        }
        // Group by CPU (header buffers first, as their own group), each ordered by sequence number.
        Map<Integer, List<BufferHeader>> groups = new TreeMap<>();
        for (BufferHeader b : scan.buffers()) {
            int key = b.bufferType() == BufferHeader.TYPE_HEADER ? -1 : b.processorIndex();
            groups.computeIfAbsent(key, k -> new ArrayList<>()).add(b);
        }
        long total = 0;
        long largest = 0;
        for (BufferHeader b : scan.buffers()) {
            total += b.bufferSizeBytes();
            largest = Math.max(largest, Math.max(b.bufferSizeBytes(), b.savedOffset()));
        }
        faults.bytesTotal = total;
        Comparator<BufferHeader> bySeq = Comparator.comparingLong(BufferHeader::sequenceNumber)
                .thenComparingLong(BufferHeader::fileOffset);
        EventCounter counter = new EventCounter();
        EventDispatcher dispatcher = new EventDispatcher(visitor, counter, info.pointerSize());
        boolean threads = scan.buffers().size() >= minBuffersForThreads;
        boolean parallel = decodeThreads > 0 && threads;
        boolean ahead = !parallel && loadAhead && threads;
        ExecutorService executor = parallel ? newExecutor("etl-decode-", decodeThreads)
                : ahead ? newExecutor("etl-load-", 1) : null;
        List<ParallelStream> parallelStreams = new ArrayList<>();
        List<EventCounter> workerCounters = new ArrayList<>();
        try {
            ParallelStream.Decoding decoding = parallel ? new ParallelStream.Decoding(executor, channel,
                    info.compressionFormat(), dispatcher.wants().clone(), dispatcher.defaultPointerSize(),
                    ThreadLocal.withInitial(() -> {
                        EventCounter c = new EventCounter();
                        synchronized (workerCounters) {
                            workerCounters.add(c);
                        }
                        return c;
                    })) : null;
            // buffers in flight per CPU: up to 4, fewer when many CPUs or big buffers would exceed the budget
            // (a longer window measured no faster; each buffer in flight holds its decoded events too)
            int window = (int) Math.max(1, Math.min(4, IN_FLIGHT_BUDGET_BYTES / (Math.max(1, groups.size())
                    * Math.max(largest, 1))));
            // loading ahead holds only raw buffers (no decoded events): twice the window, refilled in halves
            int aheadWindow = (int) Math.max(1, Math.min(16, IN_FLIGHT_BUDGET_BYTES / (Math.max(1, groups.size())
                    * Math.max(largest, 1))));
            List<RecordStream> streams = new ArrayList<>();
            int order = 0;
            for (List<BufferHeader> g : groups.values()) {
                g.sort(bySeq);
                RecordStream s;
                if (parallel) {
                    ParallelStream p = new ParallelStream(order++, g, decoding, faults, window);
                    parallelStreams.add(p);
                    s = p;
                } else if (ahead) {
                    s = RecordStream.of(new CpuStream(order++, g, new AheadBufferSource(g, channel,
                            info.compressionFormat(), executor, aheadWindow), faults));
                } else {
                    s = RecordStream.of(new CpuStream(order++, g, channel, info.compressionFormat(), faults));
                }
                if (s.advance()) {
                    streams.add(s);
                }
            }
            merge(streams, dispatcher);
            // every decoded buffer went through a Future.get: the decode threads' counts are visible here
            synchronized (workerCounters) {
                for (EventCounter c : workerCounters) {
                    counter.add(c);
                }
            }
        } finally {
            if (executor != null) {
                for (ParallelStream p : parallelStreams) {
                    p.cancel();
                }
                executor.shutdown(); // no interrupts: an interrupted FileChannel read would close the channel
            }
        }
        return new EtlReadResult(info, counter.snapshot(), faults.first != null, faults.first, faults.count,
                faults.buffers, faults.bytesDone);
    }

    private ExecutorService newExecutor(String name, int threads) {
        AtomicInteger n = new AtomicInteger();
        return Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, name + n.incrementAndGet() + " " + path.getFileName());
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * K-way merge by raw timestamp (ties: stream order, so one CPU's records keep their order).
     * Keeps emitting from the same stream while it stays the minimum; few streams are scanned
     * linearly (cheaper than a heap for typical CPU counts), many use a priority queue.
     */
    private static void merge(List<RecordStream> streams, EventDispatcher dispatcher) {
        int n = streams.size();
        if (n > 16) {
            PriorityQueue<RecordStream> queue = new PriorityQueue<>(n, (a, b) -> {
                int c = Long.compare(a.header().timestampRaw(), b.header().timestampRaw());
                return c != 0 ? c : Integer.compare(a.order(), b.order());
            });
            queue.addAll(streams);
            while (!queue.isEmpty()) {
                RecordStream s = queue.poll();
                dispatch(dispatcher, s);
                if (s.advance()) {
                    queue.add(s);
                }
            }
            return;
        }
        RecordStream[] live = streams.toArray(new RecordStream[0]); // in stream order
        long[] next = new long[n];
        for (int i = 0; i < n; i++) {
            next[i] = live[i].header().timestampRaw();
        }
        while (n > 0) {
            int min = 0;
            for (int i = 1; i < n; i++) {
                if (next[i] < next[min]) {
                    min = i;
                }
            }
            // second-smallest bound: the current stream may run on while it stays below it
            long bound = Long.MAX_VALUE;
            int boundIdx = Integer.MAX_VALUE;
            for (int i = 0; i < n; i++) {
                if (i != min && (next[i] < bound || next[i] == bound && i < boundIdx)) {
                    bound = next[i];
                    boundIdx = i;
                }
            }
            RecordStream s = live[min];
            boolean more;
            while (true) {
                dispatch(dispatcher, s);
                more = s.advance();
                if (!more) {
                    break;
                }
                long ts = s.header().timestampRaw();
                if (ts > bound || ts == bound && boundIdx < min) {
                    break;
                }
            }
            if (more) {
                next[min] = s.header().timestampRaw();
            } else {
                // drop the stream, keeping the others in order
                System.arraycopy(live, min + 1, live, min, n - min - 1);
                System.arraycopy(next, min + 1, next, min, n - min - 1);
                n--;
            }
        }
    }

    private static void dispatch(EventDispatcher dispatcher, RecordStream s) {
        if (s.counted()) {
            dispatcher.deliverCounted(s.header(), s.kind(), s.decoded());
        } else {
            dispatcher.dispatch(s.header());
        }
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }

    private final class FaultCollector implements CpuStream.Sink {
        final ReadListener listener;
        EtlFormatException first;
        int count;
        long buffers;
        long bytesDone;
        long bytesTotal;

        FaultCollector(ReadListener listener) {
            this.listener = listener;
        }

        @Override
        public void fault(long fileOffset, String reason, Throwable cause) {
            count++;
            if (first == null || fileOffset < first.byteOffset()) {
                first = new EtlFormatException(path, fileOffset, reason, cause);
            }
        }

        @Override
        public void bufferLoaded(BufferHeader h) {
            if (listener.cancelled()) {
                throw new CancellationException("ETL read cancelled: " + path);
            }
            buffers++;
            bytesDone += h.bufferSizeBytes();
            listener.progress(bytesDone, bytesTotal);
        }
    }
}
