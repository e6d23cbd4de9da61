package org.handlelens.etw;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import org.handlelens.etw.header.HeaderKind;
import org.handlelens.etw.header.TraceClock;
import org.handlelens.etw.kernel.DbgIdRsdsEvent;
import org.handlelens.etw.kernel.ImageIdEvent;
import org.handlelens.etw.kernel.LifecycleKind;
import org.handlelens.etw.kernel.ProcessEvent;
import org.handlelens.etw.kernel.StackWalkEvent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * XPRESS-compressed relogged files: etl-parser cannot read them, so the figures come from the
 * shared summary files and PerfView's own decoded baseline of net.4.5.2.x64.etl.
 */
class CompressedEtlFilesTest {
    @TempDir
    Path tmp;

    private Path file(String name) throws Exception {
        return name.equals("net.4.5.2.x64.etl") ? TestData.unzip("net.4.5.2.x64.etl.zip", "net.4.5.2.x64.etl", tmp)
                : TestData.etl(name);
    }

    @ParameterizedTest
    @ValueSource(strings = {"SelfDescribingSingleEvent.etl", "net.4.5.2.x64.etl"})
    void countsMatchSummary(String name) throws Exception {
        SummaryFile s = SummaryFile.read(TestData.etl(name + ".summary.txt"));
        CollectingVisitor v = new CollectingVisitor();
        EtlReadResult r;
        try (EtlReader reader = EtlReader.open(file(name))) {
            r = reader.read(v);
        }
        assertFalse(r.partial(), () -> "partial: " + r.fault());
        EtlFileInfo info = r.info();
        assertTrue(info.compressed());
        assertEquals(3, info.compressionFormat());
        assertEquals(s.buffers(), r.buffersRead());
        assertEquals(s.events(), r.counts().total());
        assertEquals(s.byKey(), new TreeMap<>(r.counts().byKey()));
        assertEquals(0, r.counts().malformed(), () -> "malformed " + r.counts().malformedByKey());
        assertEquals(Integer.parseInt(s.fields().get("ncpu")), info.cpuCount());
        assertEquals(Integer.parseInt(s.fields().get("ptrsize")), info.pointerSize());
        assertEquals(Integer.decode(s.fields().get("mode")), info.logFileMode());
        assertEquals(Long.parseLong(s.fields().get("PerfFreq")), info.perfFreq());
        assertEquals(Integer.parseInt(s.fields().get("ReservedFlags")), info.clockType());
        // summary prints times truncated to microseconds, no zone (UTC)
        assertEquals(Instant.parse(s.fields().get("Start") + "Z"), info.startTime().truncatedTo(ChronoUnit.MICROS));
        assertEquals(Instant.parse(s.fields().get("End") + "Z"), info.endTime().truncatedTo(ChronoUnit.MICROS));
        for (int i = 1; i < v.allTimestamps.size(); i++) {
            assertTrue(v.allTimestamps.get(i - 1) <= v.allTimestamps.get(i), "out of order at event " + i);
        }
    }

    /** Stack walk, stack keys and KernelTraceControl image identity, against PerfView's baseline. */
    @Test
    void netTraceStacksAndImageIds() throws Exception {
        CollectingVisitor v = new CollectingVisitor();
        EtlReadResult r;
        try (EtlReader reader = EtlReader.open(file("net.4.5.2.x64.etl"))) {
            r = reader.read(v);
        }
        TraceClock clock = r.info().clock();
        // 252 Stack events, all PERFINFO64, frames = (payload - 16) / 8, pid/tid from the payload
        assertEquals(252, v.stacks.size());
        for (var t : v.stacks) {
            assertEquals(HeaderKind.PERFINFO, t.kind());
            assertEquals(-1, t.headerPid());
            assertTrue(t.event().frames().length > 0);
            assertTrue(t.event().eventTimestampRaw() <= t.timestampRaw(), "stack logged after its event");
        }
        // the documented example record: 2 frames, process 0xF94, thread 0xEC4
        StackWalkEvent ex = v.stacks.stream().map(t -> t.event())
                .filter(e -> e.eventTimestampRaw() == 0x73ce6e0fL && e.processId() == 0xF94).findFirst().orElseThrow();
        assertEquals(0xEC4, ex.threadId());
        assertEquals(2, ex.frames().length);
        // stack-key caching: 2061 kernel + 7046 user references, 1909 KeyDelete + 1012 KeyRundown, no KeyCreate
        assertEquals(2061, v.keyRefs.stream().filter(t -> !t.event().user()).count());
        assertEquals(7046, v.keyRefs.stream().filter(t -> t.event().user()).count());
        assertEquals(1909, v.keyDefs.stream().filter(t -> t.opcode() == 35).count());
        assertEquals(1012, v.keyDefs.stream().filter(t -> t.opcode() == 36).count());
        assertEquals(0, v.keyDefs.stream().filter(t -> t.opcode() == 34).count());
        Set<Long> keys = new HashSet<>();
        v.keyDefs.forEach(t -> keys.add(t.event().stackKey()));
        assertEquals(2921, v.keyDefs.size());
        assertEquals(1077, keys.size());
        // KernelTraceControl (PerfView COUNT lines): ImageID 3590, DbgID_RSDS 3534
        assertEquals(3590, v.imageIds.size());
        assertEquals(3534, v.dbgIds.size());
        var ntdllT = v.imageIds.stream().filter(t -> t.event().imageBase() == 0x77710000L).findFirst().orElseThrow();
        ImageIdEvent ntdll = ntdllT.event();
        assertEquals(28_609_000L, clock.nanosSinceStart(ntdllT.timestampRaw()), 1_000); // PerfView: EVENT 28.609
        assertEquals(1_404_928, ntdll.imageSize());
        assertEquals(1_343_270_522, ntdll.timeDateStamp());
        assertEquals("ntdll.dll", ntdll.originalFileName());
        // payload ProcessId = header pid (4); PerfView's ImageIDTraceData prints 0 here ("seems to always be 0")
        assertEquals(4, ntdll.processId());
        assertEquals(4, ntdllT.headerPid());
        DbgIdRsdsEvent wntdll = v.dbgIds.stream().map(t -> t.event()).filter(e -> e.imageBase() == 0x77710000L)
                .findFirst().orElseThrow();
        assertTrue(wntdll.pdbGuid().toString().startsWith("ec83d8df-5559-46e0-b"), wntdll.pdbGuid().toString());
        assertEquals(2, wntdll.age());
        assertEquals("wntdll.pdb", wntdll.pdbFileName());
        Map<Long, String> kernelPdbs = new HashMap<>();
        v.dbgIds.forEach(t -> kernelPdbs.putIfAbsent(t.event().imageBase(), t.event().pdbFileName()));
        assertEquals("ntkrnlmp.pdb", kernelPdbs.get(0xfffff80021489000L));
        assertEquals("hal.pdb", kernelPdbs.get(0xfffff8002141d000L));
        // process start of the traced app, time relative to session start as PerfView prints (2,733.176 ms)
        var start = v.processes.stream().filter(t -> t.event().kind() == LifecycleKind.START).toList();
        assertEquals(1, start.size());
        ProcessEvent p = start.get(0).event();
        assertEquals(3676, p.processId());
        assertEquals(3508, p.parentId());
        assertEquals(1, p.sessionId());
        assertEquals("Test.x64.exe", p.imageFileName());
        assertEquals("Test.x64.exe", p.commandLine());
        assertEquals(0xfffffa8300cfb380L, p.uniqueProcessKey());
        assertEquals(0x558fb000L, p.directoryTableBase());
        assertEquals(2_733_176_000L, clock.nanosSinceStart(start.get(0).timestampRaw()), 1_000);
        // Process rundown: 32 DCStart / 32 DCEnd / 2 Defunct (v4 plain layout on Win8)
        assertEquals(32, v.processes.stream().filter(t -> t.event().kind() == LifecycleKind.DC_START).count());
        assertEquals(32, v.processes.stream().filter(t -> t.event().kind() == LifecycleKind.DC_END).count());
        assertEquals(2, v.processes.stream().filter(t -> t.event().kind() == LifecycleKind.DEFUNCT).count());
        ProcessEvent system = v.processes.stream().map(t -> t.event())
                .filter(e -> e.kind() == LifecycleKind.DC_START && e.processId() == 4).findFirst().orElseThrow();
        assertEquals("System", system.imageFileName());
        assertEquals(-1, system.sessionId());
        assertEquals(259, system.exitStatus());
        assertEquals(0x4, system.flags() & 0x4, "System is Protected");
        // images: baseline COUNT Image/Load 35, Unload 32, DCStart 1763, DCStop 1766
        assertEquals(35, v.images.stream().filter(t -> t.event().kind() == LifecycleKind.START).count());
        assertEquals(32, v.images.stream().filter(t -> t.event().kind() == LifecycleKind.END).count());
        assertEquals(1763, v.images.stream().filter(t -> t.event().kind() == LifecycleKind.DC_START).count());
        assertEquals(1766, v.images.stream().filter(t -> t.event().kind() == LifecycleKind.DC_END).count());
        // threads: Start 9, Stop 15
        assertEquals(9, v.threads.stream().filter(t -> t.event().kind() == LifecycleKind.START).count());
        assertEquals(15, v.threads.stream().filter(t -> t.event().kind() == LifecycleKind.END).count());
    }
}
