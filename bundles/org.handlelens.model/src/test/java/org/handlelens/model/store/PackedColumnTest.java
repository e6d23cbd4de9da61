package org.handlelens.model.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

/** Packed chunks read back exactly what was written, whatever order values arrive in. */
class PackedColumnTest {
    @Test
    void intColumnPacksPassedChunksAndWidensWhenAValueDoesNotFit() {
        IntColumn c = new IntColumn(4, -1);
        for (int i = 0; i < 64; i++) {
            c.add(i < 16 ? 3 + i % 5 : i < 32 ? 1000 + i * 100 : i < 48 ? -1 : 7);
        }
        long packed = c.allocatedBytes();
        assertTrue(packed < 32 + 8 * 8 + 3 * (16 + 16 * 4), "bytes/shorts once passed: " + packed);
        assertEquals(3 + 15 % 5, c.get(15));
        assertEquals(1000 + 31 * 100, c.get(31));
        assertEquals(-1, c.get(40));
        assertNull(c.chunk(2), "all-default chunk stays unallocated");
        // late sets: into a byte chunk (fits), then one that does not fit (widens), into a null chunk
        c.set(3, 200);
        c.set(4, 1_000_000);
        c.set(40, 12);
        assertEquals(200, c.get(3));
        assertEquals(1_000_000, c.get(4));
        assertEquals(12, c.get(40));
        assertEquals(-1, c.get(41));
        assertEquals(3 + 5 % 5, c.get(5), "neighbours survive widening");
        c.compact();
        assertEquals(1_000_000, c.get(4));
        assertEquals(7, c.get(63));
        int[] chunk0 = c.chunk(0);
        assertEquals(200, chunk0[3]);
    }

    @Test
    void longColumnKeepsTimesHandlesAndSentinelsExact() {
        long unknown = Long.MIN_VALUE;
        SplittableRandom rnd = new SplittableRandom(7);
        int n = 1 << 12;
        LongColumn created = new LongColumn(8, unknown);
        LongColumn closed = new LongColumn(8, unknown);
        long[] expCreate = new long[n];
        long[] expClose = new long[n];
        long t = 1_000_000;
        for (int i = 0; i < n; i++) {
            t += 100 * rnd.nextInt(1, 5000); // 100 ns ticks
            expCreate[i] = i % 50 == 0 ? unknown : i % 77 == 0 ? t + 1 : t; // some odd nanos
            created.add(expCreate[i]);
            closed.add(unknown);
            expClose[i] = unknown;
        }
        // closes arrive later, out of order, some far in the future, some odd
        for (int k = 0; k < n; k++) {
            int i = rnd.nextInt(n);
            long v = expCreate[i] == unknown ? 5 : expCreate[i] + (k % 97 == 0 ? 900_000_000_000L : 100L * rnd.nextInt(1,
                    1_000_000)) + (k % 31 == 0 ? 3 : 0);
            expClose[i] = v;
            closed.set(i, v);
        }
        for (int i = 0; i < n; i++) {
            assertEquals(expCreate[i], created.get(i), "create " + i);
            assertEquals(expClose[i], closed.get(i), "close " + i);
        }
        long before = created.allocatedBytes();
        created.compact();
        closed.compact();
        assertTrue(created.allocatedBytes() <= before);
        assertTrue(created.allocatedBytes() < 48 + 20L * 16 + 16 * (16 + 4 * 256) + 4096,
                "create times pack to 4 bytes: " + created.allocatedBytes());
        for (int i = 0; i < n; i++) {
            assertEquals(expCreate[i], created.get(i), "create " + i);
            assertEquals(expClose[i], closed.get(i), "close " + i);
        }
        long[] c0 = created.chunk(0);
        for (int i = 0; i < 256; i++) {
            assertEquals(expCreate[i], c0[i]);
        }
        LongColumn handles = new LongColumn(4, -1);
        long[] exp = {0x4, 0x80000010L, 0xFFFFFFFF80000004L, -1, 0x7ff, Long.MAX_VALUE, 0, 0x44};
        for (int r = 0; r < 4; r++) {
            for (long v : exp) {
                handles.add(v);
            }
        }
        handles.compact();
        for (int r = 0; r < 32; r++) {
            assertEquals(exp[r % exp.length], handles.get(r));
        }
        assertArrayEquals(new long[] {0x4, 0x80000010L, 0xFFFFFFFF80000004L, -1, 0x7ff, Long.MAX_VALUE, 0, 0x44, 0x4,
            0x80000010L, 0xFFFFFFFF80000004L, -1, 0x7ff, Long.MAX_VALUE, 0, 0x44}, handles.chunk(0));
    }
}
