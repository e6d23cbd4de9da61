package org.handlelens.etw;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CancellationException;

import org.handlelens.etw.header.EventRecordHeader;
import org.handlelens.etw.kernel.DbgIdRsdsEvent;
import org.handlelens.etw.kernel.DuplicateHandleEvent;
import org.handlelens.etw.kernel.HandleEvent;
import org.handlelens.etw.kernel.HandleRundownEvent;
import org.handlelens.etw.kernel.ImageEvent;
import org.handlelens.etw.kernel.ImageIdEvent;
import org.handlelens.etw.kernel.ObjectLifetimeEvent;
import org.handlelens.etw.kernel.ObjectReferenceEvent;
import org.handlelens.etw.kernel.ObjectTypeEvent;
import org.handlelens.etw.kernel.ProcessEvent;
import org.handlelens.etw.kernel.StackKeyDefinition;
import org.handlelens.etw.kernel.StackKeyReference;
import org.handlelens.etw.kernel.StackWalkEvent;
import org.handlelens.etw.kernel.ThreadEvent;
import org.handlelens.etw.model.EtlModelSource;
import org.handlelens.etw.writer.EtlTraceWriter;
import org.handlelens.etw.writer.HandleScenario;
import org.handlelens.etw.writer.KernelPayloads;
import org.handlelens.model.HandleModel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Decoding on helper threads gives the visitor exactly the calls of the sequential read: same
 * events in the same order with the same header fields, counts, faults and progress; and the
 * importer builds the same model.
 */
class ParallelDecodeTest {
    @TempDir
    Path tmp;

    /** Every callback as one line: the header fields the visitor can see plus the decoded event. */
    static class TranscriptVisitor implements EtwEventVisitor {
        final List<String> lines = new ArrayList<>();
        final List<String> progress = new ArrayList<>();

        private void add(EventRecordHeader h, String what, Object e) {
            lines.add(what + " " + h + " cpu=" + h.cpu() + " at=" + h.fileOffset() + " c=" + h.compressedBuffer()
                    + " guid=" + h.guid() + " ev=" + h.eventId() + " kw=" + h.keyword() + " payload="
                    + Arrays.hashCode(h.payloadBytes()) + "/" + h.payloadLength() + " stack="
                    + (h.hasExtendedStack() ? h.extendedStack().matchId() + ":"
                            + Arrays.toString(h.extendedStack().frameAddresses()) : "-") + " " + e);
        }

        @Override public void fileInfo(EtlFileInfo info) { lines.add("info " + info.cpuCount()); }
        @Override public void process(EventRecordHeader h, ProcessEvent e) { add(h, "process", e); }
        @Override public void thread(EventRecordHeader h, ThreadEvent e) { add(h, "thread", e); }
        @Override public void image(EventRecordHeader h, ImageEvent e) { add(h, "image", e); }
        @Override public void stack(EventRecordHeader h, StackWalkEvent e) {
            add(h, "stack", e.eventTimestampRaw() + " " + e.processId() + " " + e.threadId() + " " + Arrays.toString(e.frames()));
        }
        @Override public void stackKeyReference(EventRecordHeader h, StackKeyReference e) { add(h, "keyRef", e); }
        @Override public void stackKeyDefinition(EventRecordHeader h, StackKeyDefinition e) {
            add(h, "keyDef", e.opcode() + " " + e.stackKey() + " " + Arrays.toString(e.frames()));
        }
        @Override public void handle(EventRecordHeader h, HandleEvent e) { add(h, "handle", e); }
        @Override public void duplicateHandle(EventRecordHeader h, DuplicateHandleEvent e) { add(h, "dup", e); }
        @Override public void handleRundown(EventRecordHeader h, HandleRundownEvent e) { add(h, "rundown", e); }
        @Override public void objectType(EventRecordHeader h, ObjectTypeEvent e) { add(h, "type", e); }
        @Override public void objectLifetime(EventRecordHeader h, ObjectLifetimeEvent e) { add(h, "lifetime", e); }
        @Override public void objectReference(EventRecordHeader h, ObjectReferenceEvent e) { add(h, "ref", e); }
        @Override public void imageId(EventRecordHeader h, ImageIdEvent e) { add(h, "imageId", e); }
        @Override public void dbgId(EventRecordHeader h, DbgIdRsdsEvent e) { add(h, "dbgId", e); }
        @Override public void win32kHandle(EventRecordHeader h, org.handlelens.etw.win32k.Win32kHandleEvent e) {
            add(h, "win32k", e);
        }
        @Override public void other(EventRecordHeader h) { add(h, "other", null); }
    }

    private record Run(TranscriptVisitor visitor, EtlReadResult result) {
        String summary() {
            EtlReadResult r = result;
            return r.counts() + " partial=" + r.partial() + " fault=" + (r.fault() == null ? null : r.fault().getMessage())
                    + " faults=" + r.faultCount() + " buffers=" + r.buffersRead() + " bytes=" + r.bytesRead();
        }
    }

    private static Run read(Path f, int threads) throws Exception {
        return read(f, threads, false);
    }

    /** {@code loadAhead}: the sequential read with buffers loaded on a helper thread. */
    private static Run read(Path f, int threads, boolean loadAhead) throws Exception {
        TranscriptVisitor v = new TranscriptVisitor();
        try (EtlReader reader = EtlReader.open(f)) {
            EtlReadResult r = reader.read(v, new ReadListener() {
                @Override
                public void progress(long done, long total) {
                    v.progress.add(done + "/" + total);
                }
            }, threads, loadAhead, 1); // threads even for a file of one buffer
            return new Run(v, r);
        }
    }

    /**
     * Sequential vs sequential with buffers loaded ahead (shown as threads = -1) and 1, 2 and 3 decode threads:
     * identical transcripts, results and progress.
     */
    private static int assertSameAsSequential(Path f) throws Exception {
        Run seq = read(f, 0);
        for (int threads : new int[] {-1, 1, 2, 3}) {
            Run par = threads < 0 ? read(f, 0, true) : read(f, threads);
            assertEquals(seq.visitor.lines.size(), par.visitor.lines.size(), f + " callbacks, threads=" + threads);
            for (int i = 0; i < seq.visitor.lines.size(); i++) {
                assertEquals(seq.visitor.lines.get(i), par.visitor.lines.get(i), f + " callback " + i + ", threads=" + threads);
            }
            assertEquals(seq.summary(), par.summary(), f + " result, threads=" + threads);
            assertEquals(seq.visitor.progress, par.visitor.progress, f + " progress, threads=" + threads);
        }
        return seq.visitor.lines.size();
    }

    @ParameterizedTest
    @ValueSource(strings = {"AMSITrace.etl", "ShutdownPerfDiagLogger.etl", "lxcore_kernel.etl", "primitive-types.etl",
            "SelfDescribingSingleEvent.etl", "PerfViewData.etl", "net.4.5.2.x64.etl"})
    void realFilesDecodeTheSame(String name) throws Exception {
        Path f = switch (name) {
            case "PerfViewData.etl" -> TestData.unzip("gcevents.etl.zip", "PerfViewData.etl", tmp);
            case "net.4.5.2.x64.etl" -> TestData.unzip("net.4.5.2.x64.etl.zip", "net.4.5.2.x64.etl", tmp);
            default -> TestData.etl(name);
        };
        int n = assertSameAsSequential(f);
        assertTrue(n > 2, name + ": " + n + " callbacks");
    }

    /** Several CPUs interleaved, small buffers (many per CPU), both pointer sizes, plain and compressed. */
    @ParameterizedTest
    @ValueSource(strings = {"8,false", "8,true", "4,false", "4,true"})
    void generatedMultiCpuTraceDecodesTheSame(String arg) throws Exception {
        int p = Integer.parseInt(arg.split(",")[0]);
        boolean compressed = Boolean.parseBoolean(arg.split(",")[1]);
        EtlTraceWriter w = multiCpu(p, 4, 1024);
        if (compressed) {
            w.compressed();
        }
        Path f = tmp.resolve("multi-" + arg.replace(',', '-') + ".etl");
        w.write(f);
        int n = assertSameAsSequential(f);
        assertEquals(w.eventCount() + 1 + 1, n); // + logfile header + fileInfo
        Path s = tmp.resolve("scenario-" + arg.replace(',', '-') + ".etl");
        HandleScenario.write(s, p, compressed);
        assertSameAsSequential(s);
    }

    /** EVENT_HEADER records with extended-data stacks and Win32k handle events: the same calls, stacks and counts. */
    @Test
    void win32kTraceWithExtendedStacksDecodesTheSame() throws Exception {
        Path f = org.handlelens.etw.writer.SampleTraces.gdiLeak(tmp.resolve("gdi.etl"));
        int n = assertSameAsSequential(f);
        assertEquals(13 + 1, n); // 10 Win32k, 2 process, logfile header + fileInfo
        Run seq = read(f, 0);
        assertEquals(9, seq.visitor.lines.stream().filter(l -> l.startsWith("win32k ")).count());
        assertEquals(6, seq.visitor.lines.stream().filter(l -> l.contains(" stack=0:[")).count());
    }

    /**
     * A visitor that lets the reader reuse frame arrays sees the same frames (read during the call)
     * as one that does not, and does get the same array again for stacks of the same length.
     */
    @ParameterizedTest
    @ValueSource(ints = {8, 4})
    void reusedFrameArraysCarryTheSameFrames(int p) throws Exception {
        Path s = tmp.resolve("reuse-" + p + ".etl");
        HandleScenario.write(s, p, false);
        TranscriptVisitor fresh = new TranscriptVisitor();
        java.util.Map<Integer, long[]> seen = new java.util.HashMap<>();
        int[] again = {0, 0};
        TranscriptVisitor reusing = new TranscriptVisitor() {
            @Override
            public boolean reusesFrameArrays() {
                return true;
            }

            @Override
            public void stack(EventRecordHeader h, StackWalkEvent e) {
                super.stack(h, e);
                again[0]++;
                if (seen.putIfAbsent(e.frames().length, e.frames()) == e.frames()) {
                    again[1]++;
                }
            }
        };
        try (EtlReader reader = EtlReader.open(s)) {
            reader.read(fresh, ReadListener.NONE, 0);
        }
        try (EtlReader reader = EtlReader.open(s)) {
            reader.read(reusing, ReadListener.NONE, 0);
        }
        assertEquals(fresh.lines, reusing.lines);
        assertTrue(again[0] > seen.size() && again[1] == again[0] - seen.size(),
                again[0] + " stacks, " + seen.size() + " lengths, " + again[1] + " reused");
    }

    @Test
    void circularTraceDecodesTheSame() throws Exception {
        EtlTraceWriter w = multiCpu(8, 3, 1024).circular(8);
        Path f = tmp.resolve("ring.etl");
        w.write(f);
        assertTrue(w.overwrittenBuffers() > 0, "ring wrapped");
        assertSameAsSequential(f);
    }

    /** Faults inside buffers (a bad record, a corrupt compressed buffer) are reported at the same points. */
    @Test
    void faultsAreTheSame() throws Exception {
        EtlTraceWriter w = multiCpu(8, 3, 1024);
        Path f = tmp.resolve("bad.etl");
        w.write(f);
        byte[] b = Files.readAllBytes(f);
        // break the first record of buffers 5 and 9 (record type byte) and one record deeper in buffer 12
        for (int[] at : new int[][] {{5, 0x48}, {9, 0x48}}) {
            b[at[0] * 1024 + at[1] + 2] = (byte) 0x77;
        }
        b[12 * 1024 + 0x48 + 0x100 + 2] ^= 0x55;
        Files.write(f, b);
        Run seq = read(f, 0);
        assertTrue(seq.result.partial(), "faults found");
        assertSameAsSequential(f);

        EtlTraceWriter c = multiCpu(8, 3, 1024).compressed();
        Path g = tmp.resolve("badc.etl");
        c.write(g);
        byte[] cb = Files.readAllBytes(g);
        try (FileChannel ch = FileChannel.open(g, StandardOpenOption.READ)) {
            // zero the compressed bytes of the 5th buffer: all literals, they expand to less than SavedOffset
            long off = 0;
            ByteBuffer hb = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN);
            for (int i = 0; i < 4; i++) {
                hb.clear();
                ch.read(hb, off);
                off += Integer.toUnsignedLong(hb.getInt(0));
            }
            hb.clear();
            ch.read(hb, off);
            Arrays.fill(cb, (int) off + 0x48, (int) (off + Integer.toUnsignedLong(hb.getInt(0))), (byte) 0);
        }
        Files.write(g, cb);
        assertTrue(read(g, 0).result.partial(), "corrupt compressed buffer found");
        assertSameAsSequential(g);
    }

    /** With 2 decode threads, and with the sequential read loading buffers ahead (threads = 0). */
    @ParameterizedTest
    @ValueSource(ints = {2, 0})
    void cancellationStopsTheThreadedRead(int threads) throws Exception {
        EtlTraceWriter w = multiCpu(8, 4, 1024);
        Path f = tmp.resolve("cancel" + threads + ".etl");
        w.write(f);
        int[] seen = {0};
        try (EtlReader reader = EtlReader.open(f)) {
            assertThrows(CancellationException.class, () -> reader.read(new EtwEventVisitor() {
            }, new ReadListener() {
                @Override
                public boolean cancelled() {
                    return ++seen[0] > 10;
                }
            }, threads, threads == 0, 1));
            // the channel is still usable: the decode (or loading) threads were not interrupted
            Run again = new Run(new TranscriptVisitor(), reader.read(new TranscriptVisitor(), ReadListener.NONE, threads,
                    threads == 0, 1));
            assertFalse(again.result.partial());
        }
        assertEquals(11, seen[0]);
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void modelIsTheSame(boolean compressed) throws Exception {
        Path f = tmp.resolve("model-" + compressed + ".etl");
        HandleScenario.write(f, 8, compressed);
        Path g = tmp.resolve("model-multi-" + compressed + ".etl");
        EtlTraceWriter w = multiCpu(8, 4, 1024);
        if (compressed) {
            w.compressed();
        }
        w.write(g);
        for (Path file : new Path[] {f, g}) {
            HandleModel a = new EtlModelSource(0).load(file, null);
            HandleModel b = new EtlModelSource(2).load(file, null);
            assertEquals(a.rowCount(), b.rowCount());
            assertEquals(a.stackCount(), b.stackCount());
            for (int r = 0; r < a.rowCount(); r++) {
                assertEquals(a.row(r), b.row(r), "row " + r);
            }
            for (int s = 0; s < a.stackCount(); s++) {
                assertEquals(a.stack(s), b.stack(s), "stack " + s);
            }
            assertEquals(a.warnings(), b.warnings());
            assertEquals(a.partialReason(), b.partialReason());
            assertEquals(a.source(), b.source());
        }
    }

    /**
     * {@code cpus} CPUs logging handle creates/closes with stacks, process and thread events and one
     * unknown event in turn, timestamps interleaved (some equal across CPUs), small buffers.
     */
    private static EtlTraceWriter multiCpu(int p, int cpus, int bufferSize) {
        EtlTraceWriter w = new EtlTraceWriter(p, cpus, bufferSize, 1_000L);
        KernelPayloads kp = new KernelPayloads(p);
        long kernel = p == 8 ? 0xFFFFF80000001000L : 0x80401000L;
        for (int i = 0; i < 1500; i++) {
            int cpu = (i * 5 + i / 7) % cpus;
            int pid = 1000 + 4 * (i % 5);
            int tid = pid + 4 + (i % 3);
            long ts = w.ts(1000L * (i / 2)); // pairs of equal timestamps on different CPUs
            switch (i % 6) {
                case 0, 1, 2 -> w.kernel(cpu, EtlTraceWriter.SYSTEM, 0x11, 32 + (i & 1), 2, pid, tid, ts,
                        kp.handle(HandleScenario.obj(p, i % 50), 4 * (i % 40) + 4, 16));
                case 3 -> w.kernel(cpu, EtlTraceWriter.PERFINFO, 0x18, 32, 2, -1, -1, ts,
                        kp.stack(ts, pid, tid, new long[] {kernel + i % 9, kernel + 0x40, 0x401000L + i % 11}));
                case 4 -> w.kernel(cpu, EtlTraceWriter.SYSTEM, 0x05, 1, 3, pid, tid, ts, kp.thread(pid, tid));
                default -> w.kernel(cpu, EtlTraceWriter.COMPACT, 0x24, 36, 2, pid, tid, ts, new byte[8 + i % 24]);
            }
        }
        return w;
    }
}
