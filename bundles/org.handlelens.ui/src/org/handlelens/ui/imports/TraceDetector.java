package org.handlelens.ui.imports;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CancellationException;
import java.util.stream.Stream;

import org.handlelens.model.ProgressMonitor;
import org.handlelens.model.SourceFormatException;
import org.handlelens.model.spi.ModelSource;
import org.handlelens.model.spi.ModelSources;

/**
 * Decides which candidate files can be imported, and says why not. Each file's first 64 KiB go to
 * every importer's {@link ModelSource#confidence}; the best one wins. Unless it is certain
 * ({@value #CERTAIN}+), a small file is also trial-read by it so that, e.g., a text file that only
 * mentions {@code !htrace} is rejected with the importer's own message rather than failing later.
 * Plain Java, no UI.
 */
public final class TraceDetector {
    /** Confidence from which no trial read is made. */
    public static final int CERTAIN = 90;
    /** Files up to this size are trial-read when the importer is not certain. */
    public static final long TRIAL_READ_MAX_BYTES = 32L << 20;
    /** Extensions picked up when a folder is given. */
    public static final List<String> EXTENSIONS = List.of(".etl", ".txt", ".log");

    private final ModelSources sources;

    /** A detector over the given importers. */
    public TraceDetector(ModelSources sources) {
        this.sources = sources;
    }

    /** The files to consider for {@code paths}: files as given, folders expanded (one level) to traces/logs. */
    public static List<Path> expand(List<Path> paths) throws IOException {
        List<Path> result = new ArrayList<>();
        for (Path p : paths) {
            if (Files.isDirectory(p)) {
                try (Stream<Path> children = Files.list(p)) {
                    children.filter(Files::isRegularFile).filter(TraceDetector::hasTraceExtension).sorted()
                            .forEach(result::add);
                }
            } else if (!result.contains(p)) {
                result.add(p);
            }
        }
        return result;
    }

    private static boolean hasTraceExtension(Path p) {
        String name = p.getFileName().toString().toLowerCase(Locale.ROOT);
        return EXTENSIONS.stream().anyMatch(name::endsWith);
    }

    /**
     * Detects the format of {@code file}.
     *
     * @throws CancellationException when {@code monitor} is canceled during a trial read
     */
    public Detection detect(Path file, ProgressMonitor monitor) {
        if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
            return new Detection(file, -1, null, 0, false, "not a readable file");
        }
        long size;
        byte[] head;
        try {
            size = Files.size(file);
            head = ModelSources.readHead(file);
        } catch (IOException e) {
            return new Detection(file, -1, null, 0, false, "cannot be read: " + e.getMessage());
        }
        ModelSource best = null;
        int bestConfidence = 0;
        for (ModelSource s : sources.sources()) {
            int c = s.confidence(file, head);
            if (c > bestConfidence) {
                best = s;
                bestConfidence = c;
            }
        }
        if (best == null) {
            List<String> ids = sources.sources().stream().map(ModelSource::formatId).toList();
            return new Detection(file, size, null, 0, false, "no importer recognises it (known formats: "
                    + (ids.isEmpty() ? "none installed" : String.join(", ", ids)) + ")");
        }
        if (bestConfidence >= CERTAIN) {
            return new Detection(file, size, best.formatId(), bestConfidence, true, "");
        }
        if (size > TRIAL_READ_MAX_BYTES) {
            return new Detection(file, size, best.formatId(), bestConfidence, true,
                    "low confidence: checked when indexed");
        }
        try {
            best.load(file, monitor);
            return new Detection(file, size, best.formatId(), bestConfidence, true, "");
        } catch (SourceFormatException e) {
            return new Detection(file, size, best.formatId(), bestConfidence, false, describe(e, file));
        } catch (IOException | RuntimeException e) {
            if (e instanceof CancellationException c) {
                throw c;
            }
            return new Detection(file, size, best.formatId(), bestConfidence, false, "cannot be read: " + e);
        }
    }

    /**
     * The importer's message with a line/offset; the file's full path (shown in its own column) is
     * shortened to its name so the reason stays readable.
     */
    private static String describe(SourceFormatException e, Path file) {
        String detail = e.detail() == null ? e.getMessage() : e.detail();
        if (file.getFileName() != null) {
            detail = detail.replace(file.toString(), file.getFileName().toString())
                    .replace(file.toAbsolutePath().normalize().toString(), file.getFileName().toString());
        }
        return switch (e.positionKind()) {
            case LINE -> "line " + e.position() + ": " + detail;
            case BYTE_OFFSET -> "byte offset " + e.position() + ": " + detail;
            case NONE -> detail;
        };
    }
}
