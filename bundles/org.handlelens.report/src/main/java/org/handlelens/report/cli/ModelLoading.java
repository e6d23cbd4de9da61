package org.handlelens.report.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;

import org.handlelens.model.HandleModel;
import org.handlelens.model.ProgressMonitor;
import org.handlelens.model.SourceFormatException;
import org.handlelens.model.spi.ModelSources;
import org.handlelens.model.store.HandleModelIndex;
import org.handlelens.model.store.SourceFingerprint;

/**
 * Finds the importer for a file (through {@link java.util.ServiceLoader}, never hard-wired) and loads
 * it, reusing and refreshing the persisted index for large sources.
 */
final class ModelLoading {
    /** Sources smaller than this are re-imported every time (an index would not pay off). */
    static final long INDEX_MIN_BYTES = 16L << 20;

    private final ModelSources sources;
    private final Path cacheDir;
    private final boolean useIndex;

    ModelLoading(ModelSources sources, Path cacheDir, boolean useIndex) {
        this.sources = sources;
        this.cacheDir = cacheDir;
        this.useIndex = useIndex;
    }

    /** The per-user index cache folder (one rule for CLI and workbench: {@link HandleModelIndex#userCacheRoot()}). */
    static Path defaultCacheDir() {
        return HandleModelIndex.userCacheRoot();
    }

    /**
     * What {@code info} needs: for a trace whose index is current, the index's summary (read without its
     * columns: the rows of a trace are not listed by {@code info}); otherwise {@link #load} (import, index
     * written as usual, or a WinDbg dump whose rows {@code info} lists).
     */
    InfoCommand.View loadInfo(Path file, PrintStream err) throws IOException, SourceFormatException {
        checkReadable(file);
        if (useIndex && Files.size(file) >= INDEX_MIN_BYTES) {
            HandleModelIndex.Summary s = HandleModelIndex.summaryOrNull(file,
                    HandleModelIndex.locationFor(file, cacheDir));
            if (s != null && InfoCommand.isTrace(s.source())) {
                return new InfoCommand.View(s.source(), s.processes(), s.rowCount(), s.warnings(), s.partialReason(),
                        s.snapshots(), null);
            }
        }
        return InfoCommand.View.of(load(file, err));
    }

    private static void checkReadable(Path file) throws SourceFormatException {
        if (!Files.exists(file)) {
            throw SourceFormatException.ofFile(file, "no such file");
        }
        if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
            throw SourceFormatException.ofFile(file, "not a readable file");
        }
    }

    HandleModel load(Path file, PrintStream err) throws IOException, SourceFormatException {
        checkReadable(file);
        boolean indexed = useIndex && Files.size(file) >= INDEX_MIN_BYTES;
        Path index = indexed ? HandleModelIndex.locationFor(file, cacheDir) : null;
        if (indexed) {
            HandleModel cached = HandleModelIndex.openOrNull(file, index);
            if (cached != null) {
                return cached;
            }
        }
        SourceFingerprint before = indexed ? SourceFingerprint.of(file) : null;
        HandleModel model = sources.load(file, ProgressMonitor.NULL);
        if (indexed) {
            try {
                // fingerprint taken before the import: a file changed meanwhile gets a stale index, never a wrong one
                HandleModelIndex.write(model, before, index);
            } catch (IOException e) {
                err.println("handlelens: note: could not write index " + index + ": " + e.getMessage());
            }
        }
        return model;
    }
}
