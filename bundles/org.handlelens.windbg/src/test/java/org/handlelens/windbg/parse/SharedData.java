package org.handlelens.windbg.parse;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Test data under the read-only shared folder ({@code -Dhandlelens.shared}). */
public final class SharedData {
    private SharedData() {
    }

    /** A file under the shared folder; fails the test with a clear message when the property is unset. */
    public static Path file(String relative) {
        String root = System.getProperty("handlelens.shared");
        if (root == null || root.isBlank()) {
            fail("system property handlelens.shared is not set (run with dev/jtest or the Maven build)");
        }
        Path p = Path.of(root).resolve(relative);
        assertTrue(Files.isRegularFile(p), "missing shared test file " + p);
        return p;
    }

    /** {@code testdata/windbg/<name>}. */
    public static Path windbg(String name) {
        return file("testdata/windbg/" + name);
    }

    /** The seed with the blog's {@code !process 0 0} and {@code !handle} output. */
    public static Path seed004() {
        return file("seeds/004_f02eea20df4c3f54.txt");
    }

    /** Parses text held in a string. */
    public static WinDbgLog parse(String text) throws IOException {
        return WinDbgLog.read(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), "test.txt");
    }
}
