package org.handlelens.etw.header;

import java.nio.ByteBuffer;
import java.util.UUID;

/**
 * Decoded header of the current record: a mutable flyweight reused for every record of a
 * stream so that the hot path allocates nothing. Values are valid only during the callback
 * that received this object; copy what you keep.
 */
public final class EventRecordHeader {
    /** Windows kernel ("MSNT_SystemTrace") provider; used for HookId-identified records. */
    public static final UUID KERNEL_PROVIDER = UUID.fromString("9e814aad-3204-11d2-9a82-006008a86939");

    HeaderKind kind;
    int headerType;
    int pointerSize;
    int recordSizeBytes;
    int headerSizeBytes;
    int version;
    int group;
    /** {@code group << 8 | opcode}, or -1: set by the decoder so counting and classifying need no header-kind test. */
    int hookId;
    int opcode;
    int threadId;
    int processId;
    long timestampRaw;
    long guidMsb;
    long guidLsb;
    int eventId;
    int task;
    int level;
    long keyword;
    int eventHeaderFlags;
    /** Absolute position in {@link #buffer} of the first stack-trace extended item's data, or -1. */
    int extStackOffset = -1;
    int extStackDataBytes;
    /** Address size of that item: 4 (EVENT_HEADER_EXT_TYPE_STACK_TRACE32) or 8 (STACK_TRACE64). */
    int extStackAddressBytes;
    ByteBuffer buffer;
    int recordOffset;
    int payloadOffset;
    int payloadLength;
    int cpu;
    /** File offset of the record minus {@link #recordOffset} (for a stream: the buffer's, set once per buffer). */
    long bufferFileOffset;
    boolean compressedBuffer;

    public HeaderKind kind() { return kind; }
    /** Raw header type byte (e.g. 0x02 SYSTEM64, 0x11 PERFINFO64, 0x14 FULL_HEADER64). */
    public int headerType() { return headerType; }
    /** Pointer size implied by the header type (4 or 8). */
    public int pointerSize() { return pointerSize; }
    /** Whole record size including header, excluding alignment padding. */
    public int recordSizeBytes() { return recordSizeBytes; }
    public int headerSizeBytes() { return headerSizeBytes; }
    /** Event/MOF version (system/perfinfo: header Version; FULL: Class.Version; EVENT_HEADER: descriptor version). */
    public int version() { return version; }
    /** Kernel group (0x03 process ...) for HookId records, else -1. */
    public int group() { return group; }
    /** Type/opcode. */
    public int opcode() { return opcode; }
    /** {@code group << 8 | opcode} for HookId records, else -1. */
    public int hookId() { return hookId; }
    /** Header thread id, or -1 if the header has none (PERFINFO). */
    public int threadId() { return threadId; }
    /** Header process id, or -1 if the header has none (PERFINFO). */
    public int processId() { return processId; }
    public long timestampRaw() { return timestampRaw; }
    /** True if the record carries a GUID (FULL, INSTANCE, EVENT_HEADER). */
    public boolean hasGuid() { return kind == HeaderKind.FULL || kind == HeaderKind.INSTANCE || kind == HeaderKind.EVENT_HEADER; }
    public long guidMsb() { return guidMsb; }
    public long guidLsb() { return guidLsb; }
    /** Provider/task GUID (allocates; for HookId records the kernel provider). */
    public UUID guid() { return hasGuid() ? new UUID(guidMsb, guidLsb) : KERNEL_PROVIDER; }
    public boolean guidEquals(UUID u) { return hasGuid() && guidMsb == u.getMostSignificantBits() && guidLsb == u.getLeastSignificantBits(); }
    /** EVENT_HEADER event id, else -1. */
    public int eventId() { return eventId; }
    public int task() { return task; }
    public int level() { return level; }
    public long keyword() { return keyword; }
    public int eventHeaderFlags() { return eventHeaderFlags; }
    /**
     * True if this EVENT_HEADER record carries a stack-trace extended data item
     * (EVENT_HEADER_EXT_TYPE_STACK_TRACE32 = 5 or STACK_TRACE64 = 6), as providers enabled with stacks
     * (WPR {@code Stack="true"}) write them.
     */
    public boolean hasExtendedStack() { return extStackOffset >= 0; }

    /**
     * The stack of the first stack-trace extended data item (allocates), or null if the record has none.
     * Layout (Microsoft Learn, evntcons.h {@code EVENT_EXTENDED_ITEM_STACK_TRACE32/64}): u64 MatchId, then
     * addresses (u32 for STACK_TRACE32, zero-extended here; u64 for STACK_TRACE64) filling DataSize; a trailing
     * partial address is ignored.
     */
    public ExtendedStack extendedStack() {
        if (extStackOffset < 0) {
            return null;
        }
        long matchId = buffer.getLong(extStackOffset);
        int n = (extStackDataBytes - 8) / extStackAddressBytes;
        long[] frames = new long[n];
        int p = extStackOffset + 8;
        for (int i = 0; i < n; i++, p += extStackAddressBytes) {
            frames[i] = extStackAddressBytes == 4 ? Integer.toUnsignedLong(buffer.getInt(p)) : buffer.getLong(p);
        }
        return new ExtendedStack(matchId, extStackAddressBytes, frames);
    }

    /** Little-endian buffer holding the record (shared; do not keep). */
    public ByteBuffer buffer() { return buffer; }
    public int recordOffset() { return recordOffset; }
    /** Absolute position of the payload (user data) in {@link #buffer()}. */
    public int payloadOffset() { return payloadOffset; }
    public int payloadLength() { return payloadLength; }
    /** CPU (buffer ProcessorIndex) the record came from. */
    public int cpu() { return cpu; }
    /**
     * File offset of the record: exact for uncompressed buffers; for compressed buffers the
     * buffer's file offset plus the offset in the decompressed data.
     */
    public long fileOffset() { return bufferFileOffset + recordOffset; }
    public boolean compressedBuffer() { return compressedBuffer; }

    /** Copies the payload out (allocates). */
    public byte[] payloadBytes() {
        byte[] b = new byte[payloadLength];
        buffer.get(payloadOffset, b);
        return b;
    }

    /** Sets the position fields used for error messages and offsets (call after decoding the record). */
    public void setLocation(int cpu, long fileOffset, boolean compressed) {
        setBuffer(cpu, fileOffset - recordOffset, compressed);
    }

    /**
     * Sets the position fields of the buffer the following records come from: once per buffer, as record
     * offsets in the buffer are what the decoder sets per record.
     */
    public void setBuffer(int cpu, long bufferFileOffset, boolean compressed) {
        this.cpu = cpu;
        this.bufferFileOffset = bufferFileOffset;
        this.compressedBuffer = compressed;
    }

    @Override
    public String toString() {
        return kind + " type=0x" + Integer.toHexString(headerType) + " hook=0x" + Integer.toHexString(hookId())
                + " v" + version + " size=" + recordSizeBytes + " pid=" + processId + " tid=" + threadId + " ts=" + timestampRaw;
    }
}
