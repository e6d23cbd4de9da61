package org.handlelens.ui.symbols;

import java.util.List;
import java.util.concurrent.CancellationException;

import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.Status;
import org.eclipse.core.runtime.SubMonitor;
import org.eclipse.core.runtime.jobs.Job;
import org.handlelens.symbols.SymbolService;
import org.handlelens.symbols.path.SymbolPathSyntaxException;
import org.handlelens.ui.HandleLensUi;

/**
 * "Load Symbols": resolves the modules of a model through the configured symbol path, one progress step
 * per module, cancellable (also while downloading). Results go into the model's {@link SymbolSession}.
 */
public final class LoadSymbolsJob extends Job {
    private final SymbolSession session;
    private final List<SymbolSession.ModuleKey> targets;
    private final SymbolSettings settings;
    private volatile int processed;

    /**
     * A job with the session's own settings ({@link SymbolSession#settings()}: the workspace's, or the trace
     * project's symbol path).
     *
     * @param session where results go
     * @param targets modules to (re)load, or null for all
     */
    public LoadSymbolsJob(SymbolSession session, List<SymbolSession.ModuleKey> targets) {
        this(session, targets, session.settings());
    }

    /**
     * @param session  where results go
     * @param targets  modules to (re)load, or null for all
     * @param settings symbol path and limits
     */
    public LoadSymbolsJob(SymbolSession session, List<SymbolSession.ModuleKey> targets, SymbolSettings settings) {
        super(targets == null ? "Loading symbols" : "Loading symbols of " + targets.size() + " module(s)");
        this.session = session;
        this.targets = targets == null ? null : List.copyOf(targets);
        this.settings = settings;
        setUser(true);
    }

    @Override
    public boolean belongsTo(Object family) {
        return family == session || family == LoadSymbolsJob.class;
    }

    /** The settings this job loads with. */
    public SymbolSettings settings() {
        return settings;
    }

    /** Modules processed by the last run. */
    public int processed() {
        return processed;
    }

    @Override
    protected IStatus run(IProgressMonitor monitor) {
        SymbolService service;
        try {
            service = settings.createService();
        } catch (SymbolPathSyntaxException e) {
            return new Status(IStatus.ERROR, HandleLensUi.PLUGIN_ID,
                    "The symbol path (Window > Preferences > HandleLens > Symbols, or the project's HandleLens Symbols"
                    + " properties) is invalid: " + e.getMessage(), e);
        }
        int total = targets != null ? targets.size() : session.modules().size();
        SubMonitor sub = SubMonitor.convert(monitor, "Loading symbols", Math.max(total, 1));
        try {
            processed = session.load(targets, service, new SymbolSession.LoadProgress() {
                @Override
                public boolean isCancelled() {
                    return sub.isCanceled();
                }

                @Override
                public void progress(String item, long bytesDone, long bytesTotal) {
                    sub.subTask("Downloading " + item + " (" + bytesDone / 1024 + " KB"
                            + (bytesTotal > 0 ? " of " + bytesTotal / 1024 + " KB)" : ")"));
                }

                @Override
                public void moduleDone(SymbolSession.ModuleEntry module, int done, int all) {
                    sub.subTask(module.moduleName() + ": " + session.symbols(module.key()).describe()
                            + " (" + done + " of " + all + ")");
                    sub.worked(1);
                }
            });
            return Status.OK_STATUS;
        } catch (CancellationException e) {
            return Status.CANCEL_STATUS;
        } catch (RuntimeException e) {
            return new Status(IStatus.ERROR, HandleLensUi.PLUGIN_ID, "Loading symbols failed: " + e.getMessage(), e);
        } finally {
            monitor.done();
        }
    }
}
