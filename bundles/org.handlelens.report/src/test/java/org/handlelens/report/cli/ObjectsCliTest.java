package org.handlelens.report.cli;

import static org.handlelens.report.cli.CliHarness.obj;
import static org.handlelens.report.cli.CliHarness.list;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.handlelens.etw.writer.EtlTraceWriter;
import org.handlelens.etw.writer.SampleTraces;
import org.junit.jupiter.api.BeforeAll;
import org.handlelens.report.cli.CliHarness.Run;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code handlelens objects} end to end: on the real WinDbg seed and docs sample (object addresses and names, no
 * times), and on a trace written by {@link EtlTraceWriter} and read by the real ETL importer (a Section created,
 * duplicated into another process and closed there).
 */
class ObjectsCliTest {
    private static final long SECTION_OBJECT = SampleTraces.SECTION_OBJECT;
    private static final long EVENT_OBJECT = SampleTraces.EVENT_OBJECT;
    private static final String SECTION_NAME = SampleTraces.SECTION_NAME;
    private static Path shared;
    @TempDir
    Path tmp;

    @BeforeAll
    static void sharedFolder() {
        shared = CliHarness.shared();
    }

    private Run run(String... args) {
        return CliHarness.run(tmp.resolve("cache"), args);
    }

    private static String seed004() {
        return shared.resolve("seeds/004_f02eea20df4c3f54.txt").toString();
    }

    /** The scenario of {@link SampleTraces#sharedSection}, written into the temporary folder. */
    private Path sharedSectionTrace() throws IOException {
        return SampleTraces.sharedSection(tmp.resolve("shared-section.etl"));
    }

    @Test
    void listAndStoryOfADuplicatedSectionOnAWrittenTrace() throws IOException {
        Path f = sharedSectionTrace();
        Run r = run("objects", f.toString(), "--format", "json");
        assertEquals(0, r.code(), r.err());
        Map<String, Object> list = obj(r.json());
        assertEquals("shared-section.etl", list.get("file"));
        assertEquals(false, list.get("partial"));
        assertNull(list.get("partialReason"));
        assertEquals(2L, list.get("matchCount"));
        List<Object> objects = list(list.get("objects"));
        Map<String, Object> section = obj(objects.get(0));
        assertEquals(List.of("object", "type", "name", "handleCount", "openHandles", "processCount", "processes",
                "firstCreate", "lastClose", "lifetimeSeconds"), List.copyOf(section.keySet()));
        assertEquals("0xffffc28400005000", section.get("object"));
        assertEquals("Section", section.get("type"), "type name from the type rundown");
        assertEquals(SECTION_NAME, section.get("name"), "name from the handle rundown");
        assertEquals(2L, section.get("handleCount"));
        assertEquals(1L, section.get("openHandles"));
        assertEquals(2L, section.get("processCount"));
        assertEquals("a.exe (100), b.exe (200)", section.get("processes"));
        assertEquals("2020-01-01T00:00:00.003Z", section.get("firstCreate"));
        assertNull(section.get("lastClose"), "a.exe keeps its handle");
        assertEquals(0.018, (Double) section.get("lifetimeSeconds"), 1e-9, "3 ms to the trace end at 21 ms");
        Map<String, Object> event = obj(objects.get(1));
        assertEquals("2020-01-01T00:00:00.006Z", event.get("lastClose"));
        assertEquals(0.001, (Double) event.get("lifetimeSeconds"), 1e-9);

        Run one = run("objects", f.toString(), "--object", Long.toHexString(SECTION_OBJECT), "--format", "json");
        assertEquals(0, one.code(), one.err());
        Map<String, Object> story = obj(one.json());
        assertEquals("0xffffc28400005000", story.get("object"));
        assertEquals(true, story.get("openAtEnd"));
        assertEquals(2L, story.get("processCount"));
        List<Object> handles = list(story.get("handles"));
        assertEquals(2, handles.size());
        Map<String, Object> created = obj(handles.get(0));
        assertEquals(100L, created.get("process"));
        assertEquals(0x40L, created.get("handle"));
        assertEquals("create", created.get("origin"));
        assertEquals(100L, created.get("creatingProcess"));
        assertNull(created.get("closingProcess"), "Unknown closer: still open");
        assertEquals(true, created.get("outstanding"));
        Map<String, Object> dup = obj(handles.get(1));
        assertEquals(200L, dup.get("process"));
        assertEquals("b.exe", dup.get("processImage"));
        assertEquals(0x88L, dup.get("handle"));
        assertEquals("duplicate", dup.get("origin"));
        assertEquals(100L, dup.get("duplicatedFromPid"));
        assertEquals(0x40L, dup.get("duplicatedFromHandle"));
        assertEquals(100L, dup.get("creatingProcess"), "DuplicateHandle ran in a.exe");
        assertEquals(200L, dup.get("closingProcess"));
        assertEquals("2020-01-01T00:00:00.004Z", dup.get("createTime"));
        assertEquals("2020-01-01T00:00:00.009Z", dup.get("closeTime"));
        assertEquals(false, dup.get("outstanding"));
        assertNull(dup.get("openedSnapshot"), "a trace has times, not snapshots");

        Run text = run("objects", f.toString(), "--object", "0x" + Long.toHexString(SECTION_OBJECT));
        assertEquals(0, text.code(), text.err());
        assertTrue(text.out().contains("Handles:   2 in 2 process(es), 1 open at the end"), text.out());
        assertTrue(text.out().contains("Lifetime:  0.018 s (first create 0.003 s, last close open at the end)"),
                text.out());
        assertTrue(text.out().lines().anyMatch(l -> l.startsWith("b.exe (200)") && l.contains("duplicate")
                && l.contains("0x40")), text.out());
    }

    @Test
    void filtersByLifetimeNameProcessAndSharing() throws IOException {
        Path f = sharedSectionTrace();
        assertEquals(List.of("0xffffc28400005000"), objectAddresses(f, "--min-lifetime", "0.01"));
        assertEquals(List.of("0xffffc28400005000", "0xffffc28400006000"), objectAddresses(f, "--min-lifetime",
                "0.001"));
        assertEquals(List.of("0xffffc28400005000"), objectAddresses(f, "--min-processes", "2"));
        assertEquals(List.of("0xffffc28400005000"), objectAddresses(f, "--process", "b.exe"));
        assertEquals(List.of("0xffffc28400005000"), objectAddresses(f, "--process", "200"));
        assertEquals(List.of("0xffffc28400005000"), objectAddresses(f, "--name", "*\\appsharedmem"));
        assertEquals(List.of("0xffffc28400005000"), objectAddresses(f, "--name", "re:.*Base\\w+\\\\App.*"));
        assertEquals(List.of(), objectAddresses(f, "--name", "AppSharedMem"), "a glob matches the whole name");
        assertEquals(List.of("0xffffc28400006000"), objectAddresses(f, "--type", "event"));
        assertEquals(List.of("0xffffc28400005000"), objectAddresses(f, "--limit", "1"));
        Run limited = run("objects", f.toString(), "--limit", "1");
        assertTrue(limited.out().startsWith("1 of 2 objects"), limited.out());
        Run csv = run("objects", f.toString(), "--format", "csv");
        assertEquals(0, csv.code(), csv.err());
        assertTrue(csv.out().startsWith("object,type,name,handleCount,openHandles,processCount,processes,firstCreate,"
                + "lastClose,lifetimeSeconds\r\n0xffffc28400005000,Section,\\Sessions\\1\\BaseNamedObjects\\AppSharedMem,"
                + "2,1,2,\"a.exe (100), b.exe (200)\",2020-01-01T00:00:00.003Z,,0.018\r\n"), csv.out());
    }

    private List<String> objectAddresses(Path f, String... options) throws IOException {
        String[] args = new String[options.length + 4];
        args[0] = "objects";
        args[1] = f.toString();
        System.arraycopy(options, 0, args, 2, options.length);
        args[args.length - 2] = "--format";
        args[args.length - 1] = "json";
        Run r = run(args);
        assertEquals(0, r.code(), r.err());
        return list(obj(r.json()).get("objects")).stream().map(o -> (String) obj(o).get("object")).toList();
    }

    @Test
    void windbgObjectsHaveNamesButNoLifetime() throws IOException {
        Run r = run("objects", seed004(), "--format", "json");
        assertEquals(0, r.code(), r.err());
        Map<String, Object> list = obj(r.json());
        assertEquals(3L, list.get("matchCount"));
        Map<String, Object> keyed = null;
        for (Object o : list(list.get("objects"))) {
            if ("0xe1009568".equals(obj(o).get("object"))) {
                keyed = obj(o);
            }
        }
        assertNotNull(keyed, r.out());
        assertEquals("KeyedEvent", keyed.get("type"));
        assertEquals("CritSecOutOfMemoryEvent", keyed.get("name"));
        assertEquals("smss.exe (1276)", keyed.get("processes"));
        assertNull(keyed.get("firstCreate"));
        assertNull(keyed.get("lifetimeSeconds"), "WinDbg output has no times");
        // WinDbg prints the address without 0x (and 64-bit ones with a backtick)
        Run one = run("objects", seed004(), "--object", "e1009568", "--format", "json");
        assertEquals(0, one.code(), one.err());
        Map<String, Object> h = obj(list(obj(one.json()).get("handles")).get(0));
        assertEquals(1276L, h.get("process"));
        assertEquals(4L, h.get("handle"));
        assertEquals(0xf0003L, h.get("grantedAccess"));
        assertEquals("listed", h.get("origin"), "a !handle entry: its creation is not in the log");
        assertEquals(0L, h.get("openedSnapshot"), "the seed's one !handle listing");
        assertNull(h.get("closedSnapshot"));
        Run lifetime = run("objects", seed004(), "--min-lifetime", "1", "--format", "json");
        assertEquals(0, lifetime.code(), lifetime.err());
        assertEquals(0L, obj(lifetime.json()).get("matchCount"));
        assertTrue(lifetime.err().contains("has no times"), lifetime.err());

        Path docs = shared.resolve("testdata/windbg/handle-examples-docs.txt");
        Run key = run("objects", docs.toString(), "--type", "Key", "--format", "json");
        assertEquals(0, key.code(), key.err());
        Map<String, Object> k = obj(list(obj(key.json()).get("objects")).get(0));
        assertEquals("0xe12751d0", k.get("object"));
        assertEquals("\\REGISTRY\\MACHINE\\SYSTEM\\CONTROLSET001\\CONTROL\\SESSION MANAGER\\EXECUTIVE", k.get("name"));
        Run bySmss = run("objects", docs.toString(), "--process", "smss.exe", "--format", "json");
        assertEquals("0xfffff8a000633f00", obj(list(obj(bySmss.json()).get("objects")).get(0)).get("object"));
        Run backtick = run("objects", docs.toString(), "--object", "fffff8a0`00633f00");
        assertEquals(0, backtick.code(), backtick.err());
        assertTrue(backtick.out().contains("Section"), backtick.out());
    }

    @Test
    void badOptionsExit2() {
        assertEquals(2, run("objects", seed004(), "--object", "1234").code(), "no such object");
        Run missing = run("objects", seed004(), "--object", "0x1234");
        assertTrue(missing.err().contains("no handle in 004_f02eea20df4c3f54.txt refers to this object"),
                missing.err());
        assertEquals(2, run("objects", seed004(), "--object", "xyz").code());
        assertEquals(2, run("objects", seed004(), "--name", "re:([a-z").code());
        assertEquals(2, run("objects", seed004(), "--limit", "-1").code());
        assertEquals(2, run("objects", seed004(), "--min-processes", "0").code());
        assertEquals(2, run("objects", seed004(), "--min-lifetime", "soon").code());
        assertEquals(2, run("objects", seed004(), "--format", "xml").code());
        assertEquals(2, run("objects").code());
        assertEquals(2, run("objects", seed004(), "--object", "e1009568", "--limit", "3").code());
        assertEquals(3, run("objects", tmp.resolve("nope.txt").toString()).code());
    }

    /** A real log cut inside a !htrace record: the readable part is listed, marked partial, exit 3. */
    @Test
    void partialInputIsMarkedAndExits3() throws IOException {
        List<String> lines = Files.readAllLines(shared.resolve("testdata/windbg/htrace-user-x86-cppresourceleaks.txt"),
                StandardCharsets.UTF_8);
        Path cut = tmp.resolve("cut.txt");
        // ends with "Handle = 0x00000114 - OPEN" of the second !htrace -diff, before its Thread ID line
        Files.write(cut, lines.subList(0, 149), StandardCharsets.UTF_8);
        Run r = run("objects", cut.toString(), "--format", "json");
        assertEquals(3, r.code(), r.out() + r.err());
        Map<String, Object> m = obj(r.json());
        assertEquals(true, m.get("partial"));
        assertNotNull(m.get("partialReason"));
        assertTrue(r.err().contains("partial"), r.err());
    }
}
