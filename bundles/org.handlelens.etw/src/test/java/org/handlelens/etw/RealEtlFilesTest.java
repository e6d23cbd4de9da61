package org.handlelens.etw;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.handlelens.etw.kernel.ImageEvent;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every uncompressed test ETL decodes and agrees with etl-parser's figures (expected/*.json). */
class RealEtlFilesTest {
    @TempDir
    Path tmp;

    private Path file(String name) throws IOException {
        return name.equals("PerfViewData.etl") ? TestData.unzip("gcevents.etl.zip", "PerfViewData.etl", tmp)
                : TestData.etl(name);
    }

    @SuppressWarnings("unchecked")
    @ParameterizedTest
    @ValueSource(strings = {"AMSITrace.etl", "lxcore_kernel.etl", "primitive-types.etl", "ShutdownPerfDiagLogger.etl",
            "PerfViewData.etl"})
    void matchesEtlParser(String name) throws Exception {
        Map<String, Object> exp = (Map<String, Object>) TestData.json(TestData.resource("/expected/" + name + ".json"));
        CollectingVisitor v = new CollectingVisitor();
        EtlReadResult r;
        try (EtlReader reader = EtlReader.open(file(name))) {
            r = reader.read(v);
        }
        assertFalse(r.partial(), () -> "partial: " + r.fault());
        assertNull(r.fault());
        assertEquals(0, r.counts().malformed(), () -> "malformed " + r.counts().malformedByKey());
        // buffers and events
        assertEquals(((Long) exp.get("buffers")).longValue(), r.buffersRead());
        Map<String, Object> ev = (Map<String, Object>) exp.get("events");
        assertEquals(((Long) ev.get("total")).longValue(), r.counts().total());
        Map<String, Long> expKeys = new TreeMap<>();
        ((Map<String, Object>) ev.get("byKey")).forEach((k, c) -> expKeys.put(k, (Long) c));
        assertEquals(expKeys, new TreeMap<>(r.counts().byKey()));
        // header
        Map<String, Object> h = (Map<String, Object>) exp.get("header");
        EtlFileInfo info = r.info();
        assertEquals(h.get("bufferSize"), info.bufferSizeBytes());
        assertEquals(h.get("osMajor"), (long) info.osMajor());
        assertEquals(h.get("osMinor"), (long) info.osMinor());
        assertEquals(h.get("osBuild"), (long) info.osBuild());
        assertEquals(h.get("numberOfProcessors"), (long) info.cpuCount());
        assertEquals(h.get("pointerSize"), (long) info.pointerSize());
        assertEquals(h.get("logFileMode"), (long) info.logFileMode());
        assertEquals(h.get("buffersWritten"), info.buffersWritten());
        assertEquals(h.get("eventsLost"), info.eventsLost());
        assertEquals(h.get("cpuSpeedMHz"), (long) info.cpuSpeedMhz());
        assertEquals(h.get("endTimeFileTime"), info.header().endTimeFileTime());
        // time span
        assertEquals(exp.get("headerTimestampRaw"), info.header().headerTimestampRaw());
        assertEquals(exp.get("firstTimestampRaw"), r.counts().firstTimestampRaw());
        assertEquals(exp.get("lastTimestampRaw"), r.counts().lastTimestampRaw());
        // merged order: timestamps never decrease across the whole stream (ties allowed)
        for (int i = 1; i < v.allTimestamps.size(); i++) {
            assertTrue(v.allTimestamps.get(i - 1) <= v.allTimestamps.get(i), "out of order at event " + i);
        }
        // processes (multiset, order-independent)
        List<String> expProc = new ArrayList<>();
        for (Object o : (List<Object>) exp.get("processes")) {
            Map<String, Object> p = (Map<String, Object>) o;
            expProc.add(p.get("opcode") + "/" + p.get("version") + " " + p.get("pid") + " " + p.get("parentPid") + " "
                    + p.get("sessionId") + " " + p.get("image"));
        }
        List<String> ourProc = new ArrayList<>();
        for (var t : v.processes) {
            var p = t.event();
            ourProc.add(t.opcode() + "/" + t.version() + " " + p.processId() + " " + p.parentId() + " "
                    + Integer.toUnsignedLong(p.sessionId()) + " " + p.imageFileName());
        }
        expProc.sort(null);
        ourProc.sort(null);
        assertEquals(expProc, ourProc);
        // images: distinct (pid, base, size, name) with counts
        Map<String, Long> expImg = new TreeMap<>();
        for (Object o : (List<Object>) exp.get("images")) {
            List<Object> l = (List<Object>) o;
            expImg.put(l.get(0) + " " + l.get(1) + " " + l.get(2) + " " + l.get(3), (Long) l.get(4));
        }
        Map<String, Long> ourImg = new TreeMap<>();
        for (var t : v.images) {
            ImageEvent i = t.event();
            ourImg.merge(Integer.toUnsignedLong(i.processId()) + " 0x" + Long.toHexString(i.imageBase()) + " 0x"
                    + Long.toHexString(i.imageSize()) + " " + i.fileName(), 1L, Long::sum);
        }
        assertEquals(expImg, ourImg);
        // threads: distinct (pid, tid, version) with counts
        assertEquals(threadsOf(exp), threadsOf(v));
        if (name.equals("ShutdownPerfDiagLogger.etl")) {
            // real x64 Win10 V3 thread records end at 7P+16 with a ThreadName wstring (usually empty, 74 bytes);
            // named kernel/service threads carry their name there (TraceEvent ThreadTraceData.ThreadName, V >= 3)
            assertEquals(3, v.threads.get(0).version());
            var names = v.threads.stream().map(t -> t.event().threadName()).filter(n -> !n.isEmpty()).toList();
            assertTrue(names.contains("Win32k Raw Input Thread"), () -> "names " + names);
            assertTrue(names.contains("EventLog-System"), () -> "names " + names);
            assertTrue(v.threads.stream().filter(t -> t.event().processId() == 4).anyMatch(
                    t -> t.event().threadName().isEmpty()), "unnamed system threads keep an empty name");
        }
    }

    /** etl-parser's "threads" figure ([pid, tid, version, count] rows) as "pid tid vN" -> count. */
    @SuppressWarnings("unchecked")
    static Map<String, Long> threadsOf(Map<String, Object> exp) {
        Map<String, Long> m = new TreeMap<>();
        for (Object o : (List<Object>) exp.get("threads")) {
            List<Object> l = (List<Object>) o;
            m.put(l.get(0) + " " + l.get(1) + " v" + l.get(2), (Long) l.get(3));
        }
        return m;
    }

    /** Our thread events in the form of {@link #threadsOf(Map)}. */
    static Map<String, Long> threadsOf(CollectingVisitor v) {
        Map<String, Long> m = new TreeMap<>();
        for (var t : v.threads) {
            m.merge(Integer.toUnsignedLong(t.event().processId()) + " " + Integer.toUnsignedLong(t.event().threadId())
                    + " v" + t.version(), 1L, Long::sum);
        }
        return m;
    }
}
