package org.handlelens.etw.header;

import java.nio.ByteBuffer;

/**
 * TRACE_LOGFILE_HEADER: the payload of the first record of buffer 0 (padded layout: 4 bytes
 * after the time-zone block, fixed part 0x118 bytes for P=8 / 0x110 for P=4).
 *
 * @param headerTimestampRaw raw timestamp of the header record itself (the clock reference point)
 * @param startTimeFileTime  session start (FILETIME, 100 ns since 1601 UTC)
 * @param endTimeFileTime    session end (FILETIME)
 * @param clockType          ReservedFlags: 1 QPC, 2 system time, 3 CPU cycle counter
 * @param pointerSize        the PointerSize field; the header record's pointer size when the field is not 4 or 8
 */
public record LogfileHeader(long bufferSizeBytes, int osMajor, int osMinor, int spMajor, int spMinor,
        int osBuild, int numberOfProcessors, long endTimeFileTime, int timerResolution100ns, int maximumFileSizeMb,
        int logFileMode, long buffersWritten, int pointerSize, long eventsLost, int cpuSpeedMhz, long bootTimeFileTime,
        long perfFreq, long startTimeFileTime, int clockType, long buffersLost, String sessionName, String logFileName,
        long headerTimestampRaw) {

    public static final int MODE_CIRCULAR = 0x2;
    public static final int MODE_COMPRESSED = 0x04000000;

    /**
     * Parses the logfile header payload.
     *
     * @param p pointer size from the record's header type
     */
    public static LogfileHeader parse(ByteBuffer le, int off, int len, int p, long headerTimestampRaw)
            throws RecordFormatException {
        int fixed = p == 8 ? 0x118 : 0x110;
        if (len < fixed) {
            throw new RecordFormatException("logfile header payload too short: " + len + " < " + fixed, off);
        }
        int shift = p == 8 ? 0 : -8; // offsets after the two pointers move by 2*(8-P)
        int version = le.getInt(off + 4);
        String session = readWString(le, off + fixed, off + len);
        int afterSession = off + fixed + (session.length() + 1) * 2;
        String file = afterSession < off + len ? readWString(le, afterSession, off + len) : "";
        return new LogfileHeader(Integer.toUnsignedLong(le.getInt(off)),
                version & 0xFF, (version >>> 8) & 0xFF, (version >>> 16) & 0xFF, version >>> 24,
                le.getInt(off + 8), le.getInt(off + 0x0C), le.getLong(off + 0x10), le.getInt(off + 0x18),
                le.getInt(off + 0x1C), le.getInt(off + 0x20), Integer.toUnsignedLong(le.getInt(off + 0x24)),
                pointerSize(le.getInt(off + 0x2C), p), Integer.toUnsignedLong(le.getInt(off + 0x30)), le.getInt(off + 0x34),
                le.getLong(off + 0xF8 + shift), le.getLong(off + 0x100 + shift), le.getLong(off + 0x108 + shift),
                le.getInt(off + 0x110 + shift), Integer.toUnsignedLong(le.getInt(off + 0x114 + shift)),
                session, file, headerTimestampRaw);
    }

    /**
     * The PointerSize field, or the header record's own pointer size when the field is not 4 or 8: PerfView
     * (ETWTraceEventSource.cs:583) replaces a 0 PointerSize (seen from realtime sessions) by the OS pointer size
     * instead of failing, and every record's layout follows its own header type anyway.
     */
    static int pointerSize(int field, int recordPointerSize) {
        return field == 4 || field == 8 ? field : recordPointerSize;
    }

    /** Reads a NUL-terminated UTF-16LE string that must end before {@code end} (else up to end). */
    public static String readWString(ByteBuffer le, int pos, int end) {
        StringBuilder sb = new StringBuilder();
        for (int p = pos; p + 1 < end; p += 2) {
            char c = le.getChar(p);
            if (c == 0) {
                break;
            }
            sb.append(c);
        }
        return sb.toString();
    }

    public boolean compressedMode() {
        return (logFileMode & MODE_COMPRESSED) != 0;
    }

    public boolean circularMode() {
        return (logFileMode & MODE_CIRCULAR) != 0;
    }
}
