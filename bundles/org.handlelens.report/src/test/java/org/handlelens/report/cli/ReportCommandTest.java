package org.handlelens.report.cli;

import static org.handlelens.report.cli.CliHarness.obj;
import static org.handlelens.report.cli.CliHarness.list;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
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

/** {@code report}, {@code suspects} and {@code diff} on the shared WinDbg data, seed 004 and a generated trace. */
class ReportCommandTest {
    private static Path shared;
    @TempDir
    Path tmp;

    @BeforeAll
    static void sharedFolder() {
        shared = CliHarness.shared();
    }

    static Path seed004() {
        return shared.resolve("seeds/004_f02eea20df4c3f54.txt");
    }

    static Path cppLeaks() {
        return shared.resolve("testdata/windbg/htrace-user-x86-cppresourceleaks.txt");
    }

    /** Importers on the class path (WinDbg) plus the generated trace for {@code *.etl}. */
    private ModelSources sources() {
        List<ModelSource> list = new ArrayList<>(ModelSources.discover(getClass().getClassLoader()).sources());
        list.add(new GeneratedLeakTrace());
        return new ModelSources(list);
    }

    private Run run(String... args) {
        return run(sources(), args);
    }

    private Run run(ModelSources sources, String... args) {
        return CliHarness.run(sources, tmp.resolve("cache"), args);
    }

    /** An empty file whose name makes the generated source load it. */
    Path generatedTrace(String name) throws IOException {
        Path f = tmp.resolve(name);
        Files.writeString(f, "generated");
        return f;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> obj(Object o) {
        return (Map<String, Object>) o;
    }

    @SuppressWarnings("unchecked")
    static List<Object> list(Object o) {
        return (List<Object>) o;
    }

    @Test
    void reportOnSeedAndHtraceNamesTheRealLeakingCreateStacks() throws IOException {
        Path dir = tmp.resolve("out");
        Run r = run("report", seed004().toString(), cppLeaks().toString(), "-o", dir.toString());
        assertEquals(0, r.code(), r.err());
        for (String f : ReportCommand.OUTPUTS) {
            assertTrue(Files.size(dir.resolve(f)) > 0, f);
        }
        Map<String, Object> doc = obj(JsonTree.parse(Files.readString(dir.resolve("suspects.json"))));
        assertEquals(false, doc.get("partial"));
        List<Object> sources = list(doc.get("sources"));
        assertEquals("004_f02eea20df4c3f54.txt", obj(sources.get(0)).get("file"));
        assertEquals(0L, obj(sources.get(0)).get("createdDuringSource"), "a snapshot records no creations");
        assertEquals(3L, obj(sources.get(0)).get("preExistingOutstanding"));
        List<Object> suspects = list(doc.get("suspects"));
        assertTrue(suspects.stream().allMatch(s -> obj(s).get("source").equals(cppLeaks().getFileName().toString())),
                "no suspects from a snapshot");
        List<String> frames = suspects.stream().map(s -> obj(s).get("convergenceFrame"))
                .map(c -> c == null ? null : (String) obj(c).get("frame")).toList();
        // LeakFileHandle's CreateFileW (+0x16f) and DuplicateHandle (+0x207) handles are the outstanding ones
        assertEquals("CppResourceLeaks!LeakFileHandle+0x16f", frames.get(0));
        assertTrue(frames.contains("CppResourceLeaks!LeakFileHandle+0x207"), frames.toString());
        assertFalse(frames.contains("CppResourceLeaks!LeakFileHandle+0xde"), "0x34 was closed: not a suspect");
        Map<String, Object> first = obj(suspects.get(0));
        assertEquals(6636L, first.get("process"));
        assertNull(first.get("growthPerSecond"), "WinDbg output has no times");
        assertEquals("Process 6636 holds 1 handle created by CppResourceLeaks!LeakFileHandle+0x16f; closed 0 of 1 "
                + "created.", first.get("sentence"));
        List<Object> stack = list(obj(list(first.get("stacks")).get(0)).get("frames"));
        assertEquals("ntdll!ZwCreateFile+0xc", stack.get(0));
        String html = Files.readString(dir.resolve("index.html"));
        assertTrue(html.contains("CppResourceLeaks!LeakFileHandle+0x16f <span class=\"tag\">convergence</span>"));
        assertTrue(html.contains("Handles per process (snapshot)"), "seed 004 has no times: bar chart");
        assertTrue(html.contains("smss.exe (1276)"));
        assertSelfContained(html);
        String processes = Files.readString(dir.resolve("processes.csv"));
        assertTrue(processes.startsWith("source,pid,image,handleCount,countSource,"), processes);
        assertTrue(processes.contains("004_f02eea20df4c3f54.txt,4,System,1056,reported,0,0,no,,\r\n"), processes);
        String byType = Files.readString(dir.resolve("handles-by-process-type.csv"));
        assertTrue(byType.contains("004_f02eea20df4c3f54.txt,smss.exe (1276),Port,1,1\r\n"), byType);
        SuspectsSchemaTest.assertValid(Files.readString(dir.resolve("suspects.json")));
    }

    static void assertSelfContained(String html) {
        assertFalse(html.contains("<script"), "no scripts");
        assertFalse(html.contains("<link rel=\"stylesheet\""), "no external style sheets");
        assertFalse(html.contains("<img"), "no images to fetch");
        String withoutNs = html.replace("xmlns=\"http://www.w3.org/2000/svg\"", "");
        assertFalse(withoutNs.contains("http://") || withoutNs.contains("https://"), "no external URLs");
        assertFalse(html.contains("@import") || html.contains("url("), "no CSS resources");
    }

    @Test
    void reportOnGeneratedTraceRanksTheKnownLeaksAndEscapesInput() throws IOException {
        Path dir = tmp.resolve("gen");
        Run r = run("report", generatedTrace("leaky.etl").toString(), "-o", dir.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("1 source, 2 suspects"), r.out());
        Map<String, Object> doc = obj(JsonTree.parse(Files.readString(dir.resolve("suspects.json"))));
        List<Object> suspects = list(doc.get("suspects"));
        assertEquals(2, suspects.size());
        Map<String, Object> ps = obj(suspects.get(0));
        assertEquals("powershell.exe", ps.get("processImage"));
        assertEquals(550L, ps.get("leaked"));
        assertEquals(5.0, (Double) ps.get("growthPerSecond"), 0.05);
        assertTrue((Double) ps.get("rSquared") > 0.99);
        assertEquals("myapp!Worker::Start+0x4f", obj(ps.get("convergenceFrame")).get("frame"));
        assertEquals("2026-03-17T09:14:15.123Z", ps.get("windowStart"));
        assertEquals("powershell.exe (pid 4321) holds 550 Event handles created by myapp!Worker::Start+0x4f; +5.0/s"
                + " over 110 s, closed 0 of 550 created.", ps.get("sentence"));
        Map<String, Object> sl = obj(suspects.get(1));
        assertEquals("shortlived.exe", sl.get("processImage"));
        assertEquals(280L, sl.get("closedByExit"));
        assertEquals(0L, sl.get("outstanding"));
        assertEquals("2026-03-17T09:14:50.123Z", sl.get("processExit"));
        assertEquals("tool!Job::Run+0x77", obj(sl.get("convergenceFrame")).get("frame"));
        String html = Files.readString(dir.resolve("index.html"));
        assertSelfContained(html);
        assertFalse(html.contains("<script>alert"), "object names are escaped");
        assertTrue(html.contains("myapp!Pool&lt;Worker&gt;::Run+0x22"), "C++ template frames are escaped");
        assertTrue(html.contains("<polyline"), "a trace gets the over-time line chart");
        assertTrue(html.contains("explorer.exe (3000) has 12,000 handles"), "flagged above 10,000");
        assertTrue(Files.readString(dir.resolve("processes.csv")).contains(",3000,explorer.exe,12000,open handles,"
                + "12000,0,yes,"));
        String csv = Files.readString(dir.resolve("suspects.csv"));
        assertTrue(csv.startsWith("source,rank,process,processImage,type,leaked,"), csv);
        assertTrue(csv.contains("leaky.etl,1,powershell.exe (4321),powershell.exe,Event,550,550,0,0,550,"), csv);
        SuspectsSchemaTest.assertValid(Files.readString(dir.resolve("suspects.json")));
        // the hostile object name only appears escaped in the JSON too (as a JSON string, not in the suspects)
        assertFalse(Files.readString(dir.resolve("suspects.json")).contains("<script>"));
    }

    @Test
    void suspectsCommandPrintsSentencesAndMarksConvergence() throws IOException {
        Run r = run("suspects", cppLeaks().toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().startsWith("#1 Process 6636 holds 1 handle created by CppResourceLeaks!LeakFileHandle+0x16f"),
                r.out());
        assertTrue(r.out().contains("   > CppResourceLeaks!LeakFileHandle+0x16f\n"), r.out());
        Run json = run("suspects", generatedTrace("t.etl").toString(), "--format", "json", "--limit", "1");
        assertEquals(0, json.code(), json.err());
        assertEquals(1, list(obj(json.json()).get("suspects")).size());
        SuspectsSchemaTest.assertValid(json.out());
        Run snap = run("suspects", seed004().toString());
        assertEquals(0, snap.code());
        assertTrue(snap.out().startsWith("No suspects: 004_f02eea20df4c3f54.txt records no handle creations"),
                snap.out());
    }

    @Test
    void usageAndInputErrorsHaveTheirExitCodes() throws IOException {
        assertEquals(2, run("report", seed004().toString()).code(), "no -o");
        assertEquals(2, run("report", "-o", tmp.resolve("x").toString()).code(), "no FILE");
        assertEquals(2, run("report", seed004().toString(), "-o", tmp.toString(), "--limit", "many").code());
        assertEquals(2, run("suspects", seed004().toString(), "--format", "xml").code());
        Path missing = tmp.resolve("nope.txt");
        Run r = run("report", missing.toString(), "-o", tmp.resolve("y").toString());
        assertEquals(3, r.code());
        assertTrue(r.err().contains("nope.txt"), r.err());
        assertFalse(Files.exists(tmp.resolve("y")), "nothing written for unreadable input");
        Path prose = tmp.resolve("prose.txt");
        Files.writeString(prose, "Dear diary,\nno debugger output here.\n");
        Run p = run("report", prose.toString(), "-o", tmp.resolve("z").toString());
        assertEquals(3, p.code());
        assertTrue(p.err().contains("prose.txt"), p.err());
    }

    /** A damaged source: results are written, marked partial, exit code 3. */
    @Test
    void partialInputIsMarkedAndExitsThree() throws IOException {
        ModelSource damaged = new ModelSource() {
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
                int p = b.addProcess(ProcessRecord.of(0x19ec, "CppResourceLeaks.exe"));
                int s = b.internSymbolicStack(new String[] {"ntdll!ZwCreateFile+0xc", "CppResourceLeaks!Leak+0x1"});
                b.addHandle(new HandleRecord(p, 0x38, -1, "File", null, -1, null, p, -1, 0x17ec, HandleRecord.TIME_UNKNOWN,
                        HandleRecord.TIME_UNKNOWN, s, -1, -1, -1));
                b.markPartial("line 44: !htrace record ends inside its stack");
                return b.build();
            }
        };
        Path dir = tmp.resolve("partial");
        Run r = run(new ModelSources(List.of(damaged)), "report", cppLeaks().toString(), "-o", dir.toString());
        assertEquals(3, r.code());
        assertTrue(r.err().contains("line 44"), r.err());
        Map<String, Object> doc = obj(JsonTree.parse(Files.readString(dir.resolve("suspects.json"))));
        assertEquals(true, doc.get("partial"));
        assertEquals("htrace-user-x86-cppresourceleaks.txt: line 44: !htrace record ends inside its stack",
                doc.get("partialReason"));
        assertEquals(1, list(doc.get("suspects")).size());
        assertTrue(Files.readString(dir.resolve("index.html")).contains("Partial result:"));
        SuspectsSchemaTest.assertValid(Files.readString(dir.resolve("suspects.json")));
        Run s = run(new ModelSources(List.of(damaged)), "suspects", cppLeaks().toString(), "--format", "json");
        assertEquals(3, s.code());
        assertEquals(true, obj(s.json()).get("partial"));
    }

    @Test
    void diffOfTwoSnapshots() throws IOException {
        // a later snapshot of smss.exe: the Port handle 0xc is gone, a new Event 0x10 appeared
        String later = Files.readString(seed004(), StandardCharsets.UTF_8)
                .replace("000c: Object: e1af9828 GrantedAccess: 001f0001 Entry: e1674018\n"
                        + "Object: e1af9828 Type: (8a512ae0) Port",
                        "0010: Object: e1af9900 GrantedAccess: 001f0003 Entry: e1674020\n"
                                + "Object: e1af9900 Type: (8a512ae0) Event");
        assertTrue(later.contains("0010: Object: e1af9900"), "the seed text was changed");
        Path b = tmp.resolve("later.txt");
        Files.writeString(b, later);
        Run r = run("diff", seed004().toString(), b.toString(), "--format", "json");
        assertEquals(0, r.code(), r.err());
        Map<String, Object> d = obj(r.json());
        assertEquals(1L, obj(d.get("new")).get("count"));
        assertEquals(1L, obj(d.get("closed")).get("count"));
        assertEquals(2L, obj(d.get("stillOpen")).get("count"));
        Map<String, Object> added = obj(list(obj(d.get("new")).get("groups")).get(0));
        assertEquals("Event", added.get("type"));
        assertEquals("smss.exe (1276)", added.get("owning-process"));
        assertEquals("Port", obj(list(obj(d.get("closed")).get("groups")).get(0)).get("type"));
        Run table = run("diff", seed004().toString(), b.toString());
        assertTrue(table.out().startsWith("new: 1, closed: 1, still open: 2"), table.out());
        Run csv = run("diff", seed004().toString(), b.toString(), "--format", "csv", "--group-by", "type");
        assertTrue(csv.out().startsWith("change,type,count\r\nnew,Event,1\r\nclosed,Port,1\r\n"), csv.out());
        assertEquals(2, run("diff", seed004().toString()).code(), "a snapshot has no times to compare");
        assertEquals(2, run("diff", seed004().toString(), b.toString(), "--from", "1").code());
        assertEquals(2, run("diff").code());
    }

    @Test
    void diffBetweenTwoTimesOfOneTrace() throws IOException {
        Path t = generatedTrace("d.etl");
        Run r = run("diff", t.toString(), "--from", "20", "--to", "40", "--format", "json", "--group-by",
                "owning-process,type");
        assertEquals(0, r.code(), r.err());
        Map<String, Object> d = obj(r.json());
        assertEquals("2026-03-17T09:14:25.123Z", d.get("from"));
        List<Object> added = list(obj(d.get("new")).get("groups"));
        Map<String, Object> ps = added.stream().map(ReportCommandTest::obj)
                .filter(g -> "powershell.exe (4321)".equals(g.get("owning-process"))).findFirst().orElseThrow();
        assertEquals(100L, ps.get("count"), "5 Events/s for 20 s");
        Map<String, Object> sem = added.stream().map(ReportCommandTest::obj)
                .filter(g -> "Semaphore".equals(g.get("type"))).findFirst().orElseThrow();
        assertEquals(201L, sem.get("count"), "20/s from 30 s to 40 s, both ends included");
        Map<String, Object> kept = list(obj(d.get("stillOpen")).get("groups")).stream().map(ReportCommandTest::obj)
                .filter(g -> "powershell.exe (4321)".equals(g.get("owning-process"))).findFirst().orElseThrow();
        assertEquals(51L, kept.get("count"), "created 10..20 s (both included), still open at 40 s");
        assertEquals(2, run("diff", t.toString(), "--from", "50", "--to", "40").code());
    }
}
