package org.handlelens.etw;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import org.handlelens.etw.header.EventRecordHeader;
import org.handlelens.etw.header.HeaderKind;
import org.handlelens.etw.kernel.LifecycleKind;
import org.handlelens.etw.kernel.ProcessEvent;
import org.junit.jupiter.api.Test;

/**
 * Optional: PerfView's real {@code net.4.5.2.x86.etl} (microsoft/perfview @ f3ec1b38
 * {@code src/TraceEvent/TraceEvent.Tests/inputs/net.4.5.2.x86.etl.zip}, MIT, 3.5 MB, not in the shared test data):
 * a 32-bit (WOW64) .NET app traced on 64-bit Windows 8, relogged and compressed. Its PointerSize-8 file mixes
 * 32-bit records (FULL_HEADER32, SYSTEM32, EVENT_HEADER32) with the 64-bit kernel's, so it checks per-record pointer
 * sizes on real bytes; figures from PerfView's own {@code net.4.5.2.x86.baseline.txt}. Runs when
 * {@code -Dhandlelens.perfviewInputs} or {@code $HANDLELENS_PERFVIEW_INPUTS} names a folder holding the unzipped
 * {@code net.4.5.2.x86.etl}; skipped otherwise.
 */
class PerfViewX86TraceTest {
    @Test
    void wow64AppTraceMatchesPerfViewBaseline() throws Exception {
        String dir = System.getProperty("handlelens.perfviewInputs", System.getenv("HANDLELENS_PERFVIEW_INPUTS"));
        assumeTrue(dir != null, "PerfView inputs folder not configured");
        Path f = Path.of(dir, "net.4.5.2.x86.etl");
        assumeTrue(Files.isRegularFile(f), "net.4.5.2.x86.etl not present");
        Map<String, Integer> kinds = new HashMap<>();
        CollectingVisitor v = new CollectingVisitor() {
            @Override
            public void other(EventRecordHeader h) {
                kinds.merge(h.kind() + "/" + h.pointerSize(), 1, Integer::sum);
                super.other(h);
            }
        };
        EtlReadResult r;
        try (EtlReader reader = EtlReader.open(f)) {
            r = reader.read(v);
        }
        assertFalse(r.partial(), () -> "" + r.fault());
        assertEquals(0, r.counts().malformed(), () -> "malformed " + r.counts().malformedByKey());
        assertEquals(8, r.info().pointerSize());
        // 32-bit records in the 64-bit file (own scan; the raw EVENT_HEADER flags carry no 32/64-bit bit)
        assertEquals(73, kinds.get("FULL/4"));
        assertEquals(2, kinds.get("SYSTEM/4"));
        assertEquals(39_425, kinds.get("EVENT_HEADER/4"));
        // baseline COUNT lines
        assertEquals(3728, v.imageIds.size());
        assertEquals(3680, v.dbgIds.size());
        assertEquals(57, v.images.stream().filter(t -> t.event().kind() == LifecycleKind.START).count());
        assertEquals(47, v.images.stream().filter(t -> t.event().kind() == LifecycleKind.END).count());
        assertEquals(1810, v.images.stream().filter(t -> t.event().kind() == LifecycleKind.DC_START).count());
        assertEquals(1820, v.images.stream().filter(t -> t.event().kind() == LifecycleKind.DC_END).count());
        assertEquals(35, v.processes.stream().filter(t -> t.event().kind() == LifecycleKind.DC_START).count());
        assertEquals(35, v.processes.stream().filter(t -> t.event().kind() == LifecycleKind.DC_END).count());
        assertEquals(2, v.processes.stream().filter(t -> t.event().kind() == LifecycleKind.DEFUNCT).count());
        assertEquals(16, v.threads.stream().filter(t -> t.event().kind() == LifecycleKind.START).count());
        assertEquals(29, v.threads.stream().filter(t -> t.event().kind() == LifecycleKind.END).count());
        // EVENT 2,616.762 Process/Start: ProcessID=3,644; ParentID=3,508; ImageFileName=Test.x86.exe;
        // PageDirectoryBase=0x02b4d000; Flags=Wow64; SessionID=1; ExitStatus=259; UniqueProcessKey=0xfffffa8300c27080
        var start = v.processes.stream().filter(t -> t.event().kind() == LifecycleKind.START).toList();
        assertEquals(1, start.size());
        ProcessEvent p = start.get(0).event();
        assertEquals(HeaderKind.SYSTEM, start.get(0).kind());
        assertEquals(3644, p.processId());
        assertEquals(3508, p.parentId());
        assertEquals("Test.x86.exe", p.imageFileName());
        assertEquals("Test.x86.exe", p.commandLine());
        assertEquals(0x02b4d000L, p.directoryTableBase());
        assertEquals(0x2, p.flags(), "Wow64");
        assertEquals(1, p.sessionId());
        assertEquals(259, p.exitStatus());
        assertEquals(0xfffffa8300c27080L, p.uniqueProcessKey());
        assertEquals(2_616_762_000L, r.info().clock().nanosSinceStart(start.get(0).timestampRaw()), 1_000);
    }
}
