package org.handlelens.etw;

import java.nio.file.Path;

/** The file is not a readable ETL file (or stops being one at {@link #byteOffset()}). */
public final class EtlFormatException extends Exception {
    private static final long serialVersionUID = 1L;
    private final transient Path file;
    private final long byteOffset;

    public EtlFormatException(Path file, long byteOffset, String reason) {
        this(file, byteOffset, reason, null);
    }

    public EtlFormatException(Path file, long byteOffset, String reason, Throwable cause) {
        super(file + ": " + reason + " at byte offset " + byteOffset + String.format(" (0x%X)", byteOffset), cause);
        this.file = file;
        this.byteOffset = byteOffset;
    }

    public Path file() {
        return file;
    }

    /** File offset of the fault (for records in compressed buffers: buffer offset + offset in decompressed data). */
    public long byteOffset() {
        return byteOffset;
    }
}
