package org.handlelens.ui.editor;

import java.util.concurrent.CancellationException;
import java.util.function.Consumer;

import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.Status;
import org.eclipse.core.runtime.jobs.ISchedulingRule;
import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Display;
import org.handlelens.ui.HandleLensUi;

/**
 * Runs a page's query in a Job and shows its result on the UI thread, but only while it is the
 * latest request: a newer request cancels the older Job, and a late result of an older Job is
 * dropped. Every editor page that computes in the background goes through one of these.
 *
 * @param <T> the query's result
 */
final class BackgroundQuery<T> {
    /** The query, run in the Job's thread; it may poll {@code monitor} and throw {@link CancellationException}. */
    @FunctionalInterface
    interface Computation<T> {
        T compute(IProgressMonitor monitor) throws Exception;
    }

    private final String jobName;
    private final Control owner;
    private final Display display;
    private final Consumer<T> show;
    private Consumer<String> onError;
    private boolean userJob;
    private ISchedulingRule rule;
    /** Touched on the UI thread only. */
    private Job pending;
    /** The job whose result is on screen: ready means it is the latest one scheduled. */
    private Job shown;

    /** Results go to {@code show} (UI thread) while {@code owner} is not disposed. */
    BackgroundQuery(String jobName, Control owner, Consumer<T> show) {
        this.jobName = jobName;
        this.owner = owner;
        this.display = owner.getDisplay();
        this.show = show;
    }

    /** A failure's message goes to {@code handler} (UI thread) instead of only the Error Log. */
    BackgroundQuery<T> onError(Consumer<String> handler) {
        this.onError = handler;
        return this;
    }

    /** Shows the Job in the Progress view (long work the user asked for, e.g. loading another file). */
    BackgroundQuery<T> asUserJob() {
        this.userJob = true;
        return this;
    }

    /** The Jobs take {@code schedulingRule}: Jobs with conflicting rules run one after the other. */
    BackgroundQuery<T> withRule(ISchedulingRule schedulingRule) {
        this.rule = schedulingRule;
        return this;
    }

    /** Cancels the previous request and computes {@code computation} in a new Job. UI thread only. */
    void run(Computation<T> computation) {
        if (pending != null) {
            pending.cancel();
        }
        Job job = new Job(jobName) {
            @Override
            protected IStatus run(IProgressMonitor monitor) {
                T result;
                try {
                    result = computation.compute(monitor);
                } catch (CancellationException e) {
                    return Status.CANCEL_STATUS;
                } catch (Exception | OutOfMemoryError e) {
                    String message = e.getMessage() != null ? e.getMessage() : e.toString();
                    deliver(() -> {
                        if (onError != null) {
                            onError.accept(message);
                        }
                    }, this);
                    return onError != null ? Status.OK_STATUS
                            : new Status(IStatus.ERROR, HandleLensUi.PLUGIN_ID, jobName + ": " + message, e);
                }
                if (monitor.isCanceled()) {
                    return Status.CANCEL_STATUS;
                }
                deliver(() -> show.accept(result), this);
                return Status.OK_STATUS;
            }
        };
        job.setSystem(!userJob);
        job.setUser(userJob);
        job.setRule(rule);
        pending = job;
        job.schedule();
    }

    private void deliver(Runnable onUiThread, Job from) {
        if (display.isDisposed()) {
            return;
        }
        display.asyncExec(() -> {
            if (owner.isDisposed() || from != pending) {
                return;
            }
            shown = from;
            onUiThread.run();
        });
    }

    /** Cancels the running request, if any; nothing is ready until the next {@link #run}. UI thread only. */
    void cancel() {
        if (pending != null) {
            pending.cancel();
        }
        pending = null;
    }

    /** True when the latest request's result (or failure) is shown. */
    boolean isReady() {
        return pending != null && shown == pending;
    }

    /** True once a request was made. */
    boolean isStarted() {
        return pending != null;
    }
}
