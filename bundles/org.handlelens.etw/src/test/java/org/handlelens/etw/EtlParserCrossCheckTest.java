package org.handlelens.etw;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

import org.handlelens.etw.writer.EtlTraceWriter;
import org.handlelens.etw.writer.HandleScenario;
import org.handlelens.etw.writer.KernelPayloads;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Files of our test-side writer are also decoded by the independent Python etl-parser, so writer
 * and reader do not only check each other. Needs /usr/bin/python3 with python3-construct and an
 * etl-parser checkout named by -Dhandlelens.etlparser or $HANDLELENS_ETLPARSER; skipped otherwise.
 * etl-parser limits (hence what is compared): 64-bit MOF layouts only, no zero-SID process records,
 * no decompression — so P=4 and circular files are compared on buffers, header and per-key counts.
 */
class EtlParserCrossCheckTest {
    @TempDir
    Path tmp;

    private static Path parserDir() {
        String p = System.getProperty("handlelens.etlparser", System.getenv("HANDLELENS_ETLPARSER"));
        return p == null ? null : Path.of(p);
    }

    private static Path script() {
        Path cwd = Path.of(System.getProperty("user.dir"));
        for (Path c : List.of(cwd.resolve("src/test/scripts/regen_expected.py"),
                cwd.resolve("bundles/org.handlelens.etw/src/test/scripts/regen_expected.py"))) {
            if (Files.isRegularFile(c)) {
                return c;
            }
        }
        return null;
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> etlParser(Path etl) throws Exception {
        Path parser = parserDir();
        Path script = script();
        assumeTrue(parser != null && Files.isDirectory(parser.resolve("etl")), "etl-parser checkout not configured");
        assumeTrue(script != null && Files.isExecutable(Path.of("/usr/bin/python3")), "python3 or script missing");
        Path out = Files.createDirectories(tmp.resolve("out"));
        Process pr = new ProcessBuilder("/usr/bin/python3", script.toString(), parser.toString(), out.toString(),
                etl.toString()).redirectErrorStream(true).start();
        String log = new String(pr.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assumeTrue(pr.waitFor(300, TimeUnit.SECONDS), "etl-parser timed out");
        assumeTrue(!log.contains("No module named 'construct'"), "python3-construct not installed");
        assertEquals(0, pr.exitValue(), log);
        return (Map<String, Object>) TestData.json(Files.readString(out.resolve(etl.getFileName() + ".json")));
    }

    @SuppressWarnings("unchecked")
    private static void compareCounts(Map<String, Object> exp, EtlReadResult r) {
        assertEquals(((Long) exp.get("buffers")).longValue(), r.buffersRead());
        Map<String, Object> ev = (Map<String, Object>) exp.get("events");
        assertEquals(((Long) ev.get("total")).longValue(), r.counts().total());
        Map<String, Long> keys = new TreeMap<>();
        ((Map<String, Object>) ev.get("byKey")).forEach((k, v) -> keys.put(k, (Long) v));
        assertEquals(keys, new TreeMap<>(r.counts().byKey()));
        assertEquals(exp.get("firstTimestampRaw"), r.counts().firstTimestampRaw());
        assertEquals(exp.get("lastTimestampRaw"), r.counts().lastTimestampRaw());
        Map<String, Object> h = (Map<String, Object>) exp.get("header");
        if (r.info().pointerSize() == 8) { // etl-parser's header struct uses 64-bit pointers
            assertEquals(h.get("numberOfProcessors"), (long) r.info().cpuCount());
            assertEquals(h.get("logFileMode"), (long) r.info().logFileMode());
            assertEquals(h.get("buffersWritten"), r.info().buffersWritten());
            assertEquals(h.get("endTimeFileTime"), r.info().header().endTimeFileTime());
        }
    }

    private static EtlReadResult read(Path f, CollectingVisitor v) throws Exception {
        try (EtlReader reader = EtlReader.open(f)) {
            return reader.read(v);
        }
    }

    @SuppressWarnings("unchecked")
    @Test
    void scenario64() throws Exception {
        Path f = tmp.resolve("scenario64.etl");
        HandleScenario.write(f, 8, false);
        Map<String, Object> exp = etlParser(f);
        CollectingVisitor v = new CollectingVisitor();
        EtlReadResult r = read(f, v);
        compareCounts(exp, r);
        // processes etl-parser could decode (it rejects the zero-SID form, which our writer emits for 3 records)
        assertEquals(Map.of("kernel 0x0301 v4: ConstError", 1L, "kernel 0x0303 v4: ConstError", 1L,
                "kernel 0x0304 v4: ConstError", 1L), exp.get("mofErrors"));
        List<String> theirs = new ArrayList<>();
        for (Object o : (List<Object>) exp.get("processes")) {
            Map<String, Object> p = (Map<String, Object>) o;
            theirs.add(p.get("opcode") + " " + p.get("pid") + " " + p.get("parentPid") + " " + p.get("sessionId") + " "
                    + p.get("image"));
        }
        List<String> ours = new ArrayList<>();
        for (var t : v.processes) {
            if (!t.event().userSid().isEmpty()) {
                ours.add(t.opcode() + " " + t.event().processId() + " " + t.event().parentId() + " "
                        + Integer.toUnsignedLong(t.event().sessionId()) + " " + t.event().imageFileName());
            }
        }
        theirs.sort(null);
        ours.sort(null);
        assertEquals(theirs, ours);
        assertEquals(theirImages(exp), ourImages(v, -1));
    }

    /**
     * The every-version file of {@link KernelLayoutVersionsTest} (P=8): etl-parser decodes process V4 and V5 (with a
     * SID), thread V2/V3 and image V3; those must agree field by field with ours. Everything else it cannot decode
     * (no MOF class for process V0-V2 / V6, thread V0/V1/V4/V5, image V0-V2 / V4; zero SIDs; and process V3, whose
     * etl-parser class lacks the TOKEN_USER before the SID that TraceEvent's SkipSID skips for every version) is
     * listed exactly, and our reader decodes all of it (KernelLayoutVersionsTest checks the values).
     */
    @SuppressWarnings("unchecked")
    @Test
    void layoutVersions64() throws Exception {
        Path f = tmp.resolve("versions64.etl");
        KernelLayoutVersionsTest.write(8).write(f);
        Map<String, Object> exp = etlParser(f);
        CollectingVisitor v = KernelLayoutVersionsTest.read(f);
        compareCounts(exp, read(f, new CollectingVisitor()));
        java.util.Set<String> failed = new java.util.TreeSet<>();
        ((Map<String, Object>) exp.get("mofErrors")).keySet().forEach(k -> failed.add(k.substring(0, k.indexOf(':'))));
        assertEquals(new java.util.TreeSet<>(List.of("kernel 0x0301 v0", "kernel 0x0301 v1", "kernel 0x0301 v2",
                "kernel 0x0301 v3", "kernel 0x0301 v4", "kernel 0x0327 v5", "kernel 0x0327 v6", "kernel 0x0503 v0",
                "kernel 0x0503 v1", "kernel 0x0503 v4", "kernel 0x0503 v5", "kernel 0x030a v0", "kernel 0x030a v1",
                "kernel 0x030a v2", "kernel 0x030a v4", "kernel 0x1403 v0", "kernel 0x1403 v1", "kernel 0x1403 v2",
                "kernel 0x1403 v4")), failed);
        List<String> theirs = new ArrayList<>();
        for (Object o : (List<Object>) exp.get("processes")) {
            Map<String, Object> p = (Map<String, Object>) o;
            theirs.add(p.get("opcode") + "/" + p.get("version") + " " + p.get("pid") + " " + p.get("parentPid") + " "
                    + p.get("sessionId") + " " + p.get("image"));
        }
        List<String> ours = new ArrayList<>();
        for (var t : v.processes) {
            if ((t.version() == 4 || t.version() == 5) && !t.event().userSid().isEmpty()) {
                ours.add(t.opcode() + "/" + t.version() + " " + t.event().processId() + " " + t.event().parentId() + " "
                        + t.event().sessionId() + " " + t.event().imageFileName());
            }
        }
        assertEquals(List.of("1/4 104 4 1 proc4.exe", "39/5 105 4 1 proc5.exe"), theirs);
        assertEquals(theirs, ours);
        Map<String, Long> ourThreads = new TreeMap<>(RealEtlFilesTest.threadsOf(v));
        ourThreads.keySet().removeIf(k -> !k.endsWith(" v2") && !k.endsWith(" v3"));
        assertEquals(Map.of("302 402 v2", 1L, "303 403 v3", 1L, "399 499 v3", 1L), RealEtlFilesTest.threadsOf(exp));
        assertEquals(RealEtlFilesTest.threadsOf(exp), ourThreads);
        Map<String, Long> theirImages = theirImages(exp);
        assertEquals(2, theirImages.size());
        assertEquals(theirImages, ourImages(v, 3));
    }

    /** etl-parser's image loads as "pid base size name" → count. */
    @SuppressWarnings("unchecked")
    private static Map<String, Long> theirImages(Map<String, Object> exp) {
        Map<String, Long> images = new TreeMap<>();
        for (Object o : (List<Object>) exp.get("images")) {
            List<Object> l = (List<Object>) o;
            images.put(l.get(0) + " " + l.get(1) + " " + l.get(2) + " " + l.get(3), (Long) l.get(4));
        }
        return images;
    }

    /** Our image events in etl-parser's form; {@code version} -1 = every version. */
    private static Map<String, Long> ourImages(CollectingVisitor v, int version) {
        Map<String, Long> images = new TreeMap<>();
        for (var t : v.images) {
            var i = t.event();
            if (version < 0 || t.version() == version) {
                images.merge(i.processId() + " 0x" + Long.toHexString(i.imageBase()) + " 0x"
                        + Long.toHexString(i.imageSize()) + " " + i.fileName(), 1L, Long::sum);
            }
        }
        return images;
    }

    @Test
    void scenario32() throws Exception {
        Path f = tmp.resolve("scenario32.etl");
        HandleScenario.write(f, 4, false);
        compareCounts(etlParser(f), read(f, new CollectingVisitor()));
    }

    @Test
    void circular() throws Exception {
        EtlTraceWriter w = new EtlTraceWriter(8, 3, 1024, 1_000L).circular(8);
        KernelPayloads kp = new KernelPayloads(8);
        for (int i = 0; i < 600; i++) {
            int cpu = (i * 7) % 3;
            w.kernel(cpu, EtlTraceWriter.SYSTEM, 0x11, 32 + (i & 1), 2, 1000 + cpu, 2000 + cpu, w.ts(1000L * i),
                    kp.handle(HandleScenario.obj(8, i), 4 * i, 16));
        }
        Path f = tmp.resolve("ring.etl");
        w.write(f);
        compareCounts(etlParser(f), read(f, new CollectingVisitor()));
    }

    /**
     * The Win32k GDI leak trace (EVENT_HEADER64 records with STACK_TRACE64 and one STACK_TRACE32 extended item): the
     * per-provider-id counts and, for every record with a stack item, pid, tid, ExtType, MatchId, addresses and
     * user data as etl-parser walks them agree with ours.
     */
    @SuppressWarnings("unchecked")
    @Test
    void win32kExtendedStacks64() throws Exception {
        Path f = org.handlelens.etw.writer.SampleTraces.gdiLeak(tmp.resolve("gdi.etl"));
        Map<String, Object> exp = etlParser(f);
        List<String> ours = new ArrayList<>();
        EtwEventVisitor v = new EtwEventVisitor() {
            @Override
            public void win32kHandle(org.handlelens.etw.header.EventRecordHeader h,
                    org.handlelens.etw.win32k.Win32kHandleEvent e) {
                other(h);
            }

            @Override
            public void other(org.handlelens.etw.header.EventRecordHeader h) {
                var st = h.extendedStack();
                if (st == null) {
                    return;
                }
                List<String> a = new ArrayList<>();
                for (long x : st.frameAddresses()) {
                    a.add("0x" + Long.toHexString(x));
                }
                ours.add("provider " + h.guid() + " id" + h.eventId() + " " + h.processId() + " " + h.threadId() + " "
                        + (st.addressBytes() == 4 ? 5 : 6) + " " + st.matchId() + " " + a + " "
                        + java.util.HexFormat.of().formatHex(h.payloadBytes()));
            }
        };
        EtlReadResult r;
        try (EtlReader reader = EtlReader.open(f)) {
            r = reader.read(v);
        }
        compareCounts(exp, r);
        List<String> theirs = new ArrayList<>();
        for (Object o : (List<Object>) exp.get("extStacks")) {
            List<Object> l = (List<Object>) o;
            theirs.add(l.get(0) + " " + l.get(1) + " " + l.get(2) + " " + l.get(3) + " " + l.get(4) + " " + l.get(5)
                    + " " + l.get(6));
        }
        assertEquals(6, theirs.size(), "4 creates + 1 destroy with 64-bit stacks, 1 window with a 32-bit stack: "
                + theirs);
        assertEquals(theirs, ours);
    }
}
