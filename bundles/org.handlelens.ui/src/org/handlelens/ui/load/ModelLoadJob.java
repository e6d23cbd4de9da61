package org.handlelens.ui.load;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.CancellationException;
import java.util.function.Consumer;

import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.Status;
import org.eclipse.core.runtime.jobs.Job;
import org.handlelens.model.HandleModel;
import org.handlelens.model.SourceFormatException;
import org.handlelens.model.spi.ModelSources;
import org.handlelens.ui.HandleLensUi;

/**
 * Reads a trace or WinDbg log into a model in the background, with progress and cancel.
 * The result goes to {@code onLoaded} (called in the job's thread), a failure to {@code onFailed}
 * with a message that names the file and position.
 */
public final class ModelLoadJob extends Job {
    private final Path file;
    private final Path index;
    private final ModelSources sources;
    private final Consumer<HandleModel> onLoaded;
    private final Consumer<String> onFailed;

    /** A job loading {@code file} with the contributed importers. */
    public ModelLoadJob(Path file, ModelSources sources, Consumer<HandleModel> onLoaded, Consumer<String> onFailed) {
        this(file, null, sources, onLoaded, onFailed);
    }

    /**
     * A job loading {@code file} through its persisted index {@code index} (read when current, else
     * written after the import; null for none).
     */
    public ModelLoadJob(Path file, Path index, ModelSources sources, Consumer<HandleModel> onLoaded,
            Consumer<String> onFailed) {
        super("Indexing " + file.getFileName());
        this.file = file;
        this.index = index;
        this.sources = sources;
        this.onLoaded = onLoaded;
        this.onFailed = onFailed;
        setUser(true);
    }

    @Override
    protected IStatus run(IProgressMonitor monitor) {
        try {
            IndexedModelLoader.Result result = new IndexedModelLoader(sources).load(file, index,
                    new EclipseProgress(monitor));
            if (result.indexError() != null) {
                // the model is fine; only reopening will be slower
                HandleLensUi.logWarning(result.indexError());
            }
            onLoaded.accept(result.model());
            return Status.OK_STATUS;
        } catch (CancellationException e) {
            onFailed.accept("Import of " + file + " was canceled.");
            return Status.CANCEL_STATUS;
        } catch (SourceFormatException e) {
            onFailed.accept(e.getMessage());
            return new Status(IStatus.ERROR, HandleLensUi.PLUGIN_ID, e.getMessage(), e);
        } catch (IOException | RuntimeException e) {
            String message = "Could not read " + file + ": " + e;
            onFailed.accept(message);
            return new Status(IStatus.ERROR, HandleLensUi.PLUGIN_ID, message, e);
        } finally {
            monitor.done();
        }
    }
}
