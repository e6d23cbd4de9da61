package org.handlelens.etw.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

/** The importer's primitive map agrees with a HashMap under heavy put/remove churn (backward-shift deletion). */
class LongIntMapTest {
    @Test
    void agreesWithHashMapUnderChurn() {
        SplittableRandom rnd = new SplittableRandom(42);
        LongIntMap m = new LongIntMap(4);
        Map<Long, Integer> ref = new HashMap<>();
        for (int step = 0; step < 400_000; step++) {
            // keys like the open-handle table: process key << 32 | handle, plus the sentinel-valued key
            long key = rnd.nextInt(50) == 0 ? Long.MIN_VALUE : (long) rnd.nextInt(40) << 32 | 4L * rnd.nextInt(3000);
            switch (rnd.nextInt(3)) {
                case 0 -> assertEquals(ref.getOrDefault(key, -1), m.put(key, step), "put " + key);
                case 1 -> {
                    Integer old = ref.remove(key);
                    assertEquals(old == null ? -1 : old, m.remove(key), "remove " + key);
                    continue;
                }
                default -> {
                    assertEquals(ref.getOrDefault(key, -1), m.get(key), "get " + key);
                    continue;
                }
            }
            ref.put(key, step);
        }
        assertEquals(ref.size(), m.size());
        Map<Long, Integer> seen = new HashMap<>();
        m.forEach(seen::put);
        assertEquals(ref, seen);
    }
}
