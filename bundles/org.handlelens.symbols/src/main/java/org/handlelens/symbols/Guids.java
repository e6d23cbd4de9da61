package org.handlelens.symbols;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.HexFormat;
import java.util.Locale;
import java.util.UUID;

/** GUID conversions between the Windows in-memory layout and {@link UUID}. */
public final class Guids {
    private Guids() {
    }

    /**
     * Builds a UUID from 16 bytes in Windows layout (Data1 u32 LE, Data2 u16 LE, Data3 u16 LE, Data4 raw).
     */
    public static UUID fromWindowsBytes(byte[] b) {
        if (b.length != 16) {
            throw new IllegalArgumentException("GUID needs 16 bytes, got " + b.length);
        }
        ByteBuffer le = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
        long data1 = le.getInt(0) & 0xFFFF_FFFFL;
        long data2 = le.getShort(4) & 0xFFFFL;
        long data3 = le.getShort(6) & 0xFFFFL;
        long msb = (data1 << 32) | (data2 << 16) | data3;
        long lsb = ByteBuffer.wrap(b, 8, 8).order(ByteOrder.BIG_ENDIAN).getLong();
        return new UUID(msb, lsb);
    }

    /** The 16 bytes in Windows layout. */
    public static byte[] toWindowsBytes(UUID guid) {
        ByteBuffer out = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN);
        long msb = guid.getMostSignificantBits();
        out.putInt((int) (msb >>> 32)).putShort((short) (msb >>> 16)).putShort((short) msb);
        out.order(ByteOrder.BIG_ENDIAN).putLong(guid.getLeastSignificantBits());
        return out.array();
    }

    /** 32 upper-case hex digits without dashes, in printed order (.NET {@code ToString("N").ToUpper()}). */
    public static String toNHexUpper(UUID guid) {
        return guid.toString().replace("-", "").toUpperCase(Locale.ROOT);
    }

    /** Parses 32 hex digits (printed order, no dashes) or the dashed/braced form. */
    public static UUID parse(String text) {
        String t = text.replace("{", "").replace("}", "").replace("-", "");
        if (t.length() != 32) {
            throw new IllegalArgumentException("not a GUID: " + text);
        }
        byte[] b = HexFormat.of().parseHex(t);
        return new UUID(ByteBuffer.wrap(b).getLong(0), ByteBuffer.wrap(b).getLong(8));
    }
}
