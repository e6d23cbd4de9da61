package org.handlelens.etw.kernel;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * Bounds-checked little-endian reader over one event payload. Reusable (call {@link #reset});
 * every read past the payload end throws {@link MalformedPayloadException}.
 */
public final class Payload {
    private ByteBuffer le;
    private int start;
    private int end;
    private int pointerSize;

    public Payload reset(ByteBuffer le, int offset, int length, int pointerSize) {
        this.le = le;
        this.start = offset;
        this.end = offset + length;
        this.pointerSize = pointerSize;
        return this;
    }

    public int length() {
        return end - start;
    }

    public int pointerSize() {
        return pointerSize;
    }

    private int at(int off, int n) {
        if (off < 0 || n > end - start - off) {
            throw new MalformedPayloadException("payload of " + (end - start) + " bytes too short for " + n
                    + " bytes at " + off);
        }
        return start + off;
    }

    public int u8(int off) { return le.get(at(off, 1)) & 0xFF; }
    public int u16(int off) { return Short.toUnsignedInt(le.getShort(at(off, 2))); }
    public int i32(int off) { return le.getInt(at(off, 4)); }
    public long u32(int off) { return Integer.toUnsignedLong(le.getInt(at(off, 4))); }
    public long i64(int off) { return le.getLong(at(off, 8)); }

    /** {@code dst.length} pointer-sized values from {@code off} on (one bounds check for all). */
    public void ptrs(int off, long[] dst) {
        int abs = at(off, dst.length * pointerSize);
        if (pointerSize == 8) {
            for (int i = 0; i < dst.length; i++) {
                dst[i] = le.getLong(abs + 8 * i);
            }
        } else {
            for (int i = 0; i < dst.length; i++) {
                dst[i] = Integer.toUnsignedLong(le.getInt(abs + 4 * i));
            }
        }
    }

    /** Pointer-sized unsigned value (zero-extended for P=4). */
    public long ptr(int off) {
        return pointerSize == 8 ? i64(off) : u32(off);
    }

    public long guidMsb(int off) { at(off, 16); return org.handlelens.etw.header.Guids.msb(le, start + off); }
    public long guidLsb(int off) { at(off, 16); return org.handlelens.etw.header.Guids.lsb(le, start + off); }

    /** NUL-terminated UTF-16LE string at {@code off}; an unterminated string runs to the payload end. */
    public String wstring(int off) {
        if (off >= end - start) {
            return "";
        }
        int p = at(off, 0);
        StringBuilder sb = null;
        int q = p;
        while (q + 1 < end) {
            char c = le.getChar(q);
            if (c == 0) {
                break;
            }
            if (sb == null) {
                sb = new StringBuilder();
            }
            sb.append(c);
            q += 2;
        }
        return sb == null ? "" : sb.toString();
    }

    /** Byte length (terminator included) of the UTF-16 string at {@code off}. */
    public int wstringBytes(int off) {
        int q = start + off;
        while (q + 1 < end) {
            if (le.getChar(q) == 0) {
                return q + 2 - start - off;
            }
            q += 2;
        }
        return end - start - off;
    }

    /** NUL-terminated 8-bit string (UTF-8/ANSI) at {@code off}. */
    public String cstring(int off) {
        return cstringWithLength(off, null);
    }

    /** Byte length (terminator included) of the 8-bit string at {@code off}. */
    public int cstringBytes(int off) {
        int p = at(off, 0);
        int q = p;
        while (q < end && le.get(q) != 0) {
            q++;
        }
        return q < end ? q - p + 1 : q - p;
    }

    private String cstringWithLength(int off, int[] unused) {
        int p = at(off, 0);
        int q = p;
        while (q < end && le.get(q) != 0) {
            q++;
        }
        byte[] b = new byte[q - p];
        le.get(p, b);
        return new String(b, StandardCharsets.UTF_8);
    }
}
