package org.handlelens.windbg.parse;

import java.io.IOException;

/**
 * Input that cannot be read as WinDbg text. The message names the source and the position.
 */
public class WinDbgParseException extends IOException {
    private static final long serialVersionUID = 1L;

    private final String sourceName;
    private final long lineNumber;
    private final long byteOffset;
    private final String detail;

    /**
     * @param sourceName file name (or other label) of the input
     * @param lineNumber 1-based line, -1 when the error is not about a line
     * @param byteOffset 0-based byte offset, -1 when unknown
     * @param detail     what is wrong, without the position
     */
    public WinDbgParseException(String sourceName, long lineNumber, long byteOffset, String detail) {
        super(format(sourceName, lineNumber, byteOffset, detail));
        this.sourceName = sourceName;
        this.lineNumber = lineNumber;
        this.byteOffset = byteOffset;
        this.detail = detail;
    }

    private static String format(String source, long line, long offset, String detail) {
        StringBuilder sb = new StringBuilder(source);
        if (line > 0) {
            sb.append(':').append(line);
        }
        if (offset >= 0) {
            sb.append(" (byte offset ").append(offset).append(')');
        }
        return sb.append(": ").append(detail).toString();
    }

    /** Name of the input. */
    public String sourceName() {
        return sourceName;
    }

    /** 1-based line number, -1 when not about a line. */
    public long lineNumber() {
        return lineNumber;
    }

    /** 0-based byte offset, -1 when unknown. */
    public long byteOffset() {
        return byteOffset;
    }

    /** The message without the position. */
    public String detail() {
        return detail;
    }
}
