package org.handlelens.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;

import org.handlelens.model.store.IntColumn;
import org.handlelens.model.store.LongColumn;
import org.junit.jupiter.api.Test;

/** Columnar behaviour with generated rows (the store has no file format of its own to test against). */
class ColumnarStoreTest {
    private static final long T = ModelConstants.TIME_UNKNOWN;

    @Test
    void valuesSurviveChunkBoundaries() {
        // chunks of 8 rows: 1000 rows cross 125 boundaries
        HandleModelBuilder b = new HandleModelBuilder(new SourceInfo("etl", "gen.etl", Instant.EPOCH, null, 8), 3);
        int p0 = b.addProcess(ProcessRecord.of(4, "System"));
        int p1 = b.addProcess(ProcessRecord.of(900, "app.exe"));
        int stack = b.internStack(new long[] {0xfffff80000001000L, 0x7ff600001234L});
        for (int i = 0; i < 1000; i++) {
            boolean dup = i % 97 == 0;
            b.addHandle(new HandleRecord(i % 2 == 0 ? p0 : p1, 4L * i, 0xffffc00000000000L + i, "T" + (i % 5),
                    i % 3 == 0 ? null : "name" + i, 0x80000000L | i, i == 999 ? "Inherit" : null, p1,
                    i % 2 == 0 ? -1 : p0, i, 10L * i, i % 2 == 0 ? T : 10L * i + 5, i % 4 == 0 ? stack : -1, -1,
                    dup ? 0x44 : -1, dup ? p0 : -1));
        }
        HandleModel m = b.build();
        assertEquals(1000, m.rowCount());
        for (int i = 0; i < 1000; i++) {
            assertEquals(i % 2 == 0 ? p0 : p1, m.owningProcess(i));
            assertEquals(4L * i, m.handleValue(i));
            assertEquals(0xffffc00000000000L + i, m.objectAddress(i));
            assertEquals("T" + (i % 5), m.typeName(i));
            assertEquals(i % 3 == 0 ? null : "name" + i, m.objectName(i));
            assertEquals(0x80000000L | i, m.grantedAccess(i), "access mask is unsigned 32-bit");
            assertEquals(i, m.createThreadId(i));
            assertEquals(10L * i, m.createTimeNanos(i));
            assertEquals(i % 2 == 0 ? T : 10L * i + 5, m.closeTimeNanos(i));
            assertEquals(i % 4 == 0 ? stack : -1, m.createStackId(i));
            assertEquals(i % 97 == 0 ? 0x44 : -1, m.duplicatedFromHandle(i));
            assertEquals(i % 2 == 0, m.isOutstanding(i));
        }
        assertEquals("Inherit", m.attributes(999));
        assertNull(m.attributes(998));
        assertEquals(5 + 666 + 1, m.stringCount(), "5 type names + 666 distinct names + Inherit");
    }

    @Test
    void sparseColumnAllocatesOnlyWrittenChunks() {
        LongColumn c = new LongColumn(4, -1);
        for (int i = 0; i < 160; i++) {
            c.add(i == 100 ? 7 : -1);
        }
        assertEquals(10, c.chunkCount());
        int allocated = 0;
        for (int i = 0; i < c.chunkCount(); i++) {
            allocated += c.chunk(i) == null ? 0 : 1;
        }
        assertEquals(1, allocated);
        assertEquals(7, c.get(100));
        assertEquals(-1, c.get(101));
        IntColumn ic = new IntColumn(2, 0);
        for (int i = 0; i < 9; i++) {
            ic.add(i);
        }
        assertEquals(3, ic.chunkCount());
        assertEquals(8, ic.get(8));
        assertTrue(ic.allocatedBytes() < 200);
    }

    @Test
    void millionRowsStayCompact() {
        HandleModelBuilder b = new HandleModelBuilder(new SourceInfo("etl", "gen.etl", Instant.EPOCH, null, 8));
        int[] procs = new int[50];
        for (int i = 0; i < procs.length; i++) {
            procs[i] = b.addProcess(ProcessRecord.of(1000 + 4 * i, "p" + i + ".exe"));
        }
        int[] stacks = new int[200];
        for (int i = 0; i < stacks.length; i++) {
            stacks[i] = b.internStack(new long[] {0x7ff600000000L + i, 0x7ff600100000L, 0xfffff80000000000L});
        }
        String[] types = {"File", "Key", "Event", "Section", "Thread", "Process", "Semaphore"};
        int n = 1_000_000;
        for (int i = 0; i < n; i++) {
            int p = procs[i % procs.length];
            b.addHandle(new HandleRecord(p, 4L * (i & 0xffff), 0xffffa00000000000L + 16L * i, types[i % types.length],
                    i % 10 == 0 ? "\\Device\\HarddiskVolume3\\f" + (i % 1000) : null, 0x1f0003, null, p,
                    i % 3 == 0 ? -1 : p, 4000 + i % 64, 100L * i, i % 3 == 0 ? T : 100L * i + 50,
                    stacks[i % stacks.length], -1, -1, -1));
        }
        HandleModel m = b.build();
        assertEquals(n, m.rowCount());
        double bytesPerRow = (double) m.estimatedBytes() / n;
        // 12 dense columns = 68 B/row unpacked; packed: process keys, types, threads, stacks 1-2 bytes,
        // handles, objects and times 4 bytes (frame of reference)
        assertTrue(bytesPerRow < 40, "bytes per row " + bytesPerRow);
        assertTrue(bytesPerRow > 20, "accounting counts the dense columns: " + bytesPerRow);
        assertEquals("File", m.typeName(7 * 12345));
        assertEquals(100L * 999_999, m.createTimeNanos(999_999));
    }
}
