package org.handlelens.etw.writer;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/** One EVENT_HEADER extended data item the writer emits: its ExtType and data bytes (DataSize = length). */
public record ExtendedItem(int extType, byte[] data) {

    /** EVENT_EXTENDED_ITEM_STACK_TRACE64: u64 MatchId, u64 addresses (ExtType 6). */
    public static ExtendedItem stackTrace64(long matchId, long... frameAddresses) {
        ByteBuffer b = ByteBuffer.allocate(8 + 8 * frameAddresses.length).order(ByteOrder.LITTLE_ENDIAN);
        b.putLong(matchId);
        for (long a : frameAddresses) {
            b.putLong(a);
        }
        return new ExtendedItem(6, b.array());
    }

    /** EVENT_EXTENDED_ITEM_STACK_TRACE32: u64 MatchId, u32 addresses (ExtType 5). */
    public static ExtendedItem stackTrace32(long matchId, long... frameAddresses) {
        ByteBuffer b = ByteBuffer.allocate(8 + 4 * frameAddresses.length).order(ByteOrder.LITTLE_ENDIAN);
        b.putLong(matchId);
        for (long a : frameAddresses) {
            b.putInt((int) a);
        }
        return new ExtendedItem(5, b.array());
    }
}
