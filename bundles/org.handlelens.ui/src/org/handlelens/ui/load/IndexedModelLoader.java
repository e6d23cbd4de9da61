package org.handlelens.ui.load;

import java.io.IOException;
import java.nio.file.Path;

import org.handlelens.model.HandleModel;
import org.handlelens.model.ProgressMonitor;
import org.handlelens.model.SourceFormatException;
import org.handlelens.model.spi.ModelSources;
import org.handlelens.model.store.HandleModelIndex;
import org.handlelens.model.store.SourceFingerprint;

/**
 * Loads a model through its persisted index: a complete, current index is read instead of the
 * trace; otherwise the trace is imported and the index written (atomically, by the model). No UI.
 */
public final class IndexedModelLoader {
    /** What happened to the index in the last {@link #load}. */
    public enum IndexOutcome {
        /** Model read from a current index. */
        REUSED,
        /** Trace imported and index written. */
        WRITTEN,
        /** Trace imported; the index could not be written (see {@link Result#indexError()}). */
        NOT_WRITTEN,
        /** No index location (trace imported without one). */
        NONE
    }

    /** A loaded model and the fate of its index. */
    public record Result(HandleModel model, IndexOutcome outcome, String indexError) {
    }

    private final ModelSources sources;

    /** A loader using {@code sources} for imports. */
    public IndexedModelLoader(ModelSources sources) {
        this.sources = sources;
    }

    /**
     * The model of {@code trace}, from {@code index} when it is current, else imported (and then
     * indexed into {@code index}; null for no index).
     */
    public Result load(Path trace, Path index, ProgressMonitor monitor) throws IOException, SourceFormatException {
        if (index != null) {
            HandleModel cached = HandleModelIndex.openOrNull(trace, index);
            if (cached != null) {
                return new Result(cached, IndexOutcome.REUSED, null);
            }
        }
        // fingerprint before the import: a file changed meanwhile gets a stale index, never a wrong one
        SourceFingerprint before = index == null ? null : SourceFingerprint.of(trace);
        HandleModel model = sources.load(trace, monitor);
        if (index == null) {
            return new Result(model, IndexOutcome.NONE, null);
        }
        try {
            HandleModelIndex.write(model, before, index);
            return new Result(model, IndexOutcome.WRITTEN, null);
        } catch (IOException e) {
            return new Result(model, IndexOutcome.NOT_WRITTEN, "Could not write index " + index + ": " + e.getMessage());
        }
    }
}
