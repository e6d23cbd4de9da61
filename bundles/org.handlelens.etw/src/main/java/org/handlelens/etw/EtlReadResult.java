package org.handlelens.etw;

/**
 * Outcome of {@link EtlReader#read}.
 *
 * @param partial      true when part of the file could not be decoded ({@link #fault} says where first)
 * @param fault        the first fault, or null
 * @param faultCount   number of faults (buffers/records skipped)
 * @param buffersRead  buffers decoded
 * @param bytesRead    on-disk bytes of the buffers decoded
 */
public record EtlReadResult(EtlFileInfo info, EventCounts counts, boolean partial, EtlFormatException fault,
        int faultCount, long buffersRead, long bytesRead) {
}
