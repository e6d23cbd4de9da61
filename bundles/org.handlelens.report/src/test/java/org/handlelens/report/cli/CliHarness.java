package org.handlelens.report.cli;

import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Map;

import org.handlelens.model.spi.ModelSources;

/** What every command-line test shares: running the CLI in-process, the shared folder, JSON casts. */
final class CliHarness {
    private CliHarness() {
    }

    /** Exit code, stdout, stderr of one run. */
    record Run(int code, String out, String err) {
        Object json() throws IOException {
            return JsonTree.parse(out);
        }
    }

    /** The shared test-data folder ({@code -Dhandlelens.shared}). */
    static Path shared() {
        String s = System.getProperty("handlelens.shared");
        assertNotNull(s, "system property handlelens.shared is not set (path of the shared folder)");
        return Paths.get(s);
    }

    /** Runs {@code args} with the importers on the test class path; indexes of read-only files go to {@code cacheDir}. */
    static Run run(Path cacheDir, String... args) {
        return run(ModelSources.discover(CliHarness.class.getClassLoader()), cacheDir, args);
    }

    /** Runs {@code args} with {@code sources} as the importers. */
    static Run run(ModelSources sources, Path cacheDir, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = new HandleLensCli(sources, cacheDir).execute(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> obj(Object o) {
        return (Map<String, Object>) o;
    }

    @SuppressWarnings("unchecked")
    static List<Object> list(Object o) {
        return (List<Object>) o;
    }
}
