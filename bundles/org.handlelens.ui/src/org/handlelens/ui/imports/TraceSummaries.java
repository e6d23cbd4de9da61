package org.handlelens.ui.imports;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

import org.eclipse.core.resources.IFile;
import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.Status;
import org.eclipse.core.runtime.jobs.Job;
import org.handlelens.model.spi.ModelSources;
import org.handlelens.ui.load.EclipseProgress;
import org.handlelens.ui.load.IndexedModelLoader;
import org.handlelens.ui.load.ModelSourceRegistry;
import org.handlelens.ui.project.TraceIndexLocation;

/**
 * Summaries of the traces in trace projects, computed off the UI thread from the persisted index
 * (or by importing the trace and writing the index) and kept while the file is unchanged. One
 * instance per running UI bundle ({@link org.handlelens.ui.HandleLensUi#traceSummaries()}).
 */
public final class TraceSummaries {
    private record Entry(long stamp, TraceSummary summary, String error) {
    }

    private final Map<IFile, Entry> entries = new ConcurrentHashMap<>();
    private final Set<IFile> pending = ConcurrentHashMap.newKeySet();
    /** Callbacks waiting for a computation that is already running (e.g. the import's). */
    private final Map<IFile, List<Consumer<IFile>>> waiters = new ConcurrentHashMap<>();

    /** The summary of {@code trace} if known and current, else null. */
    public TraceSummary get(IFile trace) {
        Entry e = entries.get(trace);
        return e != null && e.stamp == stamp(trace) ? e.summary : null;
    }

    /** Why the summary of {@code trace} could not be computed, or null. */
    public String error(IFile trace) {
        Entry e = entries.get(trace);
        return e != null && e.stamp == stamp(trace) ? e.error : null;
    }

    /** Records a freshly computed summary (by the import job). */
    public void put(IFile trace, TraceSummary summary) {
        entries.put(trace, new Entry(stamp(trace), summary, null));
    }

    /** Records a failure. */
    public void putError(IFile trace, String error) {
        entries.put(trace, new Entry(stamp(trace), null, error));
    }

    /** Drops what is known of {@code trace} (e.g. after a restart nothing is); the index stays on disk. */
    public void forget(IFile trace) {
        entries.remove(trace);
    }

    /** True while a summary job for {@code trace} runs. */
    public boolean isPending(IFile trace) {
        return pending.contains(trace);
    }

    /**
     * Computes the summary of {@code trace} in a Job unless a computation is running already;
     * {@code onDone} runs in the computing thread when it ends.
     */
    public void request(IFile trace, Consumer<IFile> onDone) {
        synchronized (waiters) {
            waiters.computeIfAbsent(trace, t -> new ArrayList<>()).add(onDone);
            if (pending.contains(trace)) {
                return; // the running computation (a request's or the import's) will call back
            }
        }
        Job job = new Job("Reading index of " + trace.getName()) {
            @Override
            protected IStatus run(IProgressMonitor monitor) {
                compute(trace, ModelSourceRegistry.load(), monitor);
                return monitor.isCanceled() ? Status.CANCEL_STATUS : Status.OK_STATUS;
            }
        };
        job.setPriority(Job.SHORT);
        job.schedule();
    }

    private void finished(IFile trace) {
        List<Consumer<IFile>> callbacks;
        synchronized (waiters) {
            pending.remove(trace);
            callbacks = waiters.remove(trace);
        }
        if (callbacks != null) {
            callbacks.forEach(c -> c.accept(trace));
        }
    }

    /** Loads (through the index) and summarises {@code trace} now; returns the summary or null on failure. */
    public TraceSummary compute(IFile trace, ModelSources sources, IProgressMonitor monitor) {
        synchronized (waiters) {
            pending.add(trace);
        }
        try {
            return computeNow(trace, sources, monitor);
        } finally {
            finished(trace);
        }
    }

    private TraceSummary computeNow(IFile trace, ModelSources sources, IProgressMonitor monitor) {
        java.nio.file.Path file = TraceIndexLocation.tracePath(trace);
        if (file == null) {
            putError(trace, "not a local file");
            return null;
        }
        try {
            IndexedModelLoader.Result r = new IndexedModelLoader(sources).load(file, TraceIndexLocation.of(trace),
                    new EclipseProgress(monitor));
            TraceSummary summary = TraceSummary.of(r.model(), java.nio.file.Files.size(file));
            put(trace, summary);
            return summary;
        } catch (java.util.concurrent.CancellationException e) {
            entries.remove(trace);
            return null;
        } catch (Exception e) {
            putError(trace, e.getMessage() == null ? e.toString() : e.getMessage());
            return null;
        }
    }

    private static long stamp(IFile trace) {
        return trace.getLocalTimeStamp();
    }
}
