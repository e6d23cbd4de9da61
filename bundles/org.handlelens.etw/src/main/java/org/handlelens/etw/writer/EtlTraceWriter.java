package org.handlelens.etw.writer;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Writer of spec-exact ETL files (formats.md §1) for tests and benchmarks: a header buffer (BufferType 4) with
 * the SYSTEM32/64 logfile-header record, then per-CPU buffers flushed in the order they fill up
 * (global sequence numbers), optionally XPRESS-compressed (relogged layout: variable on-disk
 * BufferSize, flag 0x40, format id in buffer 0's State) or circular (fixed ring of buffer slots
 * after the header buffer; older buffers are overwritten). Buffers are kept in memory until
 * {@link #write}, unless {@link #streamTo} sends them to the file as they fill (traces of any size).
 */
public final class EtlTraceWriter {
    public static final int SYSTEM = 0, COMPACT = 1, PERFINFO = 2;
    private static final int WMI_HEADER = 0x48;
    /** 2020-01-01T00:00:00Z as FILETIME. */
    public static final long START_FILETIME = 132_223_104_000_000_000L;

    private final int pointerSize;
    private final int cpuCount;
    private final int bufferSize;
    private final long perfFreq = 10_000_000L;
    private final long headerTimestampRaw;
    private boolean compressed;
    private int ringSlots;
    private final List<ByteArrayOutputStream> open = new ArrayList<>();
    private final List<Long> lastTs = new ArrayList<>();
    private final List<byte[]> flushed = new ArrayList<>(); // flushed buffers in flush order (complete on-disk images)
    private long sequence = 1; // buffer 0 has sequence 0
    private final List<Integer> flushedEvents = new ArrayList<>();
    private final List<Integer> openEvents = new ArrayList<>();
    private long maxTs;
    private int eventCount;
    private java.nio.channels.FileChannel stream;
    private long streamedBuffers;

    public EtlTraceWriter(int pointerSize, int cpuCount, int bufferSize, long headerTimestampRaw) {
        this.pointerSize = pointerSize;
        this.cpuCount = cpuCount;
        this.bufferSize = bufferSize;
        this.headerTimestampRaw = headerTimestampRaw;
        this.maxTs = headerTimestampRaw;
        for (int i = 0; i < cpuCount; i++) {
            open.add(new ByteArrayOutputStream());
            lastTs.add(headerTimestampRaw);
            openEvents.add(0);
        }
    }

    /** Writes compressed (relogged) buffers. */
    public EtlTraceWriter compressed() {
        this.compressed = true;
        return this;
    }

    /**
     * Writes buffers to {@code file} as they fill instead of keeping them (not with {@link #circular});
     * {@link #write} then completes the logfile header at the start of that file.
     */
    public EtlTraceWriter streamTo(Path file) throws IOException {
        if (ringSlots > 0) {
            throw new IllegalStateException("a streamed trace cannot be circular");
        }
        stream = java.nio.channels.FileChannel.open(file, java.nio.file.StandardOpenOption.CREATE,
                java.nio.file.StandardOpenOption.TRUNCATE_EXISTING, java.nio.file.StandardOpenOption.WRITE);
        stream.write(ByteBuffer.wrap(logfileHeaderBuffer(1)));
        return this;
    }

    /** Circular file with {@code slots} ring buffers after the header buffer. */
    public EtlTraceWriter circular(int slots) {
        this.ringSlots = slots;
        return this;
    }

    public int pointerSize() {
        return pointerSize;
    }

    public int eventCount() {
        return eventCount;
    }

    /** Appends a SYSTEM / COMPACT / PERFINFO record of HookId group/opcode on {@code cpu}. */
    public void kernel(int cpu, int headerKind, int group, int opcode, int version, int pid, int tid, long ts,
            byte[] payload) {
        kernel(cpu, headerKind, pointerSize, group, opcode, version, pid, tid, ts, payload);
    }

    /**
     * As {@link #kernel(int, int, int, int, int, int, int, long, byte[])} with the record's own pointer size
     * (header type 32 or 64), which may differ from the file's: a record's layout follows its header type.
     */
    public void kernel(int cpu, int headerKind, int recordPointerSize, int group, int opcode, int version, int pid,
            int tid, long ts, byte[] payload) {
        int pointerSize = recordPointerSize;
        int hdr = headerKind == SYSTEM ? 0x20 : headerKind == COMPACT ? 0x18 : 0x10;
        int type = switch (headerKind) {
            case SYSTEM -> pointerSize == 8 ? 0x02 : 0x01;
            case COMPACT -> pointerSize == 8 ? 0x04 : 0x03;
            default -> pointerSize == 8 ? 0x11 : 0x10;
        };
        ByteBuffer b = ByteBuffer.allocate(hdr + payload.length).order(ByteOrder.LITTLE_ENDIAN);
        b.putShort((short) version).put((byte) type).put((byte) 0xC0);
        if (headerKind == PERFINFO) {
            b.putShort((short) (hdr + payload.length)).put((byte) opcode).put((byte) group).putLong(ts);
        } else {
            b.putShort((short) (hdr + payload.length)).put((byte) opcode).put((byte) group).putInt(tid).putInt(pid)
                    .putLong(ts);
            if (headerKind == SYSTEM) {
                b.putInt(0).putInt(0);
            }
        }
        b.put(payload);
        append(cpu, ts, b.array());
    }

    /** Appends a classic FULL-header (GUID) record. */
    public void full(int cpu, UUID guid, int opcode, int version, int pid, int tid, long ts, byte[] payload) {
        full(cpu, pointerSize, guid, opcode, version, pid, tid, ts, payload);
    }

    /** A classic FULL-header record with its own pointer size (FULL_HEADER32 0x0A or FULL_HEADER64 0x14). */
    public void full(int cpu, int recordPointerSize, UUID guid, int opcode, int version, int pid, int tid, long ts,
            byte[] payload) {
        int pointerSize = recordPointerSize;
        ByteBuffer b = ByteBuffer.allocate(0x30 + payload.length).order(ByteOrder.LITTLE_ENDIAN);
        b.putShort((short) (0x30 + payload.length)).put((byte) (pointerSize == 8 ? 0x14 : 0x0A)).put((byte) 0xC0);
        b.put((byte) opcode).put((byte) 0).putShort((short) version).putInt(tid).putInt(pid).putLong(ts);
        b.put(new PayloadBuilder(pointerSize).guid(guid).toBytes()).putLong(0).put(payload);
        append(cpu, ts, b.array());
    }

    /**
     * Appends a manifest-style EVENT_HEADER record (EVENT_HEADER32 0x12 / EVENT_HEADER64 0x13, formats.md §1.4)
     * with optional extended data items (flag EVENT_HEADER_FLAG_EXTENDED_INFO 0x0001, Linkage bit 0 on all but
     * the last item, each item 8-aligned) before the payload.
     */
    public void eventHeader(int cpu, int recordPointerSize, UUID provider, EventDescriptor d, int pid, int tid, long ts,
            List<ExtendedItem> items, byte[] payload) {
        int extBytes = 0;
        for (ExtendedItem i : items) {
            extBytes += align8(8 + i.data().length);
        }
        int size = 0x50 + extBytes + payload.length;
        ByteBuffer b = ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
        b.putShort((short) size).put((byte) (recordPointerSize == 8 ? 0x13 : 0x12)).put((byte) 0xC0);
        b.putShort((short) (items.isEmpty() ? 0 : 0x0001)).putShort((short) 0).putInt(tid).putInt(pid).putLong(ts);
        b.put(new PayloadBuilder(recordPointerSize).guid(provider).toBytes());
        b.putShort((short) d.id()).put((byte) d.version()).put((byte) d.channel()).put((byte) d.level())
                .put((byte) d.opcode()).putShort((short) d.task()).putLong(d.keyword());
        b.putLong(0).putLong(0).putLong(0); // ProcessorTime, ActivityId
        for (int n = 0; n < items.size(); n++) {
            ExtendedItem i = items.get(n);
            b.putShort((short) 0).putShort((short) i.extType()).putShort((short) (n + 1 < items.size() ? 1 : 0))
                    .putShort((short) i.data().length).put(i.data());
            b.position(b.position() + align8(8 + i.data().length) - 8 - i.data().length);
        }
        b.put(payload);
        append(cpu, ts, b.array());
    }

    private void append(int cpu, long ts, byte[] record) {
        if (record.length > 0xFFFF || WMI_HEADER + align8(record.length) > bufferSize) {
            throw new IllegalArgumentException("record of " + record.length + " bytes does not fit a buffer");
        }
        if (ts < lastTs.get(cpu)) {
            throw new IllegalArgumentException("events of one CPU must be appended in time order");
        }
        ByteArrayOutputStream o = open.get(cpu);
        if (WMI_HEADER + o.size() + align8(record.length) > bufferSize) {
            flush(cpu);
        }
        o.writeBytes(record);
        o.writeBytes(new byte[align8(record.length) - record.length]);
        lastTs.set(cpu, ts);
        openEvents.set(cpu, openEvents.get(cpu) + 1);
        maxTs = Math.max(maxTs, ts);
        eventCount++;
    }

    private static int align8(int n) {
        return (n + 7) & ~7;
    }

    private void flush(int cpu) {
        ByteArrayOutputStream o = open.get(cpu);
        if (o.size() == 0) {
            return;
        }
        byte[] events = o.toByteArray();
        o.reset();
        int saved = WMI_HEADER + events.length;
        byte[] body = compressed ? XpressCompressor.compress(events) : events;
        int size = compressed ? WMI_HEADER + body.length : bufferSize;
        ByteBuffer b = ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
        putBufferHeader(b, size, saved, lastTs.get(cpu), sequence++, cpu, 3, compressed ? 0x40 : 0, 0);
        b.position(WMI_HEADER);
        b.put(body);
        if (!compressed) {
            while (b.hasRemaining()) {
                b.put((byte) 0xFF); // unused tail: fill pattern
            }
        }
        if (stream != null) {
            try {
                ByteBuffer out = ByteBuffer.wrap(b.array());
                while (out.hasRemaining()) {
                    stream.write(out);
                }
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            streamedBuffers++;
        } else {
            flushed.add(b.array());
        }
        flushedEvents.add(openEvents.get(cpu));
        openEvents.set(cpu, 0);
    }

    private static void putBufferHeader(ByteBuffer b, int size, int saved, long ts, long seq, int cpu, int state,
            int flags, int type) {
        b.putInt(0, size).putInt(4, saved).putInt(8, saved).putInt(12, 0).putLong(0x10, ts).putLong(0x18, seq)
                .putLong(0x20, 0).putShort(0x28, (short) cpu).putShort(0x2A, (short) 1).putInt(0x2C, state)
                .putInt(0x30, saved).putShort(0x34, (short) flags).putShort(0x36, (short) type)
                .putLong(0x38, 0).putLong(0x40, 0);
    }

    /** Raw QPC timestamp {@code nanos} after the header event (10 MHz clock). */
    public long ts(long nanos) {
        return headerTimestampRaw + nanos / 100;
    }

    private byte[] logfileHeaderBuffer(long buffersWritten) {
        int p = pointerSize;
        long mode = 0x1 | (compressed ? 0x04000000 | 0x10000 : 0) | (ringSlots > 0 ? 0x2 : 0);
        if (ringSlots > 0) {
            mode &= ~0x1; // circular instead of sequential
        }
        PayloadBuilder lh = new PayloadBuilder(p);
        lh.u32(bufferSize).u32(0x0000000A).u32(19041).u32(cpuCount);
        long endFileTime = START_FILETIME + (maxTs - headerTimestampRaw) * (10_000_000L / perfFreq);
        lh.u64(endFileTime).u32(156250).u32(ringSlots > 0 ? 1 : 0).u32(mode).u32(buffersWritten).u32(1)
                .u32(p).u32(0).u32(3000);
        lh.ptr(0).ptr(0); // LoggerName, LogFileName pointers
        lh.u32((long) -60); // TIME_ZONE_INFORMATION.Bias
        lh.zeros(64).zeros(16).u32(0).zeros(64).zeros(16).u32(-60L);
        lh.zeros(4); // alignment padding before the LARGE_INTEGERs
        lh.u64(START_FILETIME - 36_000_000_000L).u64(perfFreq).u64(START_FILETIME).u32(1).u32(0);
        if (lh.size() != (p == 8 ? 0x118 : 0x110)) {
            throw new IllegalStateException("logfile header layout " + lh.size());
        }
        lh.wstring("HandleLens test").wstring("C:\\trace\\generated.etl");
        byte[] payload = lh.toBytes();
        // the header record: SYSTEM header, group 0 opcode 0 version 2
        ByteBuffer r = ByteBuffer.allocate(0x20 + payload.length).order(ByteOrder.LITTLE_ENDIAN);
        r.putShort((short) 2).put((byte) (p == 8 ? 0x02 : 0x01)).put((byte) 0xC0)
                .putShort((short) (0x20 + payload.length)).put((byte) 0).put((byte) 0).putInt(0).putInt(0)
                .putLong(headerTimestampRaw).putInt(0).putInt(0).put(payload);
        byte[] rec = r.array();
        int saved = WMI_HEADER + align8(rec.length);
        int size = compressed ? (saved + 511) & ~511 : bufferSize;
        ByteBuffer b = ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
        putBufferHeader(b, size, saved, headerTimestampRaw, 0, 0, compressed ? 3 : 3, 0, 4);
        b.position(WMI_HEADER);
        b.put(rec);
        return b.array();
    }

    /** Flushes all CPUs and writes the file; returns the number of buffers flushed (BuffersWritten - 1). */
    public long write(Path file) throws IOException {
        for (int cpu = 0; cpu < cpuCount; cpu++) {
            flush(cpu);
        }
        if (stream != null) {
            // the header buffer has the same size whatever it says: overwrite it in place
            try (var ch = stream) {
                ch.write(ByteBuffer.wrap(logfileHeaderBuffer(streamedBuffers + 1)), 0);
            }
            stream = null;
            return streamedBuffers;
        }
        try (var out = Files.newOutputStream(file)) {
            out.write(logfileHeaderBuffer(flushed.size() + 1));
            if (ringSlots > 0) {
                // ring: buffer k lands in slot k % slots, later ones overwrite earlier ones
                byte[][] slots = new byte[Math.min(ringSlots, flushed.size())][];
                for (int k = 0; k < flushed.size(); k++) {
                    slots[k % ringSlots] = flushed.get(k);
                }
                for (byte[] s : slots) {
                    out.write(s);
                }
            } else {
                for (byte[] b : flushed) {
                    out.write(b);
                }
            }
        }
        return flushed.size();
    }

    /** Buffers overwritten by the ring (their events are lost), in flush order. */
    public int overwrittenBuffers() {
        return ringSlots > 0 ? Math.max(0, flushed.size() - ringSlots) : 0;
    }

    /** Events in the buffers that survive in the file (after {@link #write}); +1 for the logfile header. */
    public int eventsInFile() {
        int n = 1;
        for (int k = overwrittenBuffers(); k < flushedEvents.size(); k++) {
            n += flushedEvents.get(k);
        }
        return n;
    }
}
