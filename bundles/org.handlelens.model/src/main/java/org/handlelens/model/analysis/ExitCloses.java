package org.handlelens.model.analysis;

import java.util.List;
import java.util.Locale;

import org.handlelens.model.HandleModel;
import org.handlelens.model.ModelConstants;
import org.handlelens.model.ProcessRecord;
import org.handlelens.model.StackTrace;

/**
 * Recognises handles that were closed only because their process exited: the kernel sweeps the
 * handle table ({@code PspExitProcess -> ObKillProcess -> ExSweepHandleTable}) and WPA shows a close,
 * so "Closing Process = Unknown" misses these leaks — common for short-lived leaking processes.
 *
 * <p>A close counts as an exit close when it was done by the owning process (or an Unknown closer) and
 * either its close stack runs through one of {@link #EXIT_FUNCTIONS}, or — when there is no close
 * stack with frame names — its close time lies within {@code windowNanos} of the owning process's exit time. A close
 * stack without an exit function is an explicit {@code CloseHandle} even inside the window.
 *
 * @param windowNanos half-width of the exit window around the process end time
 */
public record ExitCloses(long windowNanos) {
    /**
     * Default window: 100 ms. The sweep and the Process/End event are logged within a few milliseconds
     * of each other; 100 ms leaves room for timestamp skew between CPUs and a busy machine while staying
     * far shorter than the lifetime of a process worth analysing.
     */
    public static final long DEFAULT_WINDOW_NANOS = 100_000_000L;

    /** Kernel functions on the close stack of a handle-table sweep at process exit (lower-case). */
    public static final List<String> EXIT_FUNCTIONS = List.of("exsweephandletable", "ntterminateprocess",
            "pspexitprocess", "obkillprocess", "pspexitthread", "pspterminateallthreads", "obphandletabledelete",
            "exdestroyhandletable");

    /** Policy with {@link #DEFAULT_WINDOW_NANOS}. */
    public static final ExitCloses DEFAULT = new ExitCloses(DEFAULT_WINDOW_NANOS);

    public ExitCloses {
        if (windowNanos < 0) {
            throw new IllegalArgumentException("negative exit window");
        }
    }

    /** True when {@code row} was closed by its owning process's exit, not by the program. */
    public boolean isExitClose(HandleModel m, int row) {
        int owner = m.owningProcess(row);
        int closer = m.closingProcess(row);
        long closed = m.closeTimeNanos(row);
        if (closer == ModelConstants.UNKNOWN_PROCESS && closed == ModelConstants.TIME_UNKNOWN) {
            return false; // still open
        }
        if (closer != ModelConstants.UNKNOWN_PROCESS && closer != owner) {
            return false; // closed from another process (DuplicateHandle with DUPLICATE_CLOSE_SOURCE)
        }
        StackTrace closeStack = m.stack(m.closeStackId(row));
        if (closeStack != null && hasNamedFrame(closeStack)) {
            return runsThroughExit(closeStack);
        }
        ProcessRecord p = m.process(owner);
        if (p == null || p.endTimeNanos() == ModelConstants.TIME_UNKNOWN || closed == ModelConstants.TIME_UNKNOWN) {
            return false;
        }
        return Math.abs(closed - p.endTimeNanos()) <= windowNanos;
    }

    private static boolean hasNamedFrame(StackTrace stack) {
        for (int i = 0; i < stack.frameCount(); i++) {
            if (stack.frameName(i) != null) {
                return true;
            }
        }
        return false;
    }

    /** True when a frame of {@code stack} names one of {@link #EXIT_FUNCTIONS}. */
    public static boolean runsThroughExit(StackTrace stack) {
        for (int i = 0; i < stack.frameCount(); i++) {
            String name = stack.frameName(i);
            if (name == null) {
                continue;
            }
            String lower = name.toLowerCase(Locale.ROOT);
            int bang = lower.indexOf('!');
            String fn = bang >= 0 ? lower.substring(bang + 1) : lower;
            for (String f : EXIT_FUNCTIONS) {
                if (fn.startsWith(f)) {
                    return true;
                }
            }
        }
        return false;
    }
}
