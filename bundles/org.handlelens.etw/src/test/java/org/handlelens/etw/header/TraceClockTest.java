package org.handlelens.etw.header;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;

import org.junit.jupiter.api.Test;

/** Raw timestamps → UTC and nanoseconds since start for the three clock types. */
class TraceClockTest {
    private static final long START_FT = 132_223_104_000_000_000L; // 2020-01-01T00:00:00Z

    private static LogfileHeader header(int clockType, long perfFreq, int cpuMhz, long headerRaw) {
        return new LogfileHeader(65536, 10, 0, 0, 0, 19041, 4, START_FT + 10_000_000L, 156250, 0, 1, 2, 8, 0, cpuMhz,
                START_FT, perfFreq, START_FT, clockType, 0, "s", "f", headerRaw);
    }

    @Test
    void qpc() {
        TraceClock c = TraceClock.of(header(1, 3_000_000_000L, 0, 1_000));
        assertEquals(0, c.nanosSinceStart(1_000));
        assertEquals(1_000_000_000L, c.nanosSinceStart(3_000_001_000L));
        assertEquals(1, c.nanosSinceStart(1_003)); // 3 ticks at 3 GHz = 1 ns
        assertEquals(-1_000_000_000L, c.nanosSinceStart(1_000 - 3_000_000_000L));
        assertEquals(Instant.parse("2020-01-01T00:00:01Z"), c.instant(3_000_001_000L));
        // 10 MHz QPC for a long trace: 10 days, exact
        TraceClock c10 = TraceClock.of(header(1, 10_000_000L, 0, 5));
        assertEquals(864_000_000_000_000L, c10.nanosSinceStart(5 + 8_640_000_000_000L));
    }

    @Test
    void systemTime() {
        // raw values are FILETIMEs: 100 ns units
        TraceClock c = TraceClock.of(header(2, 0, 0, START_FT + 50));
        assertEquals(0, c.nanosSinceStart(START_FT + 50));
        assertEquals(123_400, c.nanosSinceStart(START_FT + 50 + 1234));
        assertEquals(Instant.parse("2020-01-01T00:00:00.0001234Z"), c.instant(START_FT + 50 + 1234));
    }

    @Test
    void cpuCycles() {
        TraceClock c = TraceClock.of(header(3, 0, 2000, 0)); // 2000 MHz
        assertEquals(500_000, c.nanosSinceStart(1_000_000_000L / 1000));
        assertEquals(Instant.parse("2020-01-01T00:00:00.0005Z"), c.instant(1_000_000));
    }

    @Test
    void fileTimeToInstant() {
        assertEquals(Instant.EPOCH, TraceClock.fileTimeToInstant(TraceClock.FILETIME_UNIX_EPOCH));
        assertEquals(Instant.parse("1601-01-01T00:00:00Z"), TraceClock.fileTimeToInstant(0));
    }
}
