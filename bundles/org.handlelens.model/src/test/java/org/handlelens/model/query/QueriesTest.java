package org.handlelens.model.query;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
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

class QueriesTest {
    private static final long T = ModelConstants.TIME_UNKNOWN;
    private static final long S = 1_000_000_000L;

    /** seed 004's smss.exe handle table (see model tests' Seed004), rebuilt here to stay package-local. */
    private static HandleModel seed004() {
        HandleModelBuilder b = new HandleModelBuilder(new SourceInfo("windbg", "004.txt", null, null, 4));
        b.addOrMergeProcess(new ProcessRecord(0x8a5295f0L, 4, 0, null, "System", 1056, T, T));
        int smss = b.addOrMergeProcess(new ProcessRecord(0x897e6c00L, 1276, 4, null, "smss.exe", 21, T, T));
        b.addHandle(HandleRecord.snapshot(smss, 0x4, 0xe1009568L, "KeyedEvent", "CritSecOutOfMemoryEvent", 0xf0003,
                null, HandleDetail.NONE));
        b.addHandle(HandleRecord.snapshot(smss, 0x8, 0x8910b370L, "File", "\\WINDOWS {HarddiskVolume1}", 0x100020,
                "Inherit", null));
        b.addHandle(HandleRecord.snapshot(smss, 0xc, 0xe1af9828L, "Port", "SmApiPort", 0x1f0001, null, null));
        return b.build();
    }

    /**
     * A 10 s trace: leaky.exe creates one Event per second from stack L and never closes it; ok.exe
     * creates and closes Files; one pre-existing Key of ok.exe is closed at 5 s.
     */
    private static HandleModel timed() {
        HandleModelBuilder b = new HandleModelBuilder(new SourceInfo("etl", "t.etl", Instant.EPOCH,
                Instant.ofEpochSecond(10), 8));
        int leaky = b.addProcess(ProcessRecord.of(500, "leaky.exe"));
        int ok = b.addProcess(ProcessRecord.of(600, "ok.exe"));
        int stackL = b.internSymbolicStack(new String[] {"ntoskrnl!ExCreateHandle+0x94", "KERNELBASE!CreateEventW+0x6b",
                "leaky!Worker::Tick+0x42"});
        int stackF = b.internStack(new long[] {0xfffff80000001000L});
        for (int i = 0; i < 10; i++) {
            b.addHandle(new HandleRecord(leaky, 4 * (i + 1), 0x1000 + i, "Event", null, 0x1f0003, null, leaky, -1, 7,
                    i * S, T, stackL, -1, -1, -1));
            b.addHandle(new HandleRecord(ok, 4 * (i + 1), 0x2000 + i, "File", "\\Device\\f" + i, 0x120089, null, ok,
                    ok, 8, i * S, i * S + S / 2, stackF, -1, -1, -1));
        }
        b.addHandle(new HandleRecord(ok, 0x400, 0x3000, "Key", "\\REGISTRY\\MACHINE", 0x20019, null, -1, ok, -1, T,
                5 * S, -1, -1, -1, -1));
        return b.build();
    }

    @Test
    void columnKeysAndWpaOrder() {
        assertEquals(List.of("owning-process", "creating-process", "closing-process", "type", "name", "object",
                "handle", "create-stack", "create-thread"), List.of(HandleColumn.OWNING_PROCESS.key(),
                        HandleColumn.CREATING_PROCESS.key(), HandleColumn.CLOSING_PROCESS.key(),
                        HandleColumn.TYPE.key(), HandleColumn.NAME.key(), HandleColumn.OBJECT.key(),
                        HandleColumn.HANDLE.key(), HandleColumn.CREATE_STACK.key(), HandleColumn.CREATE_THREAD.key()));
        assertEquals("Closing Process", HandleColumn.values()[0].displayName());
        assertEquals(List.of(HandleColumn.OWNING_PROCESS, HandleColumn.TYPE),
                HandleColumn.parseGroupKeys("owning-process, type"));
        assertEquals(List.of(HandleColumn.OWNING_PROCESS, HandleColumn.TYPE, HandleColumn.CREATE_STACK),
                HandleColumn.parseGroupKeys("Owning Process > handle type>Create Stack"), "the workbench's spelling");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> HandleColumn.parseGroupKeys("owner"));
        assertTrue(e.getMessage().contains("owning-process"), e.getMessage());
    }

    @Test
    void filterByProcessTypeNameOnSeed004() {
        HandleModel m = seed004();
        assertEquals(3, HandleFilter.ALL.withProcess("smss.exe").select(m).size());
        assertEquals(3, HandleFilter.ALL.withProcess("SMSS").select(m).size());
        assertEquals(3, HandleFilter.ALL.withProcess("1276").select(m).size());
        assertEquals(0, HandleFilter.ALL.withProcess("4").select(m).size());
        assertArrayEquals(new int[] {2}, HandleFilter.ALL.withType("port").select(m).toArray());
        assertArrayEquals(new int[] {1}, HandleFilter.ALL.withNameContains("harddisk").select(m).toArray());
        assertEquals(3, HandleFilter.outstandingAtEnd(m).size());
        assertEquals(3, HandleFilter.ALL.withPreExistingOnly(true).select(m).size());
    }

    @Test
    void groupByCountsAndOrdersByOutstanding() {
        HandleModel m = timed();
        GroupResult r = GroupBy.run(m, RowSelection.all(m), List.of(HandleColumn.OWNING_PROCESS, HandleColumn.TYPE));
        assertEquals(3, r.groups().size());
        Group first = r.groups().get(0);
        assertEquals("leaky.exe (500)", first.keys().get(0).label());
        assertEquals(10, first.count());
        assertEquals(10, first.outstanding());
        assertEquals("File", r.groups().get(1).keys().get(1).value());
        assertEquals(10, r.groups().get(1).count());
        assertEquals(0, r.groups().get(1).outstanding());
        assertEquals(21, r.totalCount());
        assertEquals(10, r.totalOutstanding());
        GroupResult closing = GroupBy.run(m, RowSelection.all(m), List.of(HandleColumn.CLOSING_PROCESS));
        assertNull(closing.groups().get(0).keys().get(0).value(), "Closing Process = Unknown");
        assertEquals("Unknown", closing.groups().get(0).keys().get(0).label());
        // at 5.2 s: leaky has 6 open (created 0..5 s), ok.exe's file 5 is open, Key closed at 5 s
        GroupResult at = GroupBy.run(m, RowSelection.all(m), List.of(HandleColumn.TYPE), 5 * S + S / 5);
        assertEquals(6, at.groups().get(0).outstanding());
        assertEquals(7, at.totalOutstanding());
        assertEquals(7, HandleFilter.outstandingAt(m, 5 * S + S / 5).size());
        GroupResult stacks = GroupBy.run(m, RowSelection.all(m), List.of(HandleColumn.CREATE_STACK));
        assertEquals(List.of("ntoskrnl!ExCreateHandle+0x94", "KERNELBASE!CreateEventW+0x6b",
                "leaky!Worker::Tick+0x42"), stacks.groups().get(0).keys().get(0).value());
    }

    @Test
    void countOverTimeShowsGrowthAndSnapshotPoint() {
        HandleModel m = timed();
        CountOverTime.Result r = CountOverTime.byProcess(m, RowSelection.all(m), 11);
        assertEquals(11, r.pointTimesNanos().length);
        CountOverTime.Series leaky = r.series().get(0);
        assertEquals("leaky.exe (500)", leaky.key().label());
        assertArrayEquals(new long[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 10}, leaky.counts());
        CountOverTime.Series ok = r.series().get(1);
        // the pre-existing Key is open from 0 to 5 s, plus the File of the current second at whole seconds
        assertArrayEquals(new long[] {2, 2, 2, 2, 2, 1, 1, 1, 1, 1, 0}, ok.counts());
        assertEquals(1.0, CountOverTime.slopePerSecond(new long[] {0, S, 2 * S}, new long[] {3, 4, 5}), 1e-9);
        CountOverTime.Result snap = CountOverTime.byType(seed004(), RowSelection.all(seed004()), 50);
        assertEquals(1, snap.pointTimesNanos().length);
        assertEquals(3, snap.series().size());
        assertEquals(1, snap.series().get(0).last());
    }

    @Test
    void diffBetweenTimesAndBetweenSnapshots() {
        HandleModel m = timed();
        Diff.Result d = Diff.between(m, 2 * S + S / 4, 8 * S + S / 4, List.of(HandleColumn.TYPE));
        assertEquals(7, d.added().totalCount(), "Events created at 3..8 s and File 8 (open 8..8.5 s)");
        assertEquals(3, d.stillOpen().totalCount());
        assertEquals(2, d.closed().totalCount(), "File 2 and the Key");
        HandleModel before = seed004();
        HandleModelBuilder b = new HandleModelBuilder(new SourceInfo("windbg", "later.txt", null, null, 4));
        int smss = b.addOrMergeProcess(new ProcessRecord(0x897e6c00L, 1276, 4, null, "smss.exe", 22, T, T));
        b.addHandle(HandleRecord.snapshot(smss, 0x4, 0xe1009568L, "KeyedEvent", "CritSecOutOfMemoryEvent", 0xf0003,
                null, null));
        b.addHandle(HandleRecord.snapshot(smss, 0x10, 0xe1af9999L, "Port", null, 0x1f0001, null, null));
        Diff.Result snaps = Diff.between(before, b.build(), List.of(HandleColumn.TYPE));
        assertEquals(1, snaps.added().totalCount());
        assertEquals("Port", snaps.added().groups().get(0).keys().get(0).value());
        assertEquals(2, snaps.closed().totalCount());
        assertEquals(1, snaps.stillOpen().totalCount());
    }

    @Test
    void leakSuspectsRankGrowingGroupFirst() {
        HandleModel m = timed();
        List<LeakSuspects.Suspect> s = LeakSuspects.rank(m, RowSelection.all(m), 10);
        assertEquals(1, s.size(), "only leaky.exe's Events are still open");
        assertEquals(10, s.get(0).outstanding());
        assertTrue(s.get(0).growthPerSecond() > 0.9, "slope " + s.get(0).growthPerSecond());
        assertTrue(s.get(0).description().startsWith(
                "leaky.exe (pid 500) holds 10 open handles of type Event created at leaky!Worker::Tick+0x42"),
                s.get(0).description());
        List<LeakSuspects.Suspect> snap = LeakSuspects.rank(seed004(), RowSelection.all(seed004()), 0);
        assertEquals(3, snap.size());
        assertEquals(0.0, snap.get(0).growthPerSecond());
        assertTrue(snap.stream().anyMatch(x -> x.description()
                .equals("smss.exe (pid 1276) holds 1 open handle of type Port.")));
    }
}
