package org.handlelens.model;

/**
 * One process as the source describes it. PID reuse yields distinct records (distinct process keys).
 *
 * @param eprocessAddress kernel EPROCESS address, -1 when unknown
 * @param pid             process id
 * @param parentPid       parent process id, -1 when unknown
 * @param sessionId       session id, {@code null} when the source says "none" or does not give it
 * @param image           image name as printed ("smss.exe", "System"); never null, may be empty
 * @param handleCount     handle count the source reports, -1 when not given
 *                        (e.g. {@code HandleCount: <Data Not Accessible>})
 * @param startTimeNanos  start, nanoseconds since trace start, {@link ModelConstants#TIME_UNKNOWN} if unknown
 * @param endTimeNanos    exit, nanoseconds since trace start, {@link ModelConstants#TIME_UNKNOWN} if unknown
 */
public record ProcessRecord(long eprocessAddress, int pid, int parentPid, Integer sessionId, String image,
        long handleCount, long startTimeNanos, long endTimeNanos) {

    /** Sentinel for unknown process start/end times. */
    public static final long TIME_UNKNOWN = ModelConstants.TIME_UNKNOWN;

    public ProcessRecord {
        image = image == null ? "" : image;
    }

    /** A process known only by pid and image, without times (typical for WinDbg). */
    public static ProcessRecord of(int pid, String image) {
        return new ProcessRecord(-1, pid, -1, null, image, -1, TIME_UNKNOWN, TIME_UNKNOWN);
    }

    /**
     * WPA-style label, e.g. {@code "smss.exe (1276)"}; a process known only by its EPROCESS address
     * (WinDbg {@code !htrace 0 81400300}) is {@code "EPROCESS 0x81400300"}; one known only by its
     * pid (user-mode {@code !htrace}) is {@code "Process (6636)"}.
     */
    public String label() {
        String name = !image.isEmpty() ? image
                : eprocessAddress != -1 ? "EPROCESS 0x" + Long.toHexString(eprocessAddress)
                : pid >= 0 ? "Process" : "Unknown";
        return pid < 0 ? name : name + " (" + pid + ")";
    }

    /**
     * Merge two descriptions of the same process: values this record lacks are taken from {@code other}.
     */
    public ProcessRecord mergedWith(ProcessRecord other) {
        return new ProcessRecord(
                eprocessAddress != -1 ? eprocessAddress : other.eprocessAddress,
                pid,
                parentPid != -1 ? parentPid : other.parentPid,
                sessionId != null ? sessionId : other.sessionId,
                !image.isEmpty() ? image : other.image,
                handleCount != -1 ? handleCount : other.handleCount,
                startTimeNanos != TIME_UNKNOWN ? startTimeNanos : other.startTimeNanos,
                endTimeNanos != TIME_UNKNOWN ? endTimeNanos : other.endTimeNanos);
    }
}
