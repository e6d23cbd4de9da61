package org.handlelens.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;

import org.junit.jupiter.api.Test;

class HandleModelBuilderTest {
    private static final long T = ModelConstants.TIME_UNKNOWN;

    @Test
    void seed004MergesDuplicateProcessAndKeepsSnapshotHandlesOpen() {
        HandleModel m = Seed004.model();
        assertEquals(5, m.processes().size(), "smss.exe printed twice is one process");
        assertEquals(3, m.rowCount());
        assertEquals("smss.exe (1276)", m.processLabel(m.owningProcess(0)));
        assertEquals("Unknown", m.processLabel(m.creatingProcess(0)));
        assertEquals("KeyedEvent", m.typeName(0));
        assertEquals("CritSecOutOfMemoryEvent", m.objectName(0));
        assertEquals(0xe1009568L, m.objectAddress(0));
        assertEquals(0x000f0003L, m.grantedAccess(0));
        assertEquals("Inherit", m.attributes(1));
        assertNull(m.attributes(0));
        assertEquals(12, m.detail(2).objectPointerCount());
        assertEquals(0xe1674018L, m.detail(2).entryAddress());
        for (int r = 0; r < 3; r++) {
            assertTrue(m.isOutstanding(r), "snapshot handle is open at snapshot time");
            assertTrue(m.isPreExisting(r), "snapshot handle was created before the snapshot");
            assertTrue(m.isOpenAt(r, 0));
        }
        assertEquals(null, m.process(0).sessionId(), "SessionId: none");
        assertEquals(0, m.process(2).sessionId());
    }

    @Test
    void mergeFillsFieldsMissingInFirstRecord() {
        HandleModelBuilder b = new HandleModelBuilder(new SourceInfo("windbg", "x.txt", null, null, 0));
        int k = b.addOrMergeProcess(ProcessRecord.of(1276, "smss.exe"));
        int k2 = b.addOrMergeProcess(new ProcessRecord(0x897e6c00L, 1276, 4, null, "smss.exe", 21, T, T));
        assertEquals(k, k2, "record without address merges by pid");
        assertEquals(0x897e6c00L, b.process(k).eprocessAddress());
        assertEquals(21, b.process(k).handleCount());
        int other = b.addOrMergeProcess(new ProcessRecord(0x11110000L, 1276, 4, null, "smss.exe", 3, T, T));
        assertNotEquals(k, other, "same pid, other EPROCESS = pid reuse");
        assertEquals(2, b.build().processes().size());
    }

    @Test
    void pidReuseGivesDistinctKeysAndFindProcessReturnsLatest() {
        HandleModelBuilder b = new HandleModelBuilder(new SourceInfo("etl", "t.etl", Instant.EPOCH, null, 8));
        int a = b.addProcess(ProcessRecord.of(100, "a.exe"));
        int c = b.addProcess(ProcessRecord.of(100, "c.exe"));
        assertNotEquals(a, c);
        assertEquals(c, b.findProcess(-1, 100));
        assertEquals(-1, b.findProcess(-1, 7));
    }

    @Test
    void stacksAreInternedByContent() {
        HandleModelBuilder b = new HandleModelBuilder(new SourceInfo("etl", "t.etl", null, null, 8));
        int s1 = b.internStack(new long[] {0x7ff0001L, 0x7ff0002L});
        int s2 = b.internStack(new long[] {0x7ff0001L, 0x7ff0002L});
        int s3 = b.internStack(new long[] {0x7ff0001L});
        int sym = b.internSymbolicStack(new String[] {"ntoskrnl!ExCreateHandle+0x94", "0x7c90e8e5"});
        int both = b.internStack(new long[] {0x8018F44AL}, new String[] {"ntoskrnl!ExCreateHandle+0x94"});
        assertEquals(s1, s2);
        assertNotEquals(s1, s3);
        b.addProcess(ProcessRecord.of(4, "System"));
        HandleModel m = b.build();
        assertEquals(4, m.stackCount());
        assertEquals("0x7ff0002", m.stack(s1).frameText(1));
        assertEquals("ntoskrnl!ExCreateHandle+0x94", m.stack(sym).frameText(0));
        assertEquals(0x8018F44AL, m.stack(both).frameAddress(0));
        assertNull(m.stack(ModelConstants.NO_STACK));
    }

    @Test
    void rejectsForeignKeysAndUseAfterBuild() {
        HandleModelBuilder b = new HandleModelBuilder(new SourceInfo("etl", "t.etl", null, null, 8));
        int p = b.addProcess(ProcessRecord.of(4, "System"));
        assertThrows(IllegalArgumentException.class, () -> b.addHandle(new HandleRecord(p + 1, 4, -1, "File", null,
                -1, null, -1, -1, -1, T, T, -1, -1, -1, -1)));
        assertThrows(IllegalArgumentException.class, () -> b.addHandle(new HandleRecord(p, 4, -1, "File", null,
                -1, null, -1, -1, -1, T, T, 5, -1, -1, -1)));
        b.build();
        assertThrows(IllegalStateException.class, () -> b.addProcess(ProcessRecord.of(8, "x")));
    }

    @Test
    void lifetimeSemanticsFollowWpa() {
        HandleModelBuilder b = new HandleModelBuilder(new SourceInfo("etl", "t.etl", Instant.EPOCH,
                Instant.ofEpochSecond(10), 8));
        int p = b.addProcess(ProcessRecord.of(500, "leaky.exe"));
        // created during the trace, never closed -> outstanding
        b.addHandle(new HandleRecord(p, 4, 0xffff1L, "Event", null, 0x1f0003, null, p, -1, 7, 1_000, T, -1, -1, -1,
                -1));
        // created and closed during the trace
        b.addHandle(new HandleRecord(p, 8, 0xffff2L, "Event", null, 0x1f0003, null, p, p, 7, 2_000, 5_000, -1, -1,
                -1, -1));
        // existed before the trace (rundown), closed during it
        b.addHandle(new HandleRecord(p, 12, 0xffff3L, "Key", "\\REGISTRY\\MACHINE", 0x20019, null, -1, p, 7, T,
                3_000, -1, -1, -1, -1));
        HandleModel m = b.build();
        assertTrue(m.isOutstanding(0));
        assertFalse(m.isPreExisting(0));
        assertFalse(m.isOutstanding(1));
        assertTrue(m.isPreExisting(2));
        assertFalse(m.isOutstanding(2));
        assertFalse(m.isOpenAt(0, 999));
        assertTrue(m.isOpenAt(0, 1_000));
        assertTrue(m.isOpenAt(1, 4_999));
        assertFalse(m.isOpenAt(1, 5_000));
        assertTrue(m.isOpenAt(2, 0), "pre-existing handle is open at trace start");
        assertFalse(m.isOpenAt(2, 3_000));
        assertEquals(10_000_000_000L, m.source().durationNanos());
    }

    @Test
    void partialAndWarningsAreKept() {
        HandleModelBuilder b = new HandleModelBuilder(new SourceInfo("windbg", "t.txt", null, null, 0));
        b.addWarning("line 7: unparsed");
        b.markPartial("truncated at line 40");
        b.markPartial("second reason ignored");
        HandleModel m = b.build();
        assertEquals("truncated at line 40", m.partialReason());
        assertEquals(1, m.warnings().size());
    }

    @Test
    void streamingImporterCompletesRowsInPlace() {
        HandleModelBuilder b = new HandleModelBuilder(new SourceInfo("etl", "t.etl", Instant.EPOCH, null, 8), 2);
        int app = b.addProcess(ProcessRecord.of(100, "a.exe"));
        long t = ModelConstants.TIME_UNKNOWN;
        int[] rows = new int[10];
        for (int i = 0; i < 10; i++) {
            rows[i] = b.addHandle(new HandleRecord(app, 4 * i, 0xffffc000L + i, i % 2 == 0 ? "Type#16" : "Type#7",
                    null, -1, null, app, -1, 8, 1000L * i, t, -1, -1, -1, -1));
            assertEquals(i, rows[i]);
        }
        int partial = b.internStack(new long[] {0xfffff80000001000L});
        int whole = b.internStack(new long[] {0xfffff80000001000L, 0x7ff600001000L});
        b.setCreateStack(rows[3], partial);
        b.setCreateStack(rows[3], whole); // the user part arrived later
        b.setClose(rows[3], app, 5000);
        b.setCloseStack(rows[3], whole);
        b.setClose(rows[4], ModelConstants.UNKNOWN_PROCESS, 6000); // closed unseen
        b.setObjectNameIfMissing(rows[5], "\\BaseNamedObjects\\x");
        b.setObjectNameIfMissing(rows[5], "ignored");
        b.renameType("Type#16", "Event");
        b.renameType("Type#7", "Event"); // two indexes with one name end up one type
        b.dropUnreferencedStacks();
        HandleModel m = b.build();
        assertEquals(1, m.stackCount(), "the partial stack was dropped");
        assertEquals(2, m.stack(m.createStackId(3)).frameCount());
        assertEquals(m.createStackId(3), m.closeStackId(3));
        assertEquals(5000, m.closeTimeNanos(3));
        assertEquals(app, m.closingProcess(3));
        assertTrue(!m.isOutstanding(3) && !m.isOutstanding(4) && m.isOutstanding(5));
        assertEquals("\\BaseNamedObjects\\x", m.objectName(5));
        for (int i = 0; i < 10; i++) {
            assertEquals("Event", m.typeName(i));
            assertEquals(m.typeId(0), m.typeId(i));
        }
        assertEquals(-1, m.stringId("Type#16"));
    }
}
