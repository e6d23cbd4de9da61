package org.handlelens.model.spi;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;

import org.handlelens.model.HandleModel;
import org.handlelens.model.ProgressMonitor;
import org.handlelens.model.SourceFormatException;

/**
 * The set of available importers and format detection by confidence (highest wins).
 */
public final class ModelSources {
    /** Bytes of the file head passed to {@link ModelSource#confidence}. */
    public static final int HEAD_BYTES = 64 * 1024;

    private final List<ModelSource> sources;

    /** A registry over the given importers. */
    public ModelSources(List<ModelSource> sources) {
        this.sources = List.copyOf(sources);
    }

    /** Importers found by {@link ServiceLoader} through {@code loader}. */
    public static ModelSources discover(ClassLoader loader) {
        List<ModelSource> found = new ArrayList<>();
        for (ModelSource s : ServiceLoader.load(ModelSource.class, loader)) {
            found.add(s);
        }
        return new ModelSources(found);
    }

    /** The importers. */
    public List<ModelSource> sources() {
        return sources;
    }

    /** The importer with the highest non-zero confidence for {@code file}, or null when none. */
    public ModelSource detect(Path file) throws IOException {
        byte[] head = readHead(file);
        ModelSource best = null;
        int bestConfidence = 0;
        for (ModelSource s : sources) {
            int c = s.confidence(file, head);
            if (c > bestConfidence) {
                best = s;
                bestConfidence = c;
            }
        }
        return best;
    }

    /**
     * Detects the format and loads {@code file}.
     *
     * @throws SourceFormatException no importer recognises the file, or the chosen one rejects it
     */
    public HandleModel load(Path file, ProgressMonitor monitor) throws IOException, SourceFormatException {
        ModelSource source = detect(file);
        if (source == null) {
            List<String> ids = sources.stream().map(ModelSource::formatId).toList();
            throw SourceFormatException.ofFile(file, "unrecognised input format (known formats: "
                    + (ids.isEmpty() ? "none installed" : String.join(", ", ids)) + ")");
        }
        return source.load(file, monitor);
    }

    /** First {@link #HEAD_BYTES} bytes of {@code file} (fewer when it is shorter). */
    public static byte[] readHead(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return in.readNBytes(HEAD_BYTES);
        }
    }
}
