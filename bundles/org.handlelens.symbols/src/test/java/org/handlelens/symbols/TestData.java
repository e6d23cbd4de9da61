package org.handlelens.symbols;

import java.nio.file.Files;
import java.nio.file.Path;

import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/** Locates the read-only shared test data (system property {@code handlelens.shared}). */
public final class TestData {
    private TestData() {
    }

    /** The shared folder; fails clearly when the property is missing. */
    public static Path shared() {
        String p = System.getProperty("handlelens.shared");
        if (p == null || p.isBlank()) {
            throw new IllegalStateException("system property handlelens.shared is not set "
                    + "(run tests via dev/jtest or the Maven build, which point it at ../shared)");
        }
        Path dir = Path.of(p);
        if (!Files.isDirectory(dir.resolve("testdata"))) {
            throw new IllegalStateException("handlelens.shared=" + p + " has no testdata folder");
        }
        return dir;
    }

    /** A file under {@code testdata/pdb}. */
    public static Path pdb(String name) {
        return shared().resolve("testdata/pdb").resolve(name);
    }

    /**
     * Parses a JSON test oracle or our own JSON output (Jackson, strict: no trailing data, no raw control
     * characters): objects to Map, arrays to List, integers to Long, other numbers to Double.
     */
    public static Object json(String text) {
        return JsonMapper.builder()
                .enable(DeserializationFeature.USE_LONG_FOR_INTS)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .build().readValue(text, Object.class);
    }
}
