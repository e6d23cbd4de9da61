package org.handlelens.ui.load;

import org.eclipse.core.runtime.IProgressMonitor;
import org.handlelens.model.ProgressMonitor;

/**
 * Adapts an Eclipse monitor to the model's. Work arrives as long units (bytes); Eclipse counts
 * in ints, so it is scaled to a fixed 10,000 ticks.
 */
public final class EclipseProgress implements ProgressMonitor {
    private static final int TICKS = 10_000;
    private final IProgressMonitor monitor;
    private long total = -1;
    private long done;
    private int reportedTicks;

    /** Wraps {@code monitor}; its task must not have begun yet. */
    public EclipseProgress(IProgressMonitor monitor) {
        this.monitor = monitor;
    }

    @Override
    public void begin(long totalWork) {
        total = totalWork;
        monitor.beginTask("", totalWork > 0 ? TICKS : IProgressMonitor.UNKNOWN);
    }

    @Override
    public void worked(long work) {
        if (total <= 0) {
            return;
        }
        done += work;
        int ticks = (int) Math.min(TICKS, done * TICKS / total);
        if (ticks > reportedTicks) {
            monitor.worked(ticks - reportedTicks);
            reportedTicks = ticks;
        }
    }

    @Override
    public boolean isCanceled() {
        return monitor.isCanceled();
    }

    @Override
    public void subTask(String name) {
        monitor.subTask(name);
    }

    @Override
    public void done() {
        monitor.done();
    }
}
