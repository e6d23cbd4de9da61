package org.handlelens.etw.header;

import java.nio.ByteBuffer;

/** Decodes the trace header of one record inside a (decompressed) buffer. */
public final class TraceHeaderDecoder {
    private TraceHeaderDecoder() {
    }

    /** Record starts 8-byte aligned; this is the value to add to reach the next record. */
    public static int align8(int size) {
        return (size + 7) & ~7;
    }

    /**
     * Decodes the header of the record at {@code pos} into {@code out}.
     *
     * @param limit end of valid data in the buffer (SavedOffset)
     * @return the record size (whole record, without padding)
     * @throws RecordFormatException if the header is unknown or its size does not fit
     */
    public static int decode(ByteBuffer le, int pos, int limit, EventRecordHeader out) throws RecordFormatException {
        if (limit - pos < 8) {
            throw new RecordFormatException("record header truncated", pos);
        }
        // the first 8 bytes in one read: size/version, type, flags, (system/perfinfo) size, opcode, group
        long w0 = le.getLong(pos);
        int type = (int) (w0 >>> 16) & 0xFF;
        int flags = (int) (w0 >>> 24) & 0xFF;
        out.buffer = le;
        out.recordOffset = pos;
        out.headerType = type;
        out.group = -1;
        out.hookId = -1;
        if (out.guidMsb != 0 || out.guidLsb != 0 || out.eventId != -1 || out.level != -1) {
            // the previous record had a GUID header: HookId records (most of a kernel trace) skip these stores
            out.eventId = -1;
            out.task = -1;
            out.level = -1;
            out.keyword = 0;
            out.eventHeaderFlags = 0;
            out.extStackOffset = -1;
            out.guidMsb = 0;
            out.guidLsb = 0;
        }
        int size;
        int hdr;
        if ((flags & 0x40) == 0) {
            if ((flags & 0x10) == 0) {
                throw new RecordFormatException(String.format("unknown record marker 0x%08X", le.getInt(pos)), pos);
            }
            // WPP / trace message: size in the first u16, content not decoded
            size = Short.toUnsignedInt(le.getShort(pos));
            out.kind = HeaderKind.MESSAGE;
            out.pointerSize = 0;
            out.version = 0;
            out.opcode = 0;
            out.threadId = -1;
            out.processId = -1;
            out.timestampRaw = Long.MIN_VALUE;
            hdr = 8; // the size and marker just read: a shorter record (size 0 never advances) does not fit
        } else {
            switch (type) {
                case 0x01, 0x02, 0x03, 0x04 -> {
                    boolean system = type <= 0x02;
                    out.kind = system ? HeaderKind.SYSTEM : HeaderKind.COMPACT;
                    out.pointerSize = (type & 1) == 1 ? 4 : 8;
                    hdr = system ? 0x20 : 0x18;
                    check(pos, limit, hdr);
                    out.version = (int) w0 & 0xFFFF;
                    size = (int) (w0 >>> 32) & 0xFFFF;
                    out.opcode = (int) (w0 >>> 48) & 0xFF;
                    out.group = (int) (w0 >>> 56) & 0xFF;
                    out.hookId = (int) (w0 >>> 48) & 0xFFFF;
                    long w1 = le.getLong(pos + 8);
                    out.threadId = (int) w1;
                    out.processId = (int) (w1 >>> 32);
                    out.timestampRaw = le.getLong(pos + 16);
                }
                case 0x10, 0x11 -> {
                    out.kind = HeaderKind.PERFINFO;
                    out.pointerSize = type == 0x10 ? 4 : 8;
                    check(pos, limit, 0x10);
                    int v = (int) w0 & 0xFFFF;
                    // ntwmi.h TRACE_HEADER_PEBS_INDEX_FLAG 0x8000 / TRACE_HEADER_PMC_COUNTERS_MASK 0x0700 are masked
                    // off; the rest is the version (snail-server trace_headers/perfinfo_trace.hpp version())
                    out.version = v & ~0x8700;
                    hdr = 0x10 + ((v & 0x8000) != 0 ? 8 : 0) + 8 * ((v >>> 8) & 0x7);
                    size = (int) (w0 >>> 32) & 0xFFFF;
                    out.opcode = (int) (w0 >>> 48) & 0xFF;
                    out.group = (int) (w0 >>> 56) & 0xFF;
                    out.hookId = (int) (w0 >>> 48) & 0xFFFF;
                    out.threadId = -1;
                    out.processId = -1;
                    out.timestampRaw = le.getLong(pos + 8);
                }
                case 0x0A, 0x14, 0x0B, 0x15 -> {
                    boolean instance = type == 0x0B || type == 0x15;
                    out.kind = instance ? HeaderKind.INSTANCE : HeaderKind.FULL;
                    out.pointerSize = type == 0x0A || type == 0x0B ? 4 : 8;
                    hdr = instance ? 0x48 : 0x30;
                    check(pos, limit, hdr);
                    size = Short.toUnsignedInt(le.getShort(pos));
                    out.opcode = le.get(pos + 4) & 0xFF;
                    out.level = le.get(pos + 5) & 0xFF;
                    out.version = Short.toUnsignedInt(le.getShort(pos + 6));
                    out.threadId = le.getInt(pos + 8);
                    out.processId = le.getInt(pos + 12);
                    out.timestampRaw = le.getLong(pos + 16);
                    out.guidMsb = Guids.msb(le, pos + 0x18);
                    out.guidLsb = Guids.lsb(le, pos + 0x18);
                }
                case 0x12, 0x13 -> {
                    out.kind = HeaderKind.EVENT_HEADER;
                    out.pointerSize = type == 0x12 ? 4 : 8;
                    check(pos, limit, 0x50);
                    size = Short.toUnsignedInt(le.getShort(pos));
                    out.eventHeaderFlags = Short.toUnsignedInt(le.getShort(pos + 4));
                    out.threadId = le.getInt(pos + 8);
                    out.processId = le.getInt(pos + 12);
                    out.timestampRaw = le.getLong(pos + 16);
                    out.guidMsb = Guids.msb(le, pos + 0x18);
                    out.guidLsb = Guids.lsb(le, pos + 0x18);
                    out.eventId = Short.toUnsignedInt(le.getShort(pos + 0x28));
                    out.version = le.get(pos + 0x2A) & 0xFF;
                    out.level = le.get(pos + 0x2C) & 0xFF;
                    out.opcode = le.get(pos + 0x2D) & 0xFF;
                    out.task = Short.toUnsignedInt(le.getShort(pos + 0x2E));
                    out.keyword = le.getLong(pos + 0x30);
                    hdr = 0x50;
                    out.extStackOffset = -1;
                    if ((out.eventHeaderFlags & 0x0001) != 0) {
                        hdr = walkExtendedItems(le, pos, Math.min(limit, pos + size), hdr, out);
                    }
                }
                default -> throw new RecordFormatException("unknown trace header type 0x" + Integer.toHexString(type), pos);
            }
        }
        if (size < hdr || size > limit - pos) {
            throw new RecordFormatException("record size " + size + " does not fit (header " + hdr + ", "
                    + (limit - pos) + " bytes left)", pos);
        }
        out.recordSizeBytes = size;
        out.headerSizeBytes = hdr;
        out.payloadOffset = pos + hdr;
        out.payloadLength = size - hdr;
        return size;
    }

    /** EVENT_HEADER_EXT_TYPE_STACK_TRACE32 / STACK_TRACE64 (evntcons.h, Microsoft Learn EVENT_HEADER_EXTENDED_DATA_ITEM). */
    public static final int EXT_TYPE_STACK_TRACE32 = 5;
    public static final int EXT_TYPE_STACK_TRACE64 = 6;

    /**
     * Walks EVENT_HEADER extended data items ({u16 Reserved1, u16 ExtType, u16 Linkage (bit 0: more follow),
     * u16 DataSize, data}, each 8-aligned) and notes the first stack-trace item in {@code out}; returns the
     * header length including them. A stack item too short for its MatchId is ignored (the record stays readable).
     */
    private static int walkExtendedItems(ByteBuffer le, int pos, int end, int hdr, EventRecordHeader out)
            throws RecordFormatException {
        int p = pos + hdr;
        while (true) {
            if (end - p < 8) {
                throw new RecordFormatException("extended data item truncated", pos);
            }
            int extType = Short.toUnsignedInt(le.getShort(p + 2));
            int linkage = Short.toUnsignedInt(le.getShort(p + 4));
            int dataSize = Short.toUnsignedInt(le.getShort(p + 6));
            int item = p;
            p += align8(8 + dataSize);
            if (p > end) {
                throw new RecordFormatException("extended data item exceeds record", pos);
            }
            if ((extType == EXT_TYPE_STACK_TRACE32 || extType == EXT_TYPE_STACK_TRACE64) && dataSize >= 8
                    && out.extStackOffset < 0) {
                out.extStackOffset = item + 8;
                out.extStackDataBytes = dataSize;
                out.extStackAddressBytes = extType == EXT_TYPE_STACK_TRACE32 ? 4 : 8;
            }
            if ((linkage & 1) == 0) {
                return p - pos;
            }
        }
    }

    private static void check(int pos, int limit, int hdr) throws RecordFormatException {
        if (limit - pos < hdr) {
            throw new RecordFormatException("record header truncated (" + (limit - pos) + " of " + hdr + " bytes)", pos);
        }
    }
}
