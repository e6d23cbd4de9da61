package org.handlelens.ui.properties;

import java.util.Locale;

import org.handlelens.model.ProcessRecord;

/** Properties of one process: identity, the handle count it reported and the handles the source holds. */
public final class ProcessPropertySource extends ReadOnlyPropertySource {
    private static final String PROCESS = "Process";
    private static final String HANDLES = "Handles";

    /**
     * @param handlesInSource handle rows of the process in the source
     * @param outstanding     of those, still open at the end of the source
     */
    public ProcessPropertySource(ProcessRecord p, long handlesInSource, long outstanding) {
        add(PROCESS, "Image", p.image());
        add(PROCESS, "PID", p.pid() < 0 ? "unknown" : p.pid() + " (0x" + Integer.toHexString(p.pid()) + ")");
        add(PROCESS, "Parent PID", p.parentPid() < 0 ? "unknown" : Integer.toString(p.parentPid()));
        add(PROCESS, "Session", p.sessionId() == null ? "unknown" : p.sessionId().toString());
        add(PROCESS, "EPROCESS", p.eprocessAddress() == -1 ? "" : "0x" + Long.toHexString(p.eprocessAddress()));
        add(PROCESS, "Start", seconds(p.startTimeNanos(), "before the source"));
        add(PROCESS, "Exit", seconds(p.endTimeNanos(), "after the source"));
        add(HANDLES, "Handle Count (reported)", p.handleCount() < 0 ? "not given" : String.format("%,d", p.handleCount()));
        add(HANDLES, "Handles in the source", String.format("%,d", handlesInSource));
        add(HANDLES, "Outstanding at the end", String.format("%,d", outstanding));
    }

    private static String seconds(long nanos, String unknown) {
        return nanos == ProcessRecord.TIME_UNKNOWN ? unknown : String.format(Locale.ROOT, "%.6f s", nanos / 1e9);
    }
}
