package org.handlelens.ui.imports;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import org.eclipse.core.resources.IFile;
import org.eclipse.core.resources.ResourcesPlugin;
import org.eclipse.core.runtime.CoreException;
import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.OperationCanceledException;
import org.eclipse.core.runtime.Status;
import org.eclipse.core.runtime.SubMonitor;
import org.eclipse.core.runtime.jobs.Job;
import org.handlelens.model.spi.ModelSources;
import org.handlelens.ui.HandleLensUi;
import org.handlelens.ui.load.EclipseProgress;
import org.handlelens.ui.project.ImportMode;

/**
 * Import without a wizard (files dropped on the Project Explorer): detects each file's format,
 * brings the accepted ones into the project's Traces folder and then indexes them
 * ({@link IndexTracesJob}). Rejected files go to {@code onRejected} (in the job's thread).
 */
public final class TraceImportJob extends Job {
    private final List<Path> files;
    private final String projectName;
    private final ImportMode mode;
    private final ModelSources sources;
    private final Consumer<List<Detection>> onRejected;
    private volatile IndexTracesJob indexJob;

    /** A job importing {@code files} into trace project {@code projectName} (created when missing). */
    public TraceImportJob(List<Path> files, String projectName, ImportMode mode, ModelSources sources,
            Consumer<List<Detection>> onRejected) {
        super("Importing traces into " + projectName);
        this.files = List.copyOf(files);
        this.projectName = projectName;
        this.mode = mode;
        this.sources = sources;
        this.onRejected = onRejected;
        setUser(true);
    }

    @Override
    public boolean belongsTo(Object family) {
        return family == IndexTracesJob.FAMILY;
    }

    /** The indexing job scheduled after the import, or null before. */
    public IndexTracesJob indexJob() {
        return indexJob;
    }

    @Override
    protected IStatus run(IProgressMonitor monitor) {
        try {
            List<Path> candidates = TraceDetector.expand(files);
            SubMonitor sub = SubMonitor.convert(monitor, getName(), candidates.size() + 2);
            TraceDetector detector = new TraceDetector(sources);
            List<Path> accepted = new ArrayList<>();
            List<Detection> rejected = new ArrayList<>();
            for (Path p : candidates) {
                Detection d = detector.detect(p, new EclipseProgress(sub.split(1)));
                if (d.accepted()) {
                    accepted.add(p);
                } else {
                    rejected.add(d);
                }
            }
            if (!rejected.isEmpty()) {
                onRejected.accept(rejected);
            }
            if (accepted.isEmpty()) {
                return Status.OK_STATUS;
            }
            List<IFile> imported = new ArrayList<>();
            ResourcesPlugin.getWorkspace().run(m -> imported.addAll(TraceImportOperation.run(
                    new TraceImportOperation.Request(accepted, projectName, mode), m)),
                    ResourcesPlugin.getWorkspace().getRoot(), 0, sub.split(2));
            IndexTracesJob job = new IndexTracesJob(imported, sources, HandleLensUi.getDefault().traceSummaries());
            indexJob = job;
            job.schedule();
            return Status.OK_STATUS;
        } catch (OperationCanceledException | java.util.concurrent.CancellationException e) {
            return Status.CANCEL_STATUS;
        } catch (CoreException e) {
            return e.getStatus();
        } catch (java.io.IOException e) {
            return new Status(IStatus.ERROR, HandleLensUi.PLUGIN_ID, "Could not list " + files + ": " + e.getMessage(),
                    e);
        }
    }
}
