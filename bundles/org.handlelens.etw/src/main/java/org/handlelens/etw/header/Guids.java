package org.handlelens.etw.header;

import java.nio.ByteBuffer;
import java.util.UUID;

/** GUIDs stored in Windows in-memory layout (Data1..3 little-endian, Data4 raw). */
public final class Guids {
    private Guids() {
    }

    /** Most significant 64 bits of the GUID at {@code pos}. */
    public static long msb(ByteBuffer le, int pos) {
        long d1 = Integer.toUnsignedLong(le.getInt(pos));
        long d2 = Short.toUnsignedLong(le.getShort(pos + 4));
        long d3 = Short.toUnsignedLong(le.getShort(pos + 6));
        return d1 << 32 | d2 << 16 | d3;
    }

    /** Least significant 64 bits (Data4 bytes in storage order). */
    public static long lsb(ByteBuffer le, int pos) {
        return Long.reverseBytes(le.getLong(pos + 8));
    }

    public static UUID read(ByteBuffer le, int pos) {
        return new UUID(msb(le, pos), lsb(le, pos));
    }
}
