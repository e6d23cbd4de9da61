package org.handlelens.ui.imports;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.eclipse.core.resources.IContainer;
import org.eclipse.core.resources.IFile;
import org.eclipse.core.resources.IResource;
import org.eclipse.core.resources.ResourcesPlugin;
import org.eclipse.core.runtime.CoreException;
import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.MultiStatus;
import org.eclipse.core.runtime.Status;
import org.eclipse.core.runtime.SubMonitor;
import org.eclipse.core.runtime.jobs.Job;
import org.handlelens.model.spi.ModelSources;
import org.handlelens.ui.HandleLensUi;
import org.handlelens.ui.project.TraceIndexLocation;

/**
 * Indexes imported traces one after the other, with progress and cancel: each is imported (or its
 * current index reused), its index written beside it (see {@link TraceIndexLocation}) and its summary
 * handed to {@link TraceSummaries}. Failures are collected into the job's status (Error Log and the
 * workbench's error dialog).
 */
public final class IndexTracesJob extends Job {
    /** Job family, so tests and callers can wait for imports. */
    public static final Object FAMILY = IndexTracesJob.class;

    private final List<IFile> traces;
    private final ModelSources sources;
    private final TraceSummaries summaries;
    private final List<IFile> indexed = Collections.synchronizedList(new ArrayList<>());

    /** A job indexing {@code traces}. */
    public IndexTracesJob(List<IFile> traces, ModelSources sources, TraceSummaries summaries) {
        super(traces.size() == 1 ? "Indexing " + traces.get(0).getName() : "Indexing " + traces.size() + " traces");
        this.traces = List.copyOf(traces);
        this.sources = sources;
        this.summaries = summaries;
        setUser(true);
    }

    @Override
    public boolean belongsTo(Object family) {
        return family == FAMILY;
    }

    /** The traces indexed successfully so far, in order. */
    public List<IFile> indexed() {
        synchronized (indexed) {
            return List.copyOf(indexed);
        }
    }

    @Override
    protected IStatus run(IProgressMonitor monitor) {
        SubMonitor sub = SubMonitor.convert(monitor, getName(), traces.size() * 10);
        MultiStatus problems = new MultiStatus(HandleLensUi.PLUGIN_ID, 0, "Some traces could not be indexed");
        for (IFile trace : traces) {
            if (sub.isCanceled()) {
                return Status.CANCEL_STATUS;
            }
            sub.setTaskName("Indexing " + trace.getName());
            TraceSummary summary = summaries.compute(trace, sources, sub.split(9));
            if (sub.isCanceled()) {
                return Status.CANCEL_STATUS;
            }
            if (summary == null) {
                String error = summaries.error(trace);
                problems.add(new Status(IStatus.ERROR, HandleLensUi.PLUGIN_ID,
                        trace.getFullPath() + ": " + (error == null ? "not indexed" : error)));
            } else {
                indexed.add(trace);
            }
            showIndexFile(trace, sub.split(1));
        }
        return problems.isOK() ? Status.OK_STATUS : problems;
    }

    /** Brings an index written inside the workspace into sync and hides it from the navigator. */
    private static void showIndexFile(IFile trace, IProgressMonitor monitor) {
        Path index = TraceIndexLocation.of(trace);
        if (index == null) {
            return;
        }
        IContainer parent = trace.getProject();
        try {
            for (IContainer c : ResourcesPlugin.getWorkspace().getRoot()
                    .findContainersForLocationURI(index.getParent().toUri())) {
                if (c.getProject() != null && c.getProject().equals(trace.getProject())) {
                    parent = c;
                }
            }
            if (!parent.exists() && parent.getParent() != null) {
                parent.getParent().refreshLocal(IResource.DEPTH_ONE, null); // a new .index folder
            }
            parent.refreshLocal(IResource.DEPTH_ONE, monitor);
            for (IFile f : ResourcesPlugin.getWorkspace().getRoot().findFilesForLocationURI(index.toUri())) {
                if (f.exists() && !f.isHidden()) {
                    f.setHidden(true);
                    f.setDerived(true, null);
                }
            }
        } catch (CoreException e) {
            HandleLensUi.logError("Could not refresh " + parent.getFullPath() + " after indexing", e);
        }
    }
}
