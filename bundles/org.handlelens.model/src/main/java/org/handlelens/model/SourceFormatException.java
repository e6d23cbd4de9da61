package org.handlelens.model;

import java.nio.file.Path;

/**
 * Input that cannot be read as the claimed format. The message always names the file and the
 * position (line or byte offset) so users can look at the offending spot.
 */
public class SourceFormatException extends Exception {
    private static final long serialVersionUID = 1L;

    /** What {@link #position()} counts. */
    public enum PositionKind {
        /** 1-based line number of a text file. */
        LINE,
        /** 0-based byte offset of a binary file. */
        BYTE_OFFSET,
        /** Position unknown / not applicable. */
        NONE
    }

    private final transient Path file;
    private final long position;
    private final PositionKind positionKind;
    private final String detail;

    public SourceFormatException(Path file, PositionKind positionKind, long position, String message,
            Throwable cause) {
        super(format(file, positionKind, position, message), cause);
        this.file = file;
        this.position = position;
        this.positionKind = positionKind;
        this.detail = message;
    }

    public SourceFormatException(Path file, PositionKind positionKind, long position, String message) {
        this(file, positionKind, position, message, null);
    }

    /** Error at a 1-based line of a text file. */
    public static SourceFormatException atLine(Path file, long line, String message) {
        return new SourceFormatException(file, PositionKind.LINE, line, message);
    }

    /** Error at a byte offset of a binary file. */
    public static SourceFormatException atByteOffset(Path file, long offset, String message) {
        return new SourceFormatException(file, PositionKind.BYTE_OFFSET, offset, message);
    }

    /** Error about the file as a whole. */
    public static SourceFormatException ofFile(Path file, String message) {
        return new SourceFormatException(file, PositionKind.NONE, -1, message);
    }

    private static String format(Path file, PositionKind kind, long position, String message) {
        String where = switch (kind) {
            case LINE -> ":" + position;
            case BYTE_OFFSET -> " at byte offset " + position + " (0x" + Long.toHexString(position) + ")";
            case NONE -> "";
        };
        return file + where + ": " + message;
    }

    /** The file. */
    public Path file() {
        return file;
    }

    /** Line or byte offset, per {@link #positionKind()}; -1 when none. */
    public long position() {
        return position;
    }

    /** What {@link #position()} counts. */
    public PositionKind positionKind() {
        return positionKind;
    }

    /** The message without file and position. */
    public String detail() {
        return detail;
    }
}
