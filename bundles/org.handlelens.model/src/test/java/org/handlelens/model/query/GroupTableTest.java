package org.handlelens.model.query;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.Test;

class GroupTableTest {
    /** Same numbering as a hash map assigning first-seen numbers, through many growths and collisions. */
    @Test
    void numbersTuplesInFirstSeenOrder() {
        GroupTable t = new GroupTable(2);
        Map<List<Long>, Integer> expected = new HashMap<>();
        Random r = new Random(7);
        long[] probe = new long[2];
        for (int i = 0; i < 200_000; i++) {
            probe[0] = r.nextInt(500) - 1; // -1 (Unknown) included
            probe[1] = i % 3 == 0 ? Long.MIN_VALUE : r.nextInt(300) * 0x1_0000_0000L;
            int want = expected.computeIfAbsent(List.of(probe[0], probe[1]), k -> expected.size());
            assertEquals(want, t.groupOf(probe), "row " + i);
        }
        assertEquals(expected.size(), t.size());
        expected.forEach((k, g) -> {
            assertEquals(k.get(0), t.code(g, 0));
            assertEquals(k.get(1), t.code(g, 1));
        });
    }

    @Test
    void singleColumn() {
        GroupTable t = new GroupTable(1);
        assertEquals(0, t.groupOf(new long[] {42}));
        assertEquals(1, t.groupOf(new long[] {-1}));
        assertEquals(0, t.groupOf(new long[] {42}));
        assertEquals(2, t.size());
    }
}
