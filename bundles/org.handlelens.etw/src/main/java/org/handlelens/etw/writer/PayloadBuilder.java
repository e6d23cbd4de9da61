package org.handlelens.etw.writer;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

/** Little-endian payload bytes with pointer-size aware fields. */
public final class PayloadBuilder {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final int pointerSize;

    public PayloadBuilder(int pointerSize) {
        this.pointerSize = pointerSize;
    }

    public PayloadBuilder u8(int v) {
        out.write(v);
        return this;
    }

    public PayloadBuilder u16(int v) {
        return u8(v).u8(v >>> 8);
    }

    public PayloadBuilder u32(long v) {
        return u16((int) v).u16((int) (v >>> 16));
    }

    public PayloadBuilder u64(long v) {
        return u32(v).u32(v >>> 32);
    }

    public PayloadBuilder ptr(long v) {
        return pointerSize == 8 ? u64(v) : u32(v);
    }

    public PayloadBuilder wstring(String s) {
        for (char c : s.toCharArray()) {
            u16(c);
        }
        return u16(0);
    }

    public PayloadBuilder cstring(String s) {
        out.writeBytes(s.getBytes(StandardCharsets.UTF_8));
        return u8(0);
    }

    /** GUID in Windows in-memory layout. */
    public PayloadBuilder guid(UUID g) {
        long msb = g.getMostSignificantBits();
        u32(msb >>> 32).u16((int) (msb >>> 16)).u16((int) msb);
        long lsb = g.getLeastSignificantBits();
        for (int i = 7; i >= 0; i--) {
            u8((int) (lsb >>> (8 * i)));
        }
        return this;
    }

    public PayloadBuilder bytes(byte[] b) {
        out.writeBytes(b);
        return this;
    }

    public PayloadBuilder zeros(int n) {
        return bytes(new byte[n]);
    }

    public int size() {
        return out.size();
    }

    public byte[] toBytes() {
        return out.toByteArray();
    }
}
