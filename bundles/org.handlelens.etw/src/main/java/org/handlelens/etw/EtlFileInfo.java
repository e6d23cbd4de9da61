package org.handlelens.etw;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

import org.handlelens.etw.header.LogfileHeader;
import org.handlelens.etw.header.TraceClock;

/**
 * Facts of one ETL file from its logfile header and buffer 0.
 *
 * @param compressionFormat COMPRESSION_FORMAT_* id (3 = XPRESS) for compressed files, else 0
 * @param clockType         1 QPC, 2 system time, 3 CPU cycles
 */
public record EtlFileInfo(Path path, long fileSizeBytes, int pointerSize, int cpuCount, int osMajor, int osMinor,
        int osBuild, Instant startTime, Instant endTime, Instant bootTime, int clockType, long perfFreq,
        int cpuSpeedMhz, long bufferSizeBytes, int logFileMode, boolean compressed, int compressionFormat,
        boolean circular, long buffersWritten, long eventsLost, long buffersLost, String sessionName,
        String logFileName, LogfileHeader header) {

    static EtlFileInfo of(Path path, long fileSize, LogfileHeader h, int compressionFormat) {
        return new EtlFileInfo(path, fileSize, h.pointerSize(), h.numberOfProcessors(), h.osMajor(), h.osMinor(),
                h.osBuild(), TraceClock.fileTimeToInstant(h.startTimeFileTime()),
                TraceClock.fileTimeToInstant(h.endTimeFileTime()), TraceClock.fileTimeToInstant(h.bootTimeFileTime()),
                h.clockType(), h.perfFreq(), h.cpuSpeedMhz(), h.bufferSizeBytes(), h.logFileMode(), h.compressedMode(),
                compressionFormat, h.circularMode(), h.buffersWritten(), h.eventsLost(), h.buffersLost(),
                h.sessionName(), h.logFileName(), h);
    }

    /** Clock converting this file's raw timestamps. */
    public TraceClock clock() {
        return TraceClock.of(header);
    }

    /** EndTime - StartTime from the header. */
    public Duration duration() {
        return Duration.between(startTime, endTime);
    }
}
