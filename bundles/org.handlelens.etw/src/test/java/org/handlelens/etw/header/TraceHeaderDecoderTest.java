package org.handlelens.etw.header;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.UUID;

import org.junit.jupiter.api.Test;

/** Every header kind of formats.md §1.4, including the optional parts, decodes to the right payload. */
class TraceHeaderDecoderTest {
    private static final UUID G = UUID.fromString("8e805eb3-6a8f-4a1e-90fa-a831d94e54a1");

    private static ByteBuffer buf(int n) {
        return ByteBuffer.allocate(n).order(ByteOrder.LITTLE_ENDIAN);
    }

    private static void guid(ByteBuffer b, int pos, UUID u) {
        long m = u.getMostSignificantBits();
        b.putInt(pos, (int) (m >>> 32)).putShort(pos + 4, (short) (m >>> 16)).putShort(pos + 6, (short) m);
        ByteBuffer.wrap(b.array(), pos + 8, 8).order(ByteOrder.BIG_ENDIAN).putLong(u.getLeastSignificantBits());
    }

    @Test
    void eventHeaderWithExtendedItems() throws Exception {
        // EVENT_HEADER64 + two extended items (8+16 and 8+5→16 bytes) + 6 bytes user data
        int size = 0x50 + 24 + 16 + 6;
        ByteBuffer b = buf(128);
        b.putShort(0, (short) size).put(2, (byte) 0x13).put(3, (byte) 0xC0).putShort(4, (short) 0x0001)
                .putInt(8, 77).putInt(12, 88).putLong(16, 123456789L);
        guid(b, 0x18, G);
        b.putShort(0x28, (short) 14).put(0x2A, (byte) 1).put(0x2C, (byte) 4).put(0x2D, (byte) 11)
                .putShort(0x2E, (short) 9).putLong(0x30, 0x8000L);
        b.putShort(0x50 + 2, (short) 5).putShort(0x50 + 4, (short) 1).putShort(0x50 + 6, (short) 16); // more follow
        b.putShort(0x50 + 24 + 2, (short) 2).putShort(0x50 + 24 + 4, (short) 0).putShort(0x50 + 24 + 6, (short) 5);
        EventRecordHeader h = new EventRecordHeader();
        assertEquals(size, TraceHeaderDecoder.decode(b, 0, 128, h));
        assertEquals(HeaderKind.EVENT_HEADER, h.kind());
        assertEquals(G, h.guid());
        assertEquals(14, h.eventId());
        assertEquals(11, h.opcode());
        assertEquals(9, h.task());
        assertEquals(1, h.version());
        assertEquals(77, h.threadId());
        assertEquals(88, h.processId());
        assertEquals(0x50 + 24 + 16, h.payloadOffset());
        assertEquals(6, h.payloadLength());
        assertEquals(8, h.pointerSize());
    }

    @Test
    void stackTraceExtendedItemsAreDecoded() throws Exception {
        // EVENT_HEADER64: a RELATED_ACTIVITYID item (type 1, 16 bytes), then STACK_TRACE64 (MatchId + 3 addresses)
        int size = 0x50 + 24 + 40 + 4;
        ByteBuffer b = buf(160);
        b.putShort(0, (short) size).put(2, (byte) 0x13).put(3, (byte) 0xC0).putShort(4, (short) 0x0001);
        guid(b, 0x18, G);
        b.putShort(0x50 + 2, (short) 1).putShort(0x50 + 4, (short) 1).putShort(0x50 + 6, (short) 16);
        int s = 0x50 + 24;
        b.putShort(s + 2, (short) 6).putShort(s + 4, (short) 0).putShort(s + 6, (short) 32).putLong(s + 8, 0x77L)
                .putLong(s + 16, 0xFFFFF80000001000L).putLong(s + 24, 0xFFFFF80000002000L).putLong(s + 32, 0x7FF600001000L);
        b.putInt(s + 40, 0xCAFE);
        EventRecordHeader h = new EventRecordHeader();
        assertEquals(size, TraceHeaderDecoder.decode(b, 0, 160, h));
        assertTrue(h.hasExtendedStack());
        ExtendedStack st = h.extendedStack();
        assertEquals(0x77L, st.matchId());
        assertEquals(8, st.addressBytes());
        assertArrayEquals(new long[] { 0xFFFFF80000001000L, 0xFFFFF80000002000L, 0x7FF600001000L }, st.frameAddresses());
        assertEquals(s + 40, h.payloadOffset());
        assertEquals(4, h.payloadLength());

        // the same flyweight on an EVENT_HEADER32 record with STACK_TRACE32 (u32 addresses, zero-extended)
        ByteBuffer c = buf(128);
        int size32 = 0x50 + 8 + 16;
        c.putShort(0, (short) size32).put(2, (byte) 0x12).put(3, (byte) 0xC0).putShort(4, (short) 0x0001);
        guid(c, 0x18, G);
        c.putShort(0x50 + 2, (short) 5).putShort(0x50 + 6, (short) 16).putLong(0x58, 0).putInt(0x60, 0x80001000)
                .putInt(0x64, 0x00401000);
        assertEquals(size32, TraceHeaderDecoder.decode(c, 0, 128, h));
        st = h.extendedStack();
        assertEquals(4, st.addressBytes());
        assertArrayEquals(new long[] { 0x80001000L, 0x00401000L }, st.frameAddresses());
        assertEquals(0, h.payloadLength());

        // a record without extended items right after: no stack left over from the previous one
        ByteBuffer d = buf(128);
        d.putShort(0, (short) 0x50).put(2, (byte) 0x13).put(3, (byte) 0xC0);
        guid(d, 0x18, G);
        assertEquals(0x50, TraceHeaderDecoder.decode(d, 0, 128, h));
        assertFalse(h.hasExtendedStack());
        assertNull(h.extendedStack());
        // a stack item too short for its MatchId is ignored, the record stays readable
        c.putShort(0x50 + 6, (short) 4).putShort(0, (short) (0x50 + 16));
        assertEquals(0x50 + 16, TraceHeaderDecoder.decode(c, 0, 128, h));
        assertFalse(h.hasExtendedStack());
    }

    @Test
    void perfInfoWithPmcCountersAndPebs() throws Exception {
        // version word: 0x8000 PEBS + 2 PMC counters (0x0200) + version 2
        ByteBuffer b = buf(64);
        b.putShort(0, (short) 0x8202).put(2, (byte) 0x10).put(3, (byte) 0xC0).putShort(4, (short) (0x10 + 8 + 16 + 4))
                .put(6, (byte) 0x2E).put(7, (byte) 0x0F).putLong(8, 42L);
        EventRecordHeader h = new EventRecordHeader();
        TraceHeaderDecoder.decode(b, 0, 64, h);
        assertEquals(HeaderKind.PERFINFO, h.kind());
        assertEquals(2, h.version());
        assertEquals(0x0F2E, h.hookId());
        assertEquals(4, h.pointerSize());
        assertEquals(-1, h.processId());
        assertEquals(0x10 + 8 + 16, h.payloadOffset());
        assertEquals(4, h.payloadLength());
        assertEquals(42L, h.timestampRaw());
    }

    @Test
    void compactInstanceAndMessage() throws Exception {
        EventRecordHeader h = new EventRecordHeader();
        ByteBuffer c = buf(32);
        c.putShort(0, (short) 2).put(2, (byte) 0x03).put(3, (byte) 0xC0).putShort(4, (short) 0x1C).put(6, (byte) 32)
                .put(7, (byte) 0x11).putInt(8, 5).putInt(12, 6).putLong(16, 7);
        TraceHeaderDecoder.decode(c, 0, 32, h);
        assertEquals(HeaderKind.COMPACT, h.kind());
        assertEquals(0x1120, h.hookId());
        assertEquals(4, h.pointerSize());
        assertEquals(0x18, h.payloadOffset());
        assertEquals(4, h.payloadLength());

        ByteBuffer i = buf(0x50);
        i.putShort(0, (short) 0x4C).put(2, (byte) 0x15).put(3, (byte) 0xC0).put(4, (byte) 36).putShort(6, (short) 2)
                .putInt(8, 1).putInt(12, 2).putLong(16, 3);
        guid(i, 0x18, G);
        TraceHeaderDecoder.decode(i, 0, 0x50, h);
        assertEquals(HeaderKind.INSTANCE, h.kind());
        assertEquals(G, h.guid());
        assertEquals(36, h.opcode());
        assertEquals(0x48, h.payloadOffset());
        assertEquals(4, h.payloadLength());

        ByteBuffer m = buf(24);
        m.putShort(0, (short) 20).putShort(2, (short) 0x9000);
        assertEquals(20, TraceHeaderDecoder.decode(m, 0, 24, h));
        assertEquals(HeaderKind.MESSAGE, h.kind());
    }

    @Test
    void sizeMustFitAndTypeMustBeKnown() {
        EventRecordHeader h = new EventRecordHeader();
        ByteBuffer b = buf(32);
        b.putShort(0, (short) 2).put(2, (byte) 0x02).put(3, (byte) 0xC0).putShort(4, (short) 0x100);
        RecordFormatException e = assertThrows(RecordFormatException.class, () -> TraceHeaderDecoder.decode(b, 0, 32, h));
        assertTrue(e.getMessage().contains("does not fit"), e.getMessage());
        b.put(2, (byte) 0x0C); // TIMED: unused, unknown size
        assertThrows(RecordFormatException.class, () -> TraceHeaderDecoder.decode(b, 0, 32, h));
        b.putShort(4, (short) 0x10).put(2, (byte) 0x02); // smaller than the 0x20 header
        assertThrows(RecordFormatException.class, () -> TraceHeaderDecoder.decode(b, 0, 32, h));
    }
}
