package org.handlelens.model.store;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Writes a file so that it is either complete or absent: the content goes to a temporary file in the
 * target's folder that is forced to disk and renamed over the target only when the writer returned
 * normally. A cancelled, failed or killed write never leaves a truncated file that looks finished, nor
 * destroys an older one.
 */
public final class AtomicFile {
    /** Writes the content of a file. */
    @FunctionalInterface
    public interface Body {
        /** Writes everything to {@code out} (buffered; closed by the caller). */
        void writeTo(OutputStream out) throws IOException;
    }

    private AtomicFile() {
    }

    /**
     * Writes {@code target} with {@code body}. An exception from {@code body} (checked or not) removes the
     * temporary file and is rethrown; the target is then unchanged.
     */
    public static void write(Path target, Body body) throws IOException {
        Path dir = target.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path temp = createSibling(dir, "." + target.getFileName(), ".part");
        boolean done = false;
        try {
            try (OutputStream os = new BufferedOutputStream(Files.newOutputStream(temp), 1 << 16)) {
                body.writeTo(os);
            }
            // data on disk before the rename makes the file visible (a crash must not leave an empty target)
            try (FileChannel ch = FileChannel.open(temp, StandardOpenOption.WRITE)) {
                ch.force(true);
            }
            moveOver(temp, target);
            done = true;
        } finally {
            if (!done) {
                Files.deleteIfExists(temp);
            }
        }
    }

    /**
     * Creates a new empty file named {@code prefix + random + suffix} in {@code dir}. Unlike
     * {@link Files#createTempFile(Path, String, String)}, which makes the file readable by its owner only
     * on POSIX systems, the file gets the default permissions (umask), so an index, export or symbol cache
     * file renamed from it can be read by the other users of a shared folder as any file written there.
     */
    public static Path createSibling(Path dir, String prefix, String suffix) throws IOException {
        Files.createDirectories(dir);
        for (int attempt = 0;; attempt++) {
            String random = HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong());
            try {
                return Files.createFile(dir.resolve(prefix + random + suffix));
            } catch (FileAlreadyExistsException e) {
                if (attempt >= 100) {
                    throw e;
                }
            }
        }
    }

    /** Renames {@code source} over {@code target}, atomically where the file system can. */
    public static void moveOver(Path source, Path target) throws IOException {
        try {
            Files.move(source, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(source, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
