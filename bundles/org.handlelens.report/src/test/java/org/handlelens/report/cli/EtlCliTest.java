package org.handlelens.report.cli;

import static org.handlelens.report.cli.CliHarness.obj;
import static org.handlelens.report.cli.CliHarness.list;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.handlelens.etw.writer.EtlTraceWriter;
import org.handlelens.etw.writer.KernelPayloads;
import org.junit.jupiter.api.BeforeAll;
import org.handlelens.report.cli.CliHarness.Run;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line on real ETL files and on a trace written by {@link EtlTraceWriter}, with the real ETL importer. */
class EtlCliTest {
    private static final int PROCESS = 0x03, OBJECT = 0x11, STACK = 0x18;
    private static final int EVENT = 16, FILE = 37, MUTANT = 17;
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

    /** A copy in the temp folder: the index is written next to the trace, never into the shared folder. */
    private Path copyOfShared(String name) throws IOException {
        return Files.copy(shared.resolve("testdata/etl/" + name), tmp.resolve(name));
    }

    @Test
    void infoJsonOnRealKernelTrace() throws IOException {
        Path f = copyOfShared("ShutdownPerfDiagLogger.etl");
        {
            Run r = run("info", f.toString(), "--json");
            assertEquals(0, r.code(), r.err());
            Map<String, Object> info = obj(r.json());
            assertEquals("etl", info.get("format"));
            assertEquals(8L, info.get("pointerSize"));
            assertEquals(2L, info.get("cpuCount"));
            assertEquals(0L, info.get("eventsLost"));
            assertEquals(0L, info.get("buffersLost"));
            // the figures etl-parser gives for this file (etw tests: expected/ShutdownPerfDiagLogger.etl.json)
            Map<String, Object> ev = obj(info.get("events"));
            assertEquals(17078L, ev.get("total"));
            long sum = 0;
            for (String k : List.of("process", "thread", "image", "stackWalk", "handle", "other")) {
                assertTrue(ev.get(k) instanceof Long, k + " is a number: " + ev);
                sum += (Long) ev.get(k);
            }
            assertEquals(17078L, sum, "kinds add up to the total");
            assertEquals(3058L, ev.get("thread"), "kernel 0x0501..0x0504");
            assertEquals(0L, ev.get("handle"));
            String start = (String) info.get("startTime");
            String end = (String) info.get("endTime");
            assertTrue(start.matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z"), start);
            assertTrue(end.matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z"), end);
            double d = (Double) info.get("durationSeconds");
            // the last event is 29,523.9 s after the first (raw QPC 6,365,537 .. 295,245,457,871 at 10 MHz)
            assertTrue(d >= 29_523.9 && d < 29_530, "" + d);
            assertEquals(d, (java.time.Instant.parse(end).toEpochMilli() - java.time.Instant.parse(start)
                    .toEpochMilli()) / 1e3, 0.002);
            // processes from the rundown, with trace fields
            Map<String, Object> system = null;
            for (Object o : list(info.get("processes"))) {
                Map<String, Object> p = obj(o);
                assertTrue(p.containsKey("start") && p.containsKey("end") && p.containsKey("sessionId")
                        && p.containsKey("handleCount") && p.containsKey("parentPid"), p.toString());
                if (Long.valueOf(4).equals(p.get("pid"))) {
                    system = p;
                }
            }
            assertNotNull(system);
            assertEquals("System", system.get("image"));
            assertEquals(0L, system.get("parentPid"));
        }
        Run text = run("info", f.toString());
        assertEquals(0, text.code(), text.err());
        assertTrue(text.out().contains("Events:     17078"), text.out());
        assertTrue(text.out().contains("thread 3058"), text.out());
    }

    /**
     * a.exe (pid 100) creates 5 Events and closes 2, opens and closes 4 Files; b.exe (pid 200) leaks
     * 2 Mutants; a.exe exits and pid 100 is reused by c.exe, which leaks 1 Event. Type names come
     * from the rundown at the end.
     */
    private Path generatedTrace() throws IOException {
        EtlTraceWriter w = new EtlTraceWriter(8, 2, 4096, 5_000_000L);
        KernelPayloads kp = new KernelPayloads(8);
        long ms = 1_000_000L;
        w.kernel(0, EtlTraceWriter.SYSTEM, PROCESS, 1, 4, 4, 8, w.ts(1 * ms), kp.process(4, 0xFFFFC28300001000L, 100,
                4, 1, 259, 0x1000, 0, null, "a.exe", "a.exe", 0));
        w.kernel(1, EtlTraceWriter.SYSTEM, PROCESS, 1, 4, 4, 8, w.ts(1 * ms + 10), kp.process(4,
                0xFFFFC28300002000L, 200, 4, 1, 259, 0x2000, 0, null, "b.exe", "b.exe", 0));
        long t = 2 * ms;
        long object = 0xFFFFC28400000000L;
        for (int i = 0; i < 5; i++) {
            long ts = w.ts(t += ms);
            w.kernel(0, EtlTraceWriter.SYSTEM, OBJECT, 32, 2, 100, 104, ts, kp.handle(object + i * 0x40, 0x40 + 4 * i,
                    EVENT));
            w.kernel(0, EtlTraceWriter.PERFINFO, STACK, 32, 2, -1, -1, ts, kp.stack(ts, 100, 104,
                    0xFFFFF80000100000L, 0x00007FF600001000L + i % 2));
        }
        for (int i = 0; i < 2; i++) {
            w.kernel(0, EtlTraceWriter.SYSTEM, OBJECT, 33, 2, 100, 104, w.ts(t += ms), kp.handle(object + i * 0x40,
                    0x40 + 4 * i, EVENT));
        }
        for (int i = 0; i < 4; i++) {
            w.kernel(1, EtlTraceWriter.SYSTEM, OBJECT, 32, 2, 100, 108, w.ts(t += ms), kp.handle(object + 0x1000,
                    0x100, FILE));
            w.kernel(1, EtlTraceWriter.SYSTEM, OBJECT, 33, 2, 100, 108, w.ts(t += ms), kp.handle(object + 0x1000,
                    0x100, FILE));
        }
        for (int i = 0; i < 2; i++) {
            w.kernel(1, EtlTraceWriter.SYSTEM, OBJECT, 32, 2, 200, 204, w.ts(t += ms), kp.handle(object + 0x2000
                    + i * 0x40, 0x80 + 4 * i, MUTANT));
        }
        w.kernel(0, EtlTraceWriter.SYSTEM, PROCESS, 2, 4, 100, 104, w.ts(t += ms), kp.process(4, 0xFFFFC28300001000L,
                100, 4, 1, 0, 0x1000, 0, null, "a.exe", "a.exe", 0));
        w.kernel(0, EtlTraceWriter.SYSTEM, PROCESS, 1, 4, 4, 8, w.ts(t += ms), kp.process(4, 0xFFFFC28300003000L, 100,
                4, 1, 259, 0x3000, 0, null, "c.exe", "c.exe", 0));
        w.kernel(0, EtlTraceWriter.SYSTEM, OBJECT, 32, 2, 100, 112, w.ts(t += ms), kp.handle(object + 0x3000, 0x40,
                EVENT));
        t += 10 * ms;
        w.kernel(0, EtlTraceWriter.PERFINFO, OBJECT, 37, 2, -1, -1, w.ts(t += ms), kp.typeName(EVENT, "Event"));
        w.kernel(0, EtlTraceWriter.PERFINFO, OBJECT, 37, 2, -1, -1, w.ts(t += ms), kp.typeName(FILE, "File"));
        w.kernel(0, EtlTraceWriter.PERFINFO, OBJECT, 37, 2, -1, -1, w.ts(t += ms), kp.typeName(MUTANT, "Mutant"));
        Path f = tmp.resolve("generated.etl");
        w.write(f);
        return f;
    }

    @Test
    void outstandingGroupedByOwningProcessAndTypeOnGeneratedTrace() throws IOException {
        Path f = generatedTrace();
        Run r = run("handles", f.toString(), "--outstanding", "--group-by", "owning-process,type", "--format", "json");
        assertEquals(0, r.code(), r.err());
        Map<String, Long> outstanding = new HashMap<>();
        for (Object o : list(r.json())) {
            Map<String, Object> g = obj(o);
            assertEquals(g.get("count"), g.get("outstanding"), "only outstanding rows were selected: " + g);
            outstanding.put(g.get("owning-process") + "/" + g.get("type"), (Long) g.get("outstanding"));
        }
        assertEquals(Map.of("a.exe (100)/Event", 3L, "b.exe (200)/Mutant", 2L, "c.exe (100)/Event", 1L), outstanding);
        // the table form names the same groups
        Run table = run("handles", f.toString(), "--outstanding", "--group-by", "owning-process,type");
        assertEquals(0, table.code(), table.err());
        assertTrue(table.out().contains("b.exe (200)") && table.out().contains("Mutant"), table.out());

        Run info = run("info", f.toString(), "--json");
        assertEquals(0, info.code(), info.err());
        Map<String, Object> i = obj(info.json());
        Map<String, Object> ev = obj(i.get("events"));
        assertEquals(5L + 2 + 8 + 2 + 1 + 3, ev.get("handle"), "creates, closes and type rundown");
        assertEquals(5L, ev.get("stackWalk"));
        assertEquals(4L, ev.get("process"));
        assertEquals(ev.get("total"), (Long) ev.get("handle") + 5 + 4 + 1, "+ the logfile header");
        assertEquals("2020-01-01T00:00:00.000Z", i.get("startTime"));
        assertEquals(0L, i.get("eventsLost"));
        List<Object> procs = list(i.get("processes"));
        Map<String, Object> a = null;
        for (Object o : procs) {
            if ("a.exe".equals(obj(o).get("image"))) {
                a = obj(o);
            }
        }
        assertNotNull(a);
        assertEquals(100L, a.get("pid"));
        assertEquals(4L, a.get("parentPid"));
        assertEquals(1L, a.get("sessionId"));
        assertNull(a.get("handleCount"));
        assertEquals("2020-01-01T00:00:00.001Z", a.get("start"));
        assertNotNull(a.get("end"));
        // the create stacks of a.exe's leaked events were joined
        Run stacks = run("handles", f.toString(), "--outstanding", "--process", "100", "--type", "Event", "--format",
                "json");
        assertEquals(0, stacks.code(), stacks.err());
        for (Object o : list(stacks.json())) {
            Map<String, Object> h = obj(o);
            if ("a.exe".equals(h.get("processImage"))) {
                assertEquals(2, list(h.get("createStack")).size(), h.toString());
            }
        }
    }

    @Test
    void win32kGdiLeakShowsAsOutstandingGdiRows() throws IOException {
        Path f = org.handlelens.etw.writer.SampleTraces.gdiLeak(tmp.resolve("gdi.etl"));
        Run r = run("handles", f.toString(), "--outstanding", "--group-by", "owning-process,type", "--format", "json");
        assertEquals(0, r.code(), r.err());
        Map<String, Long> outstanding = new HashMap<>();
        for (Object o : list(r.json())) {
            Map<String, Object> g = obj(o);
            outstanding.put(g.get("owning-process") + "/" + g.get("type"), (Long) g.get("outstanding"));
        }
        // 4 GDI Type#5 created, 1 destroyed; the USER window stays; the font and the pre-existing handle are closed
        assertEquals(Map.of("paint.exe (300)/GDI Type#5", 3L, "paint.exe (300)/USER Type#1", 1L), outstanding);
        Run table = run("handles", f.toString(), "--outstanding", "--group-by", "owning-process,type");
        assertEquals(0, table.code(), table.err());
        assertTrue(table.out().contains("paint.exe (300)") && table.out().contains("GDI Type#5"), table.out());

        Run rows = run("handles", f.toString(), "--outstanding", "--type", "GDI Type#5", "--format", "json");
        assertEquals(0, rows.code(), rows.err());
        assertEquals(3, list(rows.json()).size());
        for (Object o : list(rows.json())) {
            Map<String, Object> h = obj(o);
            assertEquals(4, list(h.get("createStack")).size(), "kernel + user frames of the extended item: " + h);
            assertNull(h.get("closingProcess"));
        }

        Run info = run("info", f.toString(), "--json");
        assertEquals(0, info.code(), info.err());
        Map<String, Object> ev = obj(obj(info.json()).get("events"));
        assertEquals(10L, ev.get("handle"), "the Win32k HandleOperation events count as handle events");
        assertEquals(2L, ev.get("process"));
        assertEquals(1L, ev.get("other"), "the logfile header");
        assertEquals(13L, ev.get("total"));
    }
}
