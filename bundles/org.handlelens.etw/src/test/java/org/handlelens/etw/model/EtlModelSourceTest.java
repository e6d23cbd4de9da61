package org.handlelens.etw.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import org.handlelens.etw.writer.HandleScenario;
import org.handlelens.model.HandleModel;
import org.handlelens.model.HandleRecord;
import org.handlelens.model.ModelConstants;
import org.handlelens.model.ModuleRecord;
import org.handlelens.model.ProcessRecord;
import org.handlelens.model.SourceFormatException;
import org.handlelens.model.spi.ModelSource;
import org.handlelens.model.spi.ModelSources;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Handle lifetimes with WPA semantics from generated traces; metadata and modules from real ones. */
class EtlModelSourceTest {
    @TempDir
    Path tmp;

    private static Path shared() {
        String p = System.getProperty("handlelens.shared");
        if (p == null) {
            throw new IllegalStateException("system property handlelens.shared is not set");
        }
        return Path.of(p);
    }

    private static List<HandleRecord> rows(HandleModel m, int owner, long handle) {
        List<HandleRecord> l = new ArrayList<>();
        for (int r = 0; r < m.rowCount(); r++) {
            if (m.owningProcess(r) == owner && m.handleValue(r) == handle) {
                l.add(m.row(r));
            }
        }
        return l;
    }

    private static HandleRecord one(HandleModel m, int owner, long handle) {
        List<HandleRecord> l = rows(m, owner, handle);
        assertEquals(1, l.size(), () -> "rows for " + owner + "/0x" + Long.toHexString(handle) + ": " + l);
        return l.get(0);
    }

    private static int key(HandleModel m, String image, int pid) {
        for (int k = 0; k < m.processes().size(); k++) {
            ProcessRecord p = m.process(k);
            if (p.pid() == pid && p.image().equals(image)) {
                return k;
            }
        }
        throw new AssertionError("no process " + image + " " + pid + " in " + m.processes());
    }

    @ParameterizedTest
    @CsvSource({"8,false", "8,true", "4,false", "4,true"})
    void handleLifetimesFollowWpaSemantics(int p, boolean compressed) throws Exception {
        Path f = tmp.resolve("scenario.etl");
        HandleScenario.write(f, p, compressed);
        ModelSource src = new EtlModelSource();
        assertEquals(95, src.confidence(f, Arrays.copyOf(Files.readAllBytes(f), 4096)));
        HandleModel m = src.load(f, null);
        assertFalse(m.isPartial());
        long ms = 1_000_000L;
        int system = key(m, "System", 4);
        int explorer = key(m, "explorer.exe", 1000);
        int leaky = key(m, "leaky.exe", 2000);
        int other = key(m, "other.exe", 2000);
        ProcessRecord leakyP = m.process(leaky);
        assertEquals(5 * ms, leakyP.startTimeNanos());
        assertEquals(12 * ms, leakyP.endTimeNanos());
        assertEquals(1000, leakyP.parentPid());
        assertEquals(1, leakyP.sessionId());
        assertEquals(20 * ms, m.process(other).startTimeNanos());
        assertEquals(ModelConstants.TIME_UNKNOWN, m.process(explorer).startTimeNanos()); // rundown: before the trace
        assertNull(m.process(system).sessionId()); // 0xFFFFFFFF = none

        // a) created and closed by leaky, stacks: kernel fragment + deferred user fragment; close stack in one piece
        HandleRecord a = one(m, leaky, 0x40);
        assertEquals(leaky, a.creatingProcessKey());
        assertEquals(leaky, a.closingProcessKey());
        assertEquals(6 * ms, a.createTimeNanos());
        assertEquals(8 * ms, a.closeTimeNanos());
        assertEquals("Event", a.typeName());
        assertEquals(2004, a.createThreadId());
        assertArrayEquals(new long[] {HandleScenario.k(p, 1), HandleScenario.k(p, 2), HandleScenario.u(p, 1),
                HandleScenario.u(p, 2)}, m.stack(a.createStackId()).frameAddresses());
        assertArrayEquals(new long[] {HandleScenario.k(p, 3), HandleScenario.u(p, 3)},
                m.stack(a.closeStackId()).frameAddresses());
        // b) stack from cached keys resolved at the end; closed by the teardown after ProcessEnd
        HandleRecord b = one(m, leaky, 0x44);
        assertEquals(leaky, b.closingProcessKey());
        assertEquals(12 * ms + 500_000, b.closeTimeNanos());
        assertArrayEquals(new long[] {HandleScenario.k(p, 4), HandleScenario.k(p, 5), HandleScenario.u(p, 4)},
                m.stack(b.createStackId()).frameAddresses());
        // c) closed without create: Creating Process Unknown
        HandleRecord c = one(m, leaky, 0x48);
        assertEquals(ModelConstants.UNKNOWN_PROCESS, c.creatingProcessKey());
        assertEquals(ModelConstants.TIME_UNKNOWN, c.createTimeNanos());
        assertEquals(leaky, c.closingProcessKey());
        // d) duplicate into System (kernel handle), outstanding
        HandleRecord d = one(m, system, 0x80000010L);
        assertEquals(leaky, d.creatingProcessKey());
        assertEquals(ModelConstants.UNKNOWN_PROCESS, d.closingProcessKey());
        assertEquals(0x44, d.duplicatedFromHandle());
        assertEquals(leaky, d.duplicatedFromProcessKey());
        // e) kernel handle created on leaky's thread belongs to System; type from the rundown
        HandleRecord e = one(m, system, 0x80000020L);
        assertEquals("Process", e.typeName());
        assertEquals(leaky, e.creatingProcessKey());
        // f) PID reuse: 0x40 of the second pid-2000 process is a separate, outstanding lifetime named by rundown
        HandleRecord f2 = one(m, other, 0x40);
        assertEquals(other, f2.creatingProcessKey());
        assertEquals(ModelConstants.UNKNOWN_PROCESS, f2.closingProcessKey());
        assertEquals("\\Sessions\\1\\x", f2.objectName());
        // g) only in the end rundown: existed before the trace and still open
        HandleRecord g = one(m, explorer, 0x100);
        assertEquals(ModelConstants.UNKNOWN_PROCESS, g.creatingProcessKey());
        assertEquals(ModelConstants.UNKNOWN_PROCESS, g.closingProcessKey());
        assertEquals("\\BaseNamedObjects\\foo", g.objectName());
        assertEquals(HandleScenario.obj(p, 6), g.objectAddress());
        // totals: filler pairs closed, outstanding = d, e, f, g
        assertEquals(HandleScenario.FILLER_PAIRS + 7, m.rowCount());
        int outstanding = 0;
        for (int r = 0; r < m.rowCount(); r++) {
            if (m.isOutstanding(r)) {
                outstanding++;
            }
        }
        assertEquals(4, outstanding);
        // modules with PDB identity from DbgID_RSDS
        ModuleRecord leakyExe = m.modules(leaky).get(0);
        assertEquals("leaky.exe", leakyExe.fileName());
        assertEquals(HandleScenario.PDB_GUID, leakyExe.pdbGuid());
        assertEquals(5, leakyExe.pdbAge());
        assertEquals("D:\\build\\leaky.pdb", leakyExe.pdbName());
        assertEquals(0x5C9E0959L, leakyExe.timeDateStamp());
        // metadata for `info --json`
        var s = m.source();
        assertEquals("etl", s.format());
        assertEquals(p, s.pointerSize());
        assertEquals(2, s.cpuCount());
        // 4 creates + 3 closes + 1 duplicate + 2 TypeDCEnd + 2 HandleDCEnd besides the filler pairs
        assertEquals(HandleScenario.FILLER_PAIRS * 2 + 12, s.events().handle());
        assertTrue(s.durationNanos() >= 100 * ms, "" + s.durationNanos());
        assertEquals(s.eventCount(), s.events().total());
        var ev = s.events();
        assertEquals(ev.total(), ev.process() + ev.thread() + ev.image() + ev.stackWalk() + ev.handle() + ev.other());
    }

    @Test
    void realTraceMetadataProcessesAndModules() throws Exception {
        Path f = tmp.resolve("net.4.5.2.x64.etl");
        try (ZipInputStream z = new ZipInputStream(
                Files.newInputStream(shared().resolve("testdata/etl/net.4.5.2.x64.etl.zip")))) {
            for (ZipEntry e; (e = z.getNextEntry()) != null;) {
                if (e.getName().endsWith("net.4.5.2.x64.etl")) {
                    try (InputStream in = z) {
                        Files.copy(in, f);
                    }
                    break;
                }
            }
        }
        ModelSources sources = ModelSources.discover(getClass().getClassLoader());
        assertTrue(sources.detect(f) instanceof EtlModelSource, "registered as a service and detected");
        HandleModel m = new EtlModelSource().load(f, null);
        var s = m.source();
        assertEquals(8, s.pointerSize());
        assertEquals(8, s.cpuCount());
        assertEquals(0, s.eventsLost());
        assertEquals(0, s.buffersLost());
        assertEquals(179_474, s.eventCount());
        assertEquals("2020-07-29T00:07:00.623616700Z", s.startTime().toString());
        assertEquals("2020-07-29T00:07:10.693592300Z", s.endTime().toString());
        assertEquals(12280, s.events().stackWalk());
        assertEquals(0, s.events().handle());
        assertEquals(0, m.rowCount());
        int app = key(m, "Test.x64.exe", 3676);
        assertEquals(3508, m.process(app).parentPid());
        // kernel image with its PDB identity (DbgID_RSDS joined by base)
        boolean kernel = false;
        for (int k = 0; k < m.processes().size(); k++) {
            for (ModuleRecord mod : m.modules(k)) {
                if (mod.imageBase() == 0xfffff80021489000L) {
                    assertEquals("ntkrnlmp.pdb", mod.pdbName());
                    assertTrue(mod.pdbGuid().toString().startsWith("72482100-1c1c-4a03-a"));
                    assertEquals(2, mod.pdbAge());
                    kernel = true;
                }
            }
        }
        assertTrue(kernel);
    }

    /** Process instances of the real kernel trace: the (pid, image) set agrees with etl-parser's process events. */
    @SuppressWarnings("unchecked")
    @Test
    void realKernelTraceProcesses() throws Exception {
        Path f = shared().resolve("testdata/etl/ShutdownPerfDiagLogger.etl");
        HandleModel m = new EtlModelSource().load(f, null);
        java.util.Set<String> ours = new java.util.TreeSet<>();
        for (ProcessRecord p : m.processes()) {
            ours.add(p.pid() + " " + p.image());
        }
        java.util.Set<String> theirs = new java.util.TreeSet<>();
        String json;
        try (InputStream in = getClass().getResourceAsStream("/expected/ShutdownPerfDiagLogger.etl.json")) {
            json = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
        java.util.regex.Matcher mt = java.util.regex.Pattern
                .compile("\\{\"opcode\":\\d+,\"version\":\\d+,\"pid\":(\\d+),\"parentPid\":\\d+,\"sessionId\":\\d+,\"image\":\"([^\"]*)\"\\}")
                .matcher(json);
        while (mt.find()) {
            theirs.add(mt.group(1) + " " + mt.group(2));
        }
        assertEquals(196, countMatches(json)); // all process events etl-parser decoded
        assertEquals(theirs, ours);
        // 60 End events; the 5 Defunct (v5 ExitTime) rundown records describe processes among those
        long ended = m.processes().stream().filter(p -> p.endTimeNanos() != ModelConstants.TIME_UNKNOWN).count();
        assertEquals(60, ended);
        assertTrue(m.processes().stream().allMatch(p -> p.endTimeNanos() == ModelConstants.TIME_UNKNOWN
                || p.endTimeNanos() >= 0 && p.endTimeNanos() <= m.source().durationNanos()));
    }

    private static int countMatches(String json) {
        int n = 0;
        for (int i = json.indexOf("{\"opcode\""); i >= 0; i = json.indexOf("{\"opcode\"", i + 1)) {
            n++;
        }
        return n;
    }

    /** Inherited handles are duplicated into the child (SourceHandle == TargetHandle) before its ProcessStart. */
    @Test
    void inheritedHandleBeforeChildStartBelongsToTheChild() throws Exception {
        var w = new org.handlelens.etw.writer.EtlTraceWriter(8, 1, 4096, 1_000L);
        var kp = new org.handlelens.etw.writer.KernelPayloads(8);
        int sys = org.handlelens.etw.writer.EtlTraceWriter.SYSTEM;
        w.kernel(0, sys, 0x03, 1, 4, 1000, 1004, w.ts(1_000_000), kp.process(4, 0xFFFFC28300001000L, 2000, 1000, 1,
                259, 0x1000, 0, null, "parent.exe", "parent.exe", 0));
        w.kernel(0, sys, 0x11, 32, 2, 2000, 2004, w.ts(2_000_000), kp.handle(0xFFFFC28300002000L, 0x80, 28));
        w.kernel(0, sys, 0x11, 34, 3, 2000, 2004, w.ts(3_000_000), kp.duplicate(0xFFFFC28300002000L, 0x80, 0x80,
                3000, 28, 2000));
        w.kernel(0, sys, 0x03, 1, 4, 2000, 2004, w.ts(3_000_100), kp.process(4, 0xFFFFC28300003000L, 3000, 2000, 1,
                259, 0x2000, 0, null, "child.exe", "child.exe", 0));
        w.kernel(0, sys, 0x11, 33, 2, 3000, 3004, w.ts(4_000_000), kp.handle(0xFFFFC28300002000L, 0x80, 28));
        Path f = tmp.resolve("inherit.etl");
        w.write(f);
        HandleModel m = new EtlModelSource().load(f, null);
        int parent = key(m, "parent.exe", 2000);
        int child = key(m, "child.exe", 3000);
        assertEquals(3_000_100, m.process(child).startTimeNanos());
        HandleRecord inherited = one(m, child, 0x80);
        assertEquals(parent, inherited.creatingProcessKey());
        assertEquals(parent, inherited.duplicatedFromProcessKey());
        assertEquals(child, inherited.closingProcessKey());
        assertEquals("Type#28", inherited.typeName()); // no type rundown in this trace
        HandleRecord original = one(m, parent, 0x80);
        assertEquals(ModelConstants.UNKNOWN_PROCESS, original.closingProcessKey());
        assertEquals(2, m.processes().size());
    }

    @Test
    void badFileIsASourceFormatExceptionWithOffset() throws Exception {
        Path f = tmp.resolve("fake.etl");
        Files.writeString(f, "%PDF-1.4 not a trace, just long enough to look at ".repeat(10));
        EtlModelSource src = new EtlModelSource();
        assertEquals(20, src.confidence(f, Files.readAllBytes(f)));
        SourceFormatException e = assertThrows(SourceFormatException.class, () -> src.load(f, null));
        assertEquals(SourceFormatException.PositionKind.BYTE_OFFSET, e.positionKind());
        assertTrue(e.getMessage().contains("fake.etl"), e.getMessage());
    }

    @Test
    void truncatedTraceGivesPartialModel() throws Exception {
        Path f = tmp.resolve("scenario.etl");
        HandleScenario.write(f, 8, false);
        byte[] all = Files.readAllBytes(f);
        Path cut = tmp.resolve("cut.etl");
        Files.write(cut, Arrays.copyOf(all, all.length - 1000));
        HandleModel m = new EtlModelSource().load(cut, null);
        assertTrue(m.isPartial());
        assertTrue(m.partialReason().contains("cut.etl"), m.partialReason());
        assertTrue(m.rowCount() > 0);
    }

    @ParameterizedTest
    @CsvSource({"0", "1"})
    void win32kGdiLeakBecomesHandleRows(int decodeThreads) throws Exception {
        Path f = org.handlelens.etw.writer.SampleTraces.gdiLeak(tmp.resolve("gdi.etl"));
        HandleModel m = new EtlModelSource(decodeThreads).load(f, null);
        assertFalse(m.isPartial());
        int paint = key(m, "paint.exe", 300);
        int csrss = key(m, "csrss.exe", 500);
        // four GDI Type#5 creates with the extended-data stack, the first destroyed by paint.exe itself
        HandleRecord destroyed = one(m, paint, 0x0A050100L);
        assertEquals("GDI Type#5", destroyed.typeName());
        assertEquals(paint, destroyed.creatingProcessKey());
        assertEquals(paint, destroyed.closingProcessKey());
        assertEquals(3_000_000L, destroyed.createTimeNanos());
        assertEquals(7_000_000L, destroyed.closeTimeNanos());
        assertArrayEquals(org.handlelens.etw.writer.SampleTraces.GDI_LEAK_STACK,
                m.stack(destroyed.createStackId()).frameAddresses());
        assertEquals(destroyed.createStackId(), destroyed.closeStackId(), "the destroy carried the same stack");
        for (int i = 1; i < 4; i++) {
            HandleRecord leaked = one(m, paint, 0x0A050100L + 4 * i);
            assertEquals(ModelConstants.UNKNOWN_PROCESS, leaked.closingProcessKey(), "outstanding at the end");
            assertEquals(ModelConstants.TIME_UNKNOWN, leaked.closeTimeNanos());
            assertEquals(destroyed.createStackId(), leaked.createStackId(), "one interned stack");
            assertEquals(304, leaked.createThreadId());
            assertEquals(ModelConstants.UNKNOWN, leaked.objectAddress(), "Win32k events give no object address");
        }
        HandleRecord font = one(m, paint, 0x0A0A0200L);
        assertEquals("GDI Type#10", font.typeName());
        assertEquals(ModelConstants.NO_STACK, font.createStackId());
        assertEquals(9_000_000L, font.closeTimeNanos());
        HandleRecord window = one(m, paint, 0x00010010L);
        assertEquals("USER Type#1", window.typeName());
        assertEquals(ModelConstants.UNKNOWN_PROCESS, window.closingProcessKey());
        assertArrayEquals(new long[] { 0x00401000L, 0x00402000L }, m.stack(window.createStackId()).frameAddresses());
        // destroyed by csrss.exe, created before the trace: Creating Process Unknown, owner from the payload
        HandleRecord old = one(m, paint, 0x0A050900L);
        assertEquals(ModelConstants.UNKNOWN_PROCESS, old.creatingProcessKey());
        assertEquals(csrss, old.closingProcessKey());
        assertEquals(12_000_000L, old.closeTimeNanos());
        assertEquals(7, m.rowCount(), "UpdateHandleOwner adds no row");
        assertTrue(m.warnings().stream().anyMatch(w -> w.startsWith("1 Win32k DestroyHandle events without")),
                m.warnings().toString());
        // counted as handle events; the Win32k part alone as a property
        assertEquals(10, m.source().events().handle());
        assertEquals("10", m.source().properties().get("events.win32kHandle"));
        assertEquals(m.source().events().total(), 10 + 2 + 1, "Win32k events, process starts, logfile header");
    }
}
