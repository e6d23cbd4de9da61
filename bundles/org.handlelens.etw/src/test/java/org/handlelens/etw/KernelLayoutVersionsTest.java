package org.handlelens.etw;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import org.handlelens.etw.kernel.ImageEvent;
import org.handlelens.etw.kernel.LifecycleKind;
import org.handlelens.etw.kernel.ProcessEvent;
import org.handlelens.etw.kernel.ThreadEvent;
import org.handlelens.etw.writer.EtlTraceWriter;
import org.handlelens.etw.writer.KernelPayloads;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every process / thread / image payload version the kernel MOF defines (dissect.etl manifests
 * {3d6fa8d0,3d6fa8d1,2cb15d1d}, TraceEvent KernelTraceEventParser.cs), at P=4 and P=8, written by the test-side
 * writer into a real ETL file and read back through {@link EtlReader}; versions newer than the newest known one
 * carry extra trailing bytes and must decode by their known prefix. {@code EtlParserCrossCheckTest#layoutVersions64}
 * checks the same file with etl-parser where it decodes the version.
 */
class KernelLayoutVersionsTest {
    @TempDir
    Path tmp;

    static final int PROCESS = 0x03, THREAD = 0x05, IMAGE = 0x14;
    static final String SID = "S-1-5-21-1-2-3-1001";
    /** Bytes a future version appends after the newest known layout. */
    static final byte[] FUTURE = {0x11, 0x22, 0x33, 0x44, 0x55, 0x66, 0x77, (byte) 0x88, 0x01, 0x02};

    static byte[] concat(byte[] a, byte[] b) {
        byte[] r = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, r, a.length, b.length);
        return r;
    }

    static long base(int p, int v) {
        return (p == 8 ? 0x00007FF800000000L : 0x10000000L) + 0x100000L * v;
    }

    /**
     * Process versions 0..6 (6 = the V5 layout plus {@link #FUTURE}), each once with a SID (pid 100+v) and once
     * without (pid 200+v), as Start (V0-V4) or Defunct (V5+, the only opcode logged as V5 on Windows 10); thread versions 0..5 (pid 300+v, tid 400+v; V3 with and without the name); image
     * versions 0..4 as 0x030A loads (pid 500+v) and 0x1403 rundowns (pid 600+v).
     */
    static EtlTraceWriter write(int p) {
        EtlTraceWriter w = new EtlTraceWriter(p, 1, 4096, 1_000L);
        KernelPayloads kp = new KernelPayloads(p);
        long t = 1_000;
        for (int v = 0; v <= 6; v++) {
            int known = Math.min(v, 5);
            for (boolean withSid : new boolean[] {true, false}) {
                int pid = (withSid ? 100 : 200) + v;
                byte[] b = kp.process(known, 0xFFFF800000001000L >>> (p == 8 ? 0 : 32) | v, pid, 4, 1, 259,
                        0x1AA000 + v, 0x2, withSid ? SID : null, "proc" + v + ".exe", "cmd v" + v, 133_000_000_000L + v);
                w.kernel(0, EtlTraceWriter.SYSTEM, PROCESS, v >= 5 ? 39 : 1, v, pid, 1, w.ts(t += 1000), v > 5 ? concat(b, FUTURE) : b);
            }
        }
        for (int v = 0; v <= 5; v++) {
            int known = Math.min(v, 4);
            byte[] b = kp.thread(known, 300 + v, 400 + v, known >= 3 ? "worker " + v : null);
            w.kernel(0, EtlTraceWriter.SYSTEM, THREAD, 3, v, 300 + v, 400 + v, w.ts(t += 1000), v > 4 ? concat(b, FUTURE) : b);
        }
        w.kernel(0, EtlTraceWriter.SYSTEM, THREAD, 1, 3, 399, 499, w.ts(t += 1000), kp.thread(3, 399, 499, null));
        for (int v = 0; v <= 4; v++) {
            int known = Math.min(v, 3);
            for (boolean load : new boolean[] {true, false}) {
                int pid = (load ? 500 : 600) + v;
                byte[] b = kp.image(known, base(p, v), 0x9000 + v, pid, 0xC0DE + v, 0x5C9E0959 + v, "\\Device\\img" + v + ".dll");
                w.kernel(0, load ? EtlTraceWriter.SYSTEM : EtlTraceWriter.PERFINFO, load ? PROCESS : IMAGE, load ? 10 : 3,
                        v, pid, 7, w.ts(t += 1000), v > 3 ? concat(b, FUTURE) : b);
            }
        }
        return w;
    }

    static CollectingVisitor read(Path f) throws Exception {
        CollectingVisitor v = new CollectingVisitor();
        try (EtlReader r = EtlReader.open(f)) {
            EtlReadResult res = r.read(v);
            assertFalse(res.partial(), () -> "" + res.fault());
            assertNull(res.fault());
            assertEquals(0, res.counts().malformed(), () -> "malformed " + res.counts().malformedByKey());
        }
        return v;
    }

    @ParameterizedTest
    @ValueSource(ints = {8, 4})
    void processEveryVersion(int p) throws Exception {
        Path f = tmp.resolve("versions" + p + ".etl");
        write(p).write(f);
        List<CollectingVisitor.Timed<ProcessEvent>> ps = read(f).processes;
        assertEquals(14, ps.size());
        for (var t : ps) {
            ProcessEvent e = t.event();
            int v = t.version();
            boolean withSid = e.processId() < 200;
            String at = "P=" + p + " v" + v + (withSid ? " sid" : " nosid");
            assertEquals(v >= 5 ? LifecycleKind.DEFUNCT : LifecycleKind.START, e.kind(), at);
            assertEquals((withSid ? 100 : 200) + v, e.processId(), at);
            assertEquals(4, e.parentId(), at);
            assertEquals(withSid ? SID : "", e.userSid(), at);
            assertEquals("proc" + v + ".exe", e.imageFileName(), at);
            assertEquals(v >= 2 ? "cmd v" + v : "", e.commandLine(), at);
            assertEquals(v >= 1 ? 1 : 0, e.sessionId(), at);
            assertEquals(v >= 1 ? 259 : 0, e.exitStatus(), at);
            long key = (0xFFFF800000001000L >>> (p == 8 ? 0 : 32) | v) & (p == 8 ? -1L : 0xFFFFFFFFL);
            assertEquals(v >= 2 ? key : -1, e.uniqueProcessKey(), at);
            // V1 PageDirectoryBase sits where later versions have UniqueProcessKey; V3+ log DirectoryTableBase
            assertEquals(v == 1 || v >= 3 ? 0x1AA000 + v : 0, e.directoryTableBase(), at);
            assertEquals(v >= 4 ? 2 : 0, e.flags(), at);
            assertEquals(v >= 5 ? 133_000_000_000L + v : 0, e.exitTimeFileTime(), at);
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {8, 4})
    void threadEveryVersion(int p) throws Exception {
        Path f = tmp.resolve("versions" + p + ".etl");
        write(p).write(f);
        List<CollectingVisitor.Timed<ThreadEvent>> ts = read(f).threads;
        assertEquals(7, ts.size());
        for (var t : ts) {
            ThreadEvent e = t.event();
            int v = t.version();
            String at = "P=" + p + " v" + v;
            if (e.threadId() == 499) { // V3 without the optional name (7P+16 bytes)
                assertEquals(399, e.processId(), at);
                assertEquals("", e.threadName(), at);
                continue;
            }
            // V0 is {ThreadId, ProcessId}: a reader that ignores the version swaps them
            assertEquals(300 + v, e.processId(), at);
            assertEquals(400 + v, e.threadId(), at);
            assertEquals(v >= 3 ? "worker " + v : "", e.threadName(), at);
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {8, 4})
    void imageEveryVersion(int p) throws Exception {
        Path f = tmp.resolve("versions" + p + ".etl");
        write(p).write(f);
        List<CollectingVisitor.Timed<ImageEvent>> is = read(f).images;
        assertEquals(10, is.size());
        for (var t : is) {
            ImageEvent e = t.event();
            int v = t.version();
            boolean load = t.opcode() == 10;
            String at = "P=" + p + " v" + v + (load ? " load" : " rundown");
            assertEquals(load ? LifecycleKind.START : LifecycleKind.DC_START, e.kind(), at);
            assertEquals(base(p, v), e.imageBase(), at);
            assertEquals(0x9000 + v, e.imageSize(), at);
            assertEquals("\\Device\\img" + v + ".dll", e.fileName(), at);
            assertEquals(v >= 1 ? (load ? 500 : 600) + v : 0, e.processId(), at); // V0 has no process id
            assertEquals(v >= 2 ? 0xC0DE + v : 0, e.checksum(), at);
            assertEquals(v >= 2 ? 0x5C9E0959 + v : 0, e.timeDateStamp(), at);
            assertEquals(v >= 2 ? base(p, v) : 0, e.defaultBase(), at);
            // V2's u32 Reserved0 (0xA5A5A5A5 from the writer) is not a signature level/type
            assertEquals(v >= 3 ? 0x0C : 0, e.signatureLevel(), at);
            assertEquals(v >= 3 ? 1 : 0, e.signatureType(), at);
        }
    }
}
