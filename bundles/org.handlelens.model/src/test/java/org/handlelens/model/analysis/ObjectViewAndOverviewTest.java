package org.handlelens.model.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;

import org.handlelens.model.HandleDetail;
import org.handlelens.model.HandleModel;
import org.handlelens.model.HandleModelBuilder;
import org.handlelens.model.HandleRecord;
import org.handlelens.model.ModelConstants;
import org.handlelens.model.ProcessRecord;
import org.handlelens.model.SourceInfo;
import org.junit.jupiter.api.Test;

class ObjectViewAndOverviewTest {
    private static final long S = 1_000_000_000L;
    private static final long T = ModelConstants.TIME_UNKNOWN;
    private static final long SECTION = 0xffffc001234560L;

    /**
     * 60 s: app.exe creates a named Section at 5 s and duplicates it into helper.exe at 6 s; helper closes
     * its handle at 9 s, app keeps its one. A pre-existing Event of helper closes at 30 s. svc.exe
     * creates 12,000 short-lived Files.
     */
    static HandleModel trace() {
        HandleModelBuilder b = new HandleModelBuilder(new SourceInfo("etl", "o.etl", Instant.EPOCH,
                Instant.EPOCH.plusSeconds(60), 8));
        int app = b.addProcess(new ProcessRecord(-1, 100, 4, 1, "app.exe", -1, T, T));
        int helper = b.addProcess(new ProcessRecord(-1, 200, 100, 1, "helper.exe", -1, 2 * S, 50 * S));
        int svc = b.addProcess(new ProcessRecord(-1, 300, 4, 0, "svc.exe", -1, T, T));
        b.addHandle(new HandleRecord(app, 0x40, SECTION, "Section", "\\Sessions\\1\\BaseNamedObjects\\AppSharedMem",
                0xf001f, null, app, -1, 1, 5 * S, T, -1, -1, -1, -1));
        b.addHandle(new HandleRecord(helper, 0x88, SECTION, "Section", "\\Sessions\\1\\BaseNamedObjects\\AppSharedMem",
                0x4, null, app, helper, 1, 6 * S, 9 * S, -1, -1, 0x40, app));
        b.addHandle(new HandleRecord(helper, 0x10, 0xffffc0000a000L, "Event", "ShutdownEvent", 0x1f0003, null, -1,
                helper, -1, T, 30 * S, -1, -1, -1, -1));
        for (int i = 0; i < 12_000; i++) {
            long t = i * 4_000_000L;
            b.addHandle(new HandleRecord(svc, 4L * (i % 4000) + 4, 0xffffd00000000L + i * 16L, "File", null, 0x120089,
                    null, svc, svc, 2, t, t + 1_000_000L, -1, -1, -1, -1));
        }
        return b.build();
    }

    @Test
    void objectHistoryFollowsADuplicatedHandleAcrossProcesses() {
        HandleModel m = trace();
        ObjectView.ObjectHistory h = ObjectView.of(m, SECTION);
        assertEquals("Section", h.type());
        assertEquals(2, h.handles().size());
        assertEquals(2, h.processCount());
        assertEquals("app.exe (100)", h.handles().get(0).processLabel());
        ObjectView.ObjectHandle dup = h.handles().get(1);
        assertEquals("helper.exe (200)", dup.processLabel());
        assertEquals("app.exe (100)", dup.duplicatedFromProcess());
        assertEquals(0x40, dup.duplicatedFromHandle());
        assertEquals(9 * S, dup.closeTimeNanos());
        assertTrue(h.openAtEnd());
        assertEquals(5 * S, h.firstSeenNanos());
        assertEquals(T, h.lastSeenNanos());
        assertEquals(55 * S, h.lifetimeNanos(), "5 s to the end of the 60 s trace");
        assertNull(ObjectView.of(m, 0x1234));
    }

    @Test
    void objectFiltersByNameGlobRegexAndLifetime() {
        HandleModel m = trace();
        List<ObjectView.ObjectHistory> named = ObjectView.find(m, ObjectView.ObjectFilter.ALL.withName("*sharedmem"), 0);
        assertEquals(1, named.size());
        assertEquals(SECTION, named.get(0).objectAddress());
        assertEquals(1, ObjectView.find(m, ObjectView.ObjectFilter.ALL.withName("re:.*\\\\Base\\w+\\\\App.*"), 0).size());
        assertEquals(0, ObjectView.find(m, ObjectView.ObjectFilter.ALL.withName("SharedMem"), 0).size(),
                "a glob matches the whole name");
        List<ObjectView.ObjectHistory> longLived = ObjectView.find(m,
                ObjectView.ObjectFilter.ALL.withMinLifetime(20 * S), 0);
        assertEquals(List.of(SECTION, 0xffffc0000a000L), longLived.stream().map(ObjectView.ObjectHistory::objectAddress)
                .toList(), "the Section (55 s) and the pre-existing Event (0..30 s), longest first");
        assertEquals(12_000, ObjectView.find(m, ObjectView.ObjectFilter.ALL.withType("file"), 0).size());
        assertEquals(5, ObjectView.find(m, ObjectView.ObjectFilter.ALL.withType("file"), 5).size());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ObjectView.ObjectFilter.ALL.withName("re:([a-z"));
        assertTrue(e.getMessage().contains("([a-z"), e.getMessage());
    }

    @Test
    void objectFiltersByProcessAndSharingAndSearchCountsAllMatches() {
        HandleModel m = trace();
        ObjectView.ObjectFilter shared = ObjectView.ObjectFilter.ALL.withMinProcesses(2);
        assertEquals(List.of(SECTION), ObjectView.find(m, shared, 0).stream()
                .map(ObjectView.ObjectHistory::objectAddress).toList(), "only the Section is held by two processes");
        assertEquals(2, ObjectView.find(m, ObjectView.ObjectFilter.ALL.withProcess("helper.exe"), 0).size(),
                "the Section (duplicated in) and the Event");
        assertEquals(2, ObjectView.find(m, ObjectView.ObjectFilter.ALL.withProcess("0xc8"), 0).size(), "pid 200");
        assertEquals(12_000, ObjectView.find(m, ObjectView.ObjectFilter.ALL.withProcess("300"), 0).size());
        assertEquals(0, ObjectView.find(m, ObjectView.ObjectFilter.ALL.withProcess("nope.exe"), 0).size());
        ObjectView.Found page = ObjectView.search(m, ObjectView.ObjectFilter.ALL.withType("File"), 20);
        assertEquals(20, page.objects().size());
        assertEquals(12_000, page.matchCount());
        // a page is the head of the whole ranking (the page is kept in a bounded heap)
        List<Long> all = ObjectView.find(m, ObjectView.ObjectFilter.ALL, 0).stream()
                .map(ObjectView.ObjectHistory::objectAddress).toList();
        assertEquals(12_002, all.size());
        assertEquals(List.of(SECTION, 0xffffc0000a000L), all.subList(0, 2), "55 s, then 30 s");
        assertEquals(all.subList(0, 50), ObjectView.find(m, ObjectView.ObjectFilter.ALL, 50).stream()
                .map(ObjectView.ObjectHistory::objectAddress).toList());
        assertEquals(all.subList(0, 2), ObjectView.find(m, ObjectView.ObjectFilter.ALL.withMinLifetime(S), 0).stream()
                .map(ObjectView.ObjectHistory::objectAddress).toList());
        ObjectView.ObjectHistory section = ObjectView.of(m, SECTION);
        assertEquals(1, section.openHandleCount(), "helper closed its duplicate");
        assertEquals(List.of("app.exe (100)", "helper.exe (200)"), section.processLabels());
    }

    @Test
    void overviewCountsFlagsAndSeries() {
        ProcessOverview.Result r = ProcessOverview.of(trace(), 61);
        assertEquals(61, r.pointTimesNanos().length);
        ProcessOverview.ProcessRow app = r.processes().get(0);
        assertEquals("app.exe", app.image(), "the only process with a handle open at the end");
        assertEquals(1, app.handleCount());
        ProcessOverview.ProcessRow svc = r.processes().stream().filter(p -> p.pid() == 300).findFirst().orElseThrow();
        assertEquals(0, svc.handleCount(), "no open handle at the end, no reported count");
        assertEquals(12_000, svc.createdInSource());
        assertEquals(ProcessOverview.CountSource.OPEN_HANDLES, app.countSource());
        long[] helper = r.processes().stream().filter(p -> p.pid() == 200).findFirst().orElseThrow().countOverTime();
        assertEquals(1, helper[0], "the pre-existing Event");
        assertEquals(2, helper[7], "plus the duplicated Section at 7 s");
        assertEquals(1, helper[10]);
        assertEquals(0, helper[31]);
        assertTrue(r.flagged().isEmpty());
        // a !process 0 0 listing: reported counts, one above 10,000
        HandleModelBuilder b = new HandleModelBuilder(new SourceInfo("windbg", "p.txt", null, null, 4));
        b.addProcess(new ProcessRecord(0x8a5295f0L, 4, 0, null, "System", 1056, T, T));
        int sp = b.addProcess(new ProcessRecord(0x897e6c00L, 1400, 600, 0, "spoolsv.exe", 14_532, T, T));
        b.addHandle(HandleRecord.snapshot(sp, 4, 0xe1009568L, "Event", null, 0x1f0003, null, HandleDetail.NONE));
        ProcessOverview.Result snap = ProcessOverview.of(b.build(), 50);
        assertEquals(0, snap.pointTimesNanos().length);
        assertEquals("spoolsv.exe", snap.processes().get(0).image());
        assertEquals(14_532, snap.processes().get(0).handleCount());
        assertEquals(ProcessOverview.CountSource.REPORTED, snap.processes().get(0).countSource());
        assertEquals(1, snap.processes().get(0).openAtEnd());
        assertEquals(List.of("spoolsv.exe"), snap.flagged().stream().map(ProcessOverview.ProcessRow::image).toList());
    }
}
