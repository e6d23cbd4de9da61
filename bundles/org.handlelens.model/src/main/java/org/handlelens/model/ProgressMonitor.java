package org.handlelens.model;

/**
 * Minimal progress/cancellation callback so importers stay free of Eclipse; the UI adapts
 * {@code IProgressMonitor} to it.
 */
public interface ProgressMonitor {
    /** A monitor that ignores progress and is never canceled. */
    ProgressMonitor NULL = new ProgressMonitor() {
        @Override
        public void begin(long totalWork) {
        }

        @Override
        public void worked(long work) {
        }

        @Override
        public boolean isCanceled() {
            return false;
        }
    };

    /** Starts the task; {@code totalWork} in arbitrary units (e.g. bytes), -1 when unknown. */
    void begin(long totalWork);

    /** Reports {@code work} more units done. */
    void worked(long work);

    /** True when the user asked to stop; importers then throw {@link java.util.concurrent.CancellationException}. */
    boolean isCanceled();

    /** Optional: the current sub-step, for display. */
    default void subTask(String name) {
    }

    /** Optional: the task is over. */
    default void done() {
    }
}
