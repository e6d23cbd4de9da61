package org.handlelens.model.spi;

import java.io.IOException;
import java.nio.file.Path;

import org.handlelens.model.HandleModel;
import org.handlelens.model.ProgressMonitor;
import org.handlelens.model.SourceFormatException;

/**
 * An importer, discovered with {@link java.util.ServiceLoader} (a
 * {@code META-INF/services/org.handlelens.model.spi.ModelSource} file in the importer bundle).
 * Implementations need a public no-argument constructor and no mutable state shared between loads.
 */
public interface ModelSource {
    /** Format id, e.g. {@code "windbg"} or {@code "etl"}; also {@link org.handlelens.model.SourceInfo#format()}. */
    String formatId();

    /**
     * How sure this importer is that it can read {@code file}, 0 (cannot) to 100 (certain), judged
     * from the name and the first bytes {@code head} (up to 64 KiB, fewer for small files). Must be cheap.
     */
    int confidence(Path file, byte[] head);

    /**
     * Reads {@code file} into a model. A damaged file whose readable part was analysed returns a model
     * marked partial ({@link org.handlelens.model.HandleModelBuilder#markPartial}).
     *
     * @throws SourceFormatException the file is not valid input; the message names file and position
     * @throws IOException           the file cannot be read
     * @throws java.util.concurrent.CancellationException the monitor was canceled
     */
    HandleModel load(Path file, ProgressMonitor monitor) throws SourceFormatException, IOException;
}
