package org.handlelens.model.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Atomic writes used by the index, exports and reports: complete or absent, never owner-only by accident. */
class AtomicFileTest {
    @TempDir
    Path tmp;

    @Test
    void writesTheContentAndLeavesNoTemporaryFile() throws IOException {
        Path target = tmp.resolve("out").resolve("table.csv");
        AtomicFile.write(target, os -> os.write("a,b\n1,2\n".getBytes(StandardCharsets.UTF_8)));
        assertArrayEquals("a,b\n1,2\n".getBytes(StandardCharsets.UTF_8), Files.readAllBytes(target));
        assertEquals(List.of(target), list(target.getParent()));
    }

    @Test
    void aFailingWriterKeepsTheOldFileAndRemovesItsTemporaryFile() throws IOException {
        Path target = tmp.resolve("report.json");
        Files.writeString(target, "old");
        assertThrows(UncheckedIOException.class, () -> AtomicFile.write(target, os -> {
            os.write("half of the new".getBytes(StandardCharsets.UTF_8));
            throw new UncheckedIOException(new IOException("disk full"));
        }));
        assertEquals("old", Files.readString(target));
        assertEquals(List.of(target), list(tmp));
    }

    @Test
    void theFileGetsTheFolderDefaultPermissionsNotOwnerOnly() throws IOException {
        assumeTrue(FileSystems.getDefault().supportedFileAttributeViews().contains("posix"), "POSIX permissions");
        Path plain = Files.createFile(tmp.resolve("plain"));
        Set<PosixFilePermission> expected = Files.getPosixFilePermissions(plain);
        assumeTrue(expected.contains(PosixFilePermission.GROUP_READ) || expected.contains(PosixFilePermission.OTHERS_READ),
                "umask leaves files readable by others");
        Path target = tmp.resolve("trace.etl.hlidx");
        AtomicFile.write(target, os -> os.write(1));
        assertEquals(expected, Files.getPosixFilePermissions(target),
                "Files.createTempFile would make it rw------- and other users would re-import the trace");
        assertEquals(expected, Files.getPosixFilePermissions(AtomicFile.createSibling(tmp, ".x-", ".tmp")));
    }

    private static List<Path> list(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.sorted().toList();
        }
    }
}
