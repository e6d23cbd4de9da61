package org.handlelens.report.cli;

import static org.handlelens.report.cli.CliHarness.obj;
import static org.handlelens.report.cli.CliHarness.list;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.handlelens.model.HandleModel;
import org.handlelens.model.HandleModelBuilder;
import org.handlelens.model.HandleRecord;
import org.handlelens.model.ProcessRecord;
import org.handlelens.model.ProgressMonitor;
import org.handlelens.model.SourceInfo;
import org.handlelens.model.spi.ModelSource;
import org.handlelens.model.spi.ModelSources;
import org.junit.jupiter.api.BeforeAll;
import org.handlelens.report.cli.CliHarness.Run;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line on the seed documents and the shared WinDbg samples, with the real WinDbg importer. */
class HandleLensCliTest {
    private static Path shared;
    @TempDir
    Path tmp;

    @BeforeAll
    static void sharedFolder() {
        shared = CliHarness.shared();
    }

    private static Path seed004() {
        return shared.resolve("seeds/004_f02eea20df4c3f54.txt");
    }

    private static Path htrace() {
        return shared.resolve("testdata/windbg/htrace-kernel-x86-docs.txt");
    }

    private Run run(String... args) {
        return run(ModelSources.discover(getClass().getClassLoader()), args);
    }

    private Run run(ModelSources sources, String... args) {
        return CliHarness.run(sources, tmp.resolve("cache"), args);
    }

    @Test
    void infoJsonOnSeed004ListsFiveProcessesAndSmssHandles() throws IOException {
        Run r = run("info", seed004().toString(), "--json");
        assertEquals(0, r.code(), r.err());
        Map<String, Object> info = obj(r.json());
        assertEquals("windbg", info.get("format"));
        List<Object> procs = list(info.get("processes"));
        assertEquals(5, procs.size(), "smss.exe is printed twice but is one process");
        List<String> images = procs.stream().map(p -> (String) obj(p).get("image")).toList();
        List<Long> counts = procs.stream().map(p -> (Long) obj(p).get("handleCount")).toList();
        assertEquals(List.of("System", "smss.exe", "csrss.exe", "winlogon.exe", "services.exe"), images);
        assertEquals(List.of(1056L, 21L, 691L, 986L, 396L), counts);
        Map<String, Object> smss = obj(procs.get(1));
        assertEquals(1276L, smss.get("pid"));
        assertEquals(4L, smss.get("parentPid"));
        assertTrue(smss.containsKey("sessionId"));
        assertNull(smss.get("sessionId"), "SessionId: none");
        assertEquals(0L, obj(procs.get(2)).get("sessionId"));
        List<Object> handles = list(info.get("handles"));
        assertEquals(3, handles.size());
        for (Object h : handles) {
            assertEquals(1276L, obj(h).get("process"));
        }
        Map<String, Object> first = obj(handles.get(0));
        assertEquals(4L, first.get("handle"));
        assertEquals("0xe1009568", first.get("object"));
        assertEquals("KeyedEvent", first.get("type"));
        assertEquals("CritSecOutOfMemoryEvent", first.get("name"));
        assertEquals(0x000f0003L, first.get("grantedAccess"));
        assertEquals(53L, first.get("objectHandleCount"));
        assertEquals(54L, first.get("objectPointerCount"));
        assertEquals("Inherit", obj(handles.get(1)).get("attributes"));
        assertEquals("\\WINDOWS {HarddiskVolume1}", obj(handles.get(1)).get("name"));
        assertEquals("SmApiPort", obj(handles.get(2)).get("name"));
        assertTrue(info.get("warnings") instanceof List, "warnings is an array");
        assertTrue(!info.containsKey("pointerSize"), "ETL-only keys are absent for WinDbg");
    }

    @Test
    void infoTextShowsProcessesAndHandleDetail() {
        Run r = run("info", seed004().toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("smss.exe (1276)"), r.out());
        assertTrue(r.out().contains("SmApiPort"));
        assertTrue(r.out().contains("0xe1674018"), "entry address printed");
    }

    @Test
    void handlesJsonHasContractKeysAndWpaUnknowns() throws IOException {
        Run r = run("handles", seed004().toString(), "--format", "json", "--process", "smss.exe");
        assertEquals(0, r.code(), r.err());
        List<Object> rows = list(r.json());
        assertEquals(3, rows.size());
        Map<String, Object> port = obj(rows.get(2));
        assertEquals(List.of("process", "processImage", "handle", "object", "type", "name", "grantedAccess",
                "creatingProcess", "closingProcess", "createTime", "closeTime", "createStack"),
                List.copyOf(port.keySet()));
        assertEquals(1276L, port.get("process"));
        assertEquals("smss.exe", port.get("processImage"));
        assertEquals(12L, port.get("handle"));
        assertEquals("Port", port.get("type"));
        assertNull(port.get("creatingProcess"), "snapshot: existed before");
        assertNull(port.get("closingProcess"), "snapshot: still open (Unknown)");
        assertNull(port.get("createTime"));
        assertNull(port.get("createStack"));
        Run byType = run("handles", seed004().toString(), "--format", "json", "--type", "port", "--outstanding");
        assertEquals(1, list(byType.json()).size());
        Run none = run("handles", seed004().toString(), "--format", "json", "--process", "4");
        assertEquals(0, list(none.json()).size(), "System's handles were not dumped");
    }

    @Test
    void groupByOnHtraceCountsOpensAndCloses() throws IOException {
        Run r = run("handles", htrace().toString(), "--format", "json", "--group-by", "create-stack");
        assertEquals(0, r.code(), r.err());
        List<Object> groups = list(r.json());
        assertEquals(2, groups.size(), "two OPEN stacks (CreateEventA, CreateSemaphoreA)");
        long total = 0;
        for (Object g : groups) {
            Map<String, Object> m = obj(g);
            assertEquals(List.of("create-stack", "count", "outstanding"), List.copyOf(m.keySet()));
            List<Object> frames = list(m.get("create-stack"));
            assertEquals("ntoskrnl!ExCreateHandle+0x94", frames.get(0));
            assertEquals(0L, m.get("outstanding"), "both handles were closed (CLOSE records)");
            total += (Long) m.get("count");
        }
        assertEquals(2, total);
    }

    @Test
    void csvIsRfc4180AndTableIsAligned() {
        Run csv = run("handles", seed004().toString(), "--format", "csv");
        assertEquals(0, csv.code(), csv.err());
        String[] lines = csv.out().split("\r\n");
        assertEquals("process,handle,object,type,name,grantedAccess,creatingProcess,closingProcess,createTime,"
                + "closeTime,createStack", lines[0]);
        assertEquals(4, lines.length);
        assertEquals("smss.exe (1276),0x8,0x8910b370,File,\\WINDOWS {HarddiskVolume1},0x100020,Unknown,Unknown,,,",
                lines[2]);
        Run table = run("handles", seed004().toString(), "--group-by", "owning-process,type");
        assertEquals(0, table.code(), table.err());
        String[] t = table.out().split("\n");
        assertTrue(t[0].startsWith("Owning Process   Handle Type  Count  Outstanding"), t[0]);
        assertEquals(5, t.length);
        assertTrue(t[2].matches("smss\\.exe \\(1276\\)  \\S+ +1 +1"), t[2]);
    }

    @Test
    void usageErrorsExit2() {
        assertEquals(2, run().code());
        Run unknown = run("frobnicate", seed004().toString());
        assertEquals(2, unknown.code());
        assertTrue(unknown.err().contains("unknown command 'frobnicate'"));
        assertTrue(unknown.err().contains("Usage:"));
        assertEquals(2, run("info", seed004().toString(), "--bogus").code());
        assertEquals(2, run("handles", seed004().toString(), "--format", "xml").code());
        assertEquals(2, run("handles", seed004().toString(), "--group-by", "owner").code());
        assertEquals(2, run("handles", seed004().toString(), "--at", "soon").code());
        assertEquals(2, run("handles", seed004().toString(), "--at").code());
        assertEquals(2, run("info").code());
        assertEquals(0, run("--help").code());
    }

    @Test
    void invalidInputExits3NamingTheFile() {
        Run missing = run("info", tmp.resolve("nope.txt").toString());
        assertEquals(3, missing.code());
        assertTrue(missing.err().contains("nope.txt"), missing.err());
        Path seed000 = shared.resolve("seeds/000_5228fb813c7e6f36.txt");
        Run notWindbg = run("info", seed000.toString(), "--json");
        assertEquals(3, notWindbg.code());
        assertTrue(notWindbg.err().contains("000_5228fb813c7e6f36.txt"), notWindbg.err());
        assertTrue(notWindbg.err().contains("not WinDbg output"), notWindbg.err());
        assertEquals("", notWindbg.out());
        Run pdb = run("info", shared.resolve("testdata/pdb/CppCon.pdb").toString());
        assertEquals(3, pdb.code());
        assertTrue(pdb.err().contains("CppCon.pdb"), pdb.err());
    }

    /** An importer that reports a damaged source: the readable part of seed 004's smss.exe table. */
    private static final class DamagedSource implements ModelSource {
        @Override
        public String formatId() {
            return "windbg";
        }

        @Override
        public int confidence(Path file, byte[] head) {
            return 100;
        }

        @Override
        public HandleModel load(Path file, ProgressMonitor monitor) {
            HandleModelBuilder b = new HandleModelBuilder(new SourceInfo("windbg", file.getFileName().toString(),
                    null, null, 4));
            int smss = b.addOrMergeProcess(new ProcessRecord(0x897e6c00L, 1276, 4, null, "smss.exe", 21,
                    ProcessRecord.TIME_UNKNOWN, ProcessRecord.TIME_UNKNOWN));
            b.addHandle(HandleRecord.snapshot(smss, 0x4, 0xe1009568L, "KeyedEvent", "CritSecOutOfMemoryEvent",
                    0x000f0003, null, null));
            b.markPartial("line 31: handle table ends early");
            return b.build();
        }
    }

    @Test
    void partialResultIsPrintedMarkedAndExits3() throws IOException {
        ModelSources damaged = new ModelSources(List.of(new DamagedSource()));
        Run info = run(damaged, "info", seed004().toString(), "--json");
        assertEquals(3, info.code());
        Map<String, Object> m = obj(info.json());
        assertEquals(true, m.get("partial"));
        assertEquals("line 31: handle table ends early", m.get("partialReason"));
        assertEquals(1, list(m.get("handles")).size());
        assertTrue(info.err().contains("partial"), info.err());
        Run handles = run(damaged, "handles", seed004().toString(), "--format", "json");
        assertEquals(3, handles.code());
        Map<String, Object> h = obj(handles.json());
        assertEquals(true, h.get("partial"));
        assertEquals(1, list(h.get("handles")).size());
    }

    @Test
    void largeSourceIsIndexedAndReopenedFromIndex() throws IOException {
        // pad seed 004 past the index threshold with long blank lines (the parser skips them)
        Path big = tmp.resolve("big.txt");
        Files.copy(seed004(), big);
        byte[] pad = new byte[(int) ModelLoading.INDEX_MIN_BYTES];
        java.util.Arrays.fill(pad, (byte) ' ');
        for (int i = 4095; i < pad.length; i += 4096) {
            pad[i] = '\n';
        }
        Files.write(big, pad, java.nio.file.StandardOpenOption.APPEND);
        Run first = run("info", big.toString(), "--json");
        assertEquals(0, first.code(), first.err());
        Path index = org.handlelens.model.store.HandleModelIndex.besideTrace(big);
        assertTrue(Files.isRegularFile(index), "index written next to the source");
        // a source that must not be asked again: the second run has to come from the index
        ModelSources none = new ModelSources(List.of());
        Run second = run(none, "info", big.toString(), "--json");
        assertEquals(0, second.code(), second.err());
        assertEquals(first.out(), second.out());
        assertEquals(3, run(none, "info", big.toString(), "--no-index").code(), "without index nothing reads it");
    }

    /** A trace's second {@code info} reads only the index's summary (no columns): same output, text and JSON. */
    @Test
    void largeTraceInfoFromTheIndexSummaryPrintsTheSame() throws IOException {
        Path big = tmp.resolve("big.etl");
        Files.write(big, new byte[(int) ModelLoading.INDEX_MIN_BYTES + 10]);
        ModelSources trace = new ModelSources(List.of(new TraceSource()));
        Run firstText = run(trace, "info", big.toString());
        assertEquals(0, firstText.code(), firstText.err());
        Run firstJson = run(trace, "info", big.toString(), "--json", "--no-index");
        assertTrue(Files.isRegularFile(org.handlelens.model.store.HandleModelIndex.besideTrace(big)));
        ModelSources none = new ModelSources(List.of());
        Run text = run(none, "info", big.toString());
        assertEquals(0, text.code(), text.err());
        assertEquals(firstText.out(), text.out());
        assertTrue(text.out().contains("Handles:    2"), text.out());
        Run json = run(none, "info", big.toString(), "--json");
        assertEquals(firstJson.out(), json.out());
    }

    /**
     * Stands in for the ETL importer (not yet on this class path): a trace with the statistics and
     * times the ETL reader fills, to check the trace-only keys and ISO times.
     */
    private static final class TraceSource implements ModelSource {
        @Override
        public String formatId() {
            return "etl";
        }

        @Override
        public int confidence(Path file, byte[] head) {
            return 100;
        }

        @Override
        public HandleModel load(Path file, ProgressMonitor monitor) {
            java.time.Instant start = java.time.Instant.parse("2026-03-17T09:14:05.123Z");
            SourceInfo src = new SourceInfo("etl", file.getFileName().toString(), start, start.plusSeconds(30), 8, 4,
                    0, 0, 5000, Map.of());
            HandleModelBuilder b = new HandleModelBuilder(src);
            int app = b.addProcess(new ProcessRecord(-1, 5000, 4, 1, "leaky.exe", -1, 1_000_000_000L,
                    ProcessRecord.TIME_UNKNOWN));
            int stack = b.internStack(new long[] {0xfffff8000123L, 0x7ff600001234L},
                    new String[] {"ntoskrnl!ObpCreateHandle+0x1f", null});
            b.addHandle(new HandleRecord(app, 0x4c, 0xffffc000aa00L, "Event", null, 0x1f0003, null, app, -1, 77,
                    2_500_000_000L, HandleRecord.TIME_UNKNOWN, stack, -1, -1, -1));
            b.addHandle(new HandleRecord(app, 0x50, 0xffffc000aa10L, "Event", null, 0x1f0003, null, app, app, 77,
                    3_000_000_000L, 4_000_000_000L, stack, -1, -1, -1));
            return b.build();
        }
    }

    @Test
    void traceInfoAndHandlesUseIsoTimesAndTraceKeys() throws IOException {
        ModelSources trace = new ModelSources(List.of(new TraceSource()));
        Path file = shared.resolve("testdata/etl/AMSITrace.etl");
        Map<String, Object> info = obj(run(trace, "info", file.toString(), "--json").json());
        assertEquals("etl", info.get("format"));
        assertEquals(8L, info.get("pointerSize"));
        assertEquals(4L, info.get("cpuCount"));
        assertEquals("2026-03-17T09:14:05.123Z", info.get("startTime"));
        assertEquals("2026-03-17T09:14:35.123Z", info.get("endTime"));
        assertEquals(30.0, info.get("durationSeconds"));
        assertEquals(0L, info.get("eventsLost"));
        assertEquals(5000L, obj(info.get("events")).get("total"));
        assertNull(obj(info.get("events")).get("handle"), "a source that knows only the total");
        assertTrue(!info.containsKey("handles"), "traces list handles only through `handles`");
        Map<String, Object> p = obj(list(info.get("processes")).get(0));
        assertEquals("2026-03-17T09:14:06.123Z", p.get("start"));
        assertTrue(p.containsKey("end"));
        assertNull(p.get("end"));
        assertNull(p.get("handleCount"));
        Run r = run(trace, "handles", file.toString(), "--format", "json", "--outstanding");
        assertEquals(0, r.code(), r.err());
        List<Object> rows = list(r.json());
        assertEquals(1, rows.size());
        Map<String, Object> h = obj(rows.get(0));
        assertEquals(5000L, h.get("creatingProcess"));
        assertNull(h.get("closingProcess"));
        assertEquals("2026-03-17T09:14:07.623Z", h.get("createTime"));
        assertNull(h.get("closeTime"));
        assertEquals(List.of("ntoskrnl!ObpCreateHandle+0x1f", "0x7ff600001234"), h.get("createStack"));
        // at 3.5 s both are open; the group says so
        Run at = run(trace, "handles", file.toString(), "--format", "json", "--at", "3.5", "--group-by", "type");
        Map<String, Object> g = obj(list(at.json()).get(0));
        assertEquals("Event", g.get("type"));
        assertEquals(2L, g.get("count"));
        assertEquals(2L, g.get("outstanding"));
        Run late = run(trace, "handles", file.toString(), "--format", "json", "--at", "4", "--group-by", "type");
        assertEquals(1L, obj(list(late.json()).get(0)).get("outstanding"), "closed at exactly 4 s");
    }
}
