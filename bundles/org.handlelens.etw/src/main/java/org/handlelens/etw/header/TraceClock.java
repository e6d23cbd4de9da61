package org.handlelens.etw.header;

import java.time.Instant;

/**
 * Converts raw event timestamps to time, per the logfile header's clock type:
 * {@code fileTime(raw) = StartTime + (raw - headerTimestampRaw) * scale}.
 */
public final class TraceClock {
    /** FILETIME of 1970-01-01T00:00:00Z. */
    public static final long FILETIME_UNIX_EPOCH = 116_444_736_000_000_000L;
    private static final long NANOS = 1_000_000_000L;

    private final long referenceRaw;
    private final Instant referenceInstant;
    private final long ticksPerSecond;
    /** Whole nanoseconds per tick when the frequency divides 10^9 (10 MHz QPC, system time), else 0. */
    private final long nanosPerTick;
    /** Largest |ticks| whose product with {@link #nanosPerTick} cannot overflow. */
    private final long maxFastTicks;

    public TraceClock(long referenceRaw, long referenceFileTime, long ticksPerSecond) {
        if (ticksPerSecond <= 0) {
            throw new IllegalArgumentException("clock frequency must be positive: " + ticksPerSecond);
        }
        this.referenceRaw = referenceRaw;
        this.referenceInstant = fileTimeToInstant(referenceFileTime);
        this.ticksPerSecond = ticksPerSecond;
        this.nanosPerTick = NANOS % ticksPerSecond == 0 ? NANOS / ticksPerSecond : 0;
        this.maxFastTicks = nanosPerTick == 0 ? -1 : Long.MAX_VALUE / nanosPerTick;
    }

    /** Builds the clock of a trace; unknown clock types fall back to QPC semantics. */
    public static TraceClock of(LogfileHeader h) {
        long tps = switch (h.clockType()) {
            case 2 -> 10_000_000L;
            case 3 -> h.cpuSpeedMhz() > 0 ? h.cpuSpeedMhz() * 1_000_000L : 10_000_000L;
            default -> h.perfFreq() > 0 ? h.perfFreq() : 10_000_000L;
        };
        return new TraceClock(h.headerTimestampRaw(), h.startTimeFileTime(), tps);
    }

    /** Nanoseconds since 1970 (saturates for FILETIMEs outside about 1677..2262). */
    public static long fileTimeToEpochNanos(long fileTime) {
        long d = fileTime - FILETIME_UNIX_EPOCH;
        return d > Long.MAX_VALUE / 100 ? Long.MAX_VALUE : d < Long.MIN_VALUE / 100 ? Long.MIN_VALUE : d * 100L;
    }

    /** FILETIME (100 ns since 1601-01-01 UTC) to an Instant; exact for every value. */
    public static Instant fileTimeToInstant(long fileTime) {
        long d = fileTime - FILETIME_UNIX_EPOCH; // no overflow: both are within ±2^63 and of the same sign range
        return Instant.ofEpochSecond(Math.floorDiv(d, 10_000_000L), Math.floorMod(d, 10_000_000L) * 100L);
    }

    public long ticksPerSecond() {
        return ticksPerSecond;
    }

    /** Nanoseconds since the trace start (the logfile header's StartTime); may be negative. */
    public long nanosSinceStart(long raw) {
        long d = raw - referenceRaw;
        if (d <= maxFastTicks && d >= -maxFastTicks) {
            return d * nanosPerTick; // exact when the frequency divides 10^9: one multiply per event, no divisions
        }
        long q = Math.floorDiv(d, ticksPerSecond);
        long r = Math.floorMod(d, ticksPerSecond);
        long frac = r <= Long.MAX_VALUE / NANOS ? r * NANOS / ticksPerSecond : (long) ((double) r * NANOS / ticksPerSecond);
        return q * NANOS + frac;
    }

    /** Nanoseconds since 1970-01-01 UTC. */
    public long epochNanos(long raw) {
        Instant i = instant(raw);
        return Math.addExact(Math.multiplyExact(i.getEpochSecond(), NANOS), i.getNano());
    }

    public Instant instant(long raw) {
        return referenceInstant.plusNanos(nanosSinceStart(raw));
    }
}
