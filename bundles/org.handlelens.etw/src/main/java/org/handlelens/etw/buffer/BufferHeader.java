package org.handlelens.etw.buffer;

import java.nio.ByteBuffer;

/**
 * One WMI_BUFFER_HEADER (0x48 bytes) as stored at the start of every ETL buffer.
 *
 * @param fileOffset      where this buffer starts in the file
 * @param bufferSizeBytes bytes this buffer occupies on disk, header included (compressed size for compressed buffers)
 * @param savedOffset     bytes of valid data including the header, after decompression (SavedOffset; for an
 *                        uncompressed buffer whose SavedOffset is below 0x48, the Offset field at 0x30)
 * @param timestampRaw    flush time in the trace's raw clock
 * @param sequenceNumber  global buffer sequence number (orders the buffers of one CPU)
 * @param processorIndex  CPU that filled the buffer
 * @param loggerId        logger id
 * @param state           ETW_BUFFER_STATE (in buffer 0 of a compressed file: the compression format)
 * @param flags           BufferFlag bit set ({@link #FLAG_COMPRESSED} ...)
 * @param bufferType      BufferType (4 = header)
 */
public record BufferHeader(long fileOffset, long bufferSizeBytes, long savedOffset, long timestampRaw,
        long sequenceNumber, int processorIndex, int loggerId, int state, int flags, int bufferType) {

    /** Size of the on-disk buffer header. */
    public static final int SIZE = 0x48;
    public static final int FLAG_EVENTS_LOST = 0x2;
    public static final int FLAG_BUFFER_LOST = 0x4;
    public static final int FLAG_COMPRESSED = 0x40;
    public static final int TYPE_HEADER = 4;

    /** Parses the header at {@code pos} of a little-endian buffer. */
    public static BufferHeader parse(ByteBuffer le, int pos, long fileOffset) {
        long size = Integer.toUnsignedLong(le.getInt(pos));
        long saved = Integer.toUnsignedLong(le.getInt(pos + 0x04));
        int flags = Short.toUnsignedInt(le.getShort(pos + 0x34));
        if (saved < SIZE && (flags & FLAG_COMPRESSED) == 0) {
            // SavedOffset is the logger's "temp saved offset"; Offset @0x30 is the "offset when flushing (can
            // overlap SavedOffset)" (ntwmi.h WMI_BUFFER_HEADER) and is what dissect.etl reads as the fill
            // (etl.py Buffer.filled_bytes): use it when SavedOffset cannot be the fill of an uncompressed buffer
            long offset = Integer.toUnsignedLong(le.getInt(pos + 0x30));
            if (offset >= SIZE && offset <= size) {
                saved = offset;
            }
        }
        return new BufferHeader(fileOffset,
                size,
                saved,
                le.getLong(pos + 0x10),
                le.getLong(pos + 0x18),
                Short.toUnsignedInt(le.getShort(pos + 0x28)),
                Short.toUnsignedInt(le.getShort(pos + 0x2A)),
                le.getInt(pos + 0x2C),
                flags,
                Short.toUnsignedInt(le.getShort(pos + 0x36)));
    }

    public boolean compressed() {
        return (flags & FLAG_COMPRESSED) != 0;
    }
}
