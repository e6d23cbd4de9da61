package org.handlelens.etw.header;

/** A record inside a buffer cannot be decoded; {@link #offsetInBuffer()} says where. */
public final class RecordFormatException extends Exception {
    private static final long serialVersionUID = 1L;
    private final int offsetInBuffer;

    public RecordFormatException(String message, int offsetInBuffer) {
        super(message);
        this.offsetInBuffer = offsetInBuffer;
    }

    /** Byte offset of the faulty record relative to the start of its (decompressed) buffer. */
    public int offsetInBuffer() {
        return offsetInBuffer;
    }
}
