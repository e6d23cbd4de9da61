package org.handlelens.symbols.io;

import java.io.IOException;

/**
 * A binary file (PE, PDB, CAB) is damaged, truncated or not of the expected format. The message
 * always names the file and the byte offset where reading failed.
 */
public final class CorruptFileException extends IOException {
    private static final long serialVersionUID = 1L;
    private final String source;
    private final long offset;

    /**
     * @param source file name (or a description such as "CrashWithException.pdb stream 3")
     * @param offset byte offset of the problem within {@code source}, or -1 when unknown
     * @param problem what is wrong
     */
    public CorruptFileException(String source, long offset, String problem) {
        super(source + (offset >= 0 ? " at byte offset " + offset + " (0x" + Long.toHexString(offset) + ")" : "")
                + ": " + problem);
        this.source = source;
        this.offset = offset;
    }

    /** The file (or file part) that is damaged. */
    public String source() {
        return source;
    }

    /** Byte offset of the problem, -1 when unknown. */
    public long offset() {
        return offset;
    }
}
