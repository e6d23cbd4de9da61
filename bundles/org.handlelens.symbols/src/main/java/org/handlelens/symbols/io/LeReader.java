package org.handlelens.symbols.io;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * Bounds-checked little-endian reads from a {@link ByteBuffer} at absolute positions. Every read past
 * the end throws {@link CorruptFileException} naming the source and offset instead of an unchecked
 * {@code IndexOutOfBoundsException}.
 */
public final class LeReader {
    private final ByteBuffer buffer;
    private final String source;
    private final long baseOffset;

    /**
     * @param buffer     the bytes (position/limit define the readable range; offsets are relative to position)
     * @param source     name used in error messages
     * @param baseOffset added to relative offsets in error messages (file offset of the buffer start)
     */
    public LeReader(ByteBuffer buffer, String source, long baseOffset) {
        this.buffer = buffer.slice().order(ByteOrder.LITTLE_ENDIAN);
        this.source = source;
        this.baseOffset = baseOffset;
    }

    /** Wraps a byte array. */
    public static LeReader of(byte[] bytes, String source) {
        return new LeReader(ByteBuffer.wrap(bytes), source, 0);
    }

    /** Number of readable bytes. */
    public int size() {
        return buffer.limit();
    }

    /** Name used in error messages. */
    public String source() {
        return source;
    }

    /** Fails unless {@code length} bytes are readable at {@code offset}. */
    public void require(long offset, long length, String what) throws CorruptFileException {
        if (offset < 0 || length < 0 || offset + length > buffer.limit()) {
            throw error(offset, "truncated: " + what + " needs " + length + " bytes, only "
                    + Math.max(0, buffer.limit() - offset) + " available");
        }
    }

    /** A {@link CorruptFileException} for a relative offset. */
    public CorruptFileException error(long offset, String problem) {
        return new CorruptFileException(source, baseOffset + offset, problem);
    }

    public int u8(long offset) throws CorruptFileException {
        require(offset, 1, "u8");
        return buffer.get((int) offset) & 0xFF;
    }

    public int u16(long offset) throws CorruptFileException {
        require(offset, 2, "u16");
        return buffer.getShort((int) offset) & 0xFFFF;
    }

    /** Signed 32-bit value. */
    public int i32(long offset) throws CorruptFileException {
        require(offset, 4, "u32");
        return buffer.getInt((int) offset);
    }

    /** Unsigned 32-bit value. */
    public long u32(long offset) throws CorruptFileException {
        return i32(offset) & 0xFFFF_FFFFL;
    }

    public long u64(long offset) throws CorruptFileException {
        require(offset, 8, "u64");
        return buffer.getLong((int) offset);
    }

    /** Copies {@code length} bytes. */
    public byte[] bytes(long offset, int length) throws CorruptFileException {
        require(offset, length, "byte range");
        byte[] out = new byte[length];
        buffer.get((int) offset, out);
        return out;
    }

    /** NUL-terminated UTF-8 string starting at {@code offset}, searched up to {@code limit}. */
    public String cstring(long offset, long limit) throws CorruptFileException {
        int end = (int) Math.min(limit, buffer.limit());
        require(offset, 1, "string");
        for (int i = (int) offset; i < end; i++) {
            if (buffer.get(i) == 0) {
                return string(offset, i - (int) offset);
            }
        }
        throw error(offset, "unterminated string");
    }

    /** Length in bytes of the NUL-terminated string at offset (excluding the NUL), or -1. */
    public int cstringLength(long offset, long limit) {
        int end = (int) Math.min(limit, buffer.limit());
        for (int i = (int) offset; i < end; i++) {
            if (buffer.get(i) == 0) {
                return i - (int) offset;
            }
        }
        return -1;
    }

    private String string(long offset, int length) {
        byte[] b = new byte[length];
        buffer.get((int) offset, b);
        return new String(b, StandardCharsets.UTF_8);
    }
}
