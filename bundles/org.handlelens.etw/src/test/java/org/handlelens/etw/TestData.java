package org.handlelens.etw;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/** Locates the shared read-only test data and unzips fixtures into a caller's temp dir. */
final class TestData {
    private TestData() {
    }

    static Path shared() {
        String p = System.getProperty("handlelens.shared");
        if (p == null || p.isBlank()) {
            throw new IllegalStateException("system property handlelens.shared is not set (run via dev/jtest or the build)");
        }
        return Path.of(p);
    }

    static Path etl(String name) {
        return shared().resolve("testdata/etl").resolve(name);
    }

    /** Extracts the entry ending with {@code entrySuffix} of a shared zip into {@code dir}. */
    static Path unzip(String zipName, String entrySuffix, Path dir) throws IOException {
        try (ZipInputStream z = new ZipInputStream(Files.newInputStream(etl(zipName)))) {
            for (ZipEntry e; (e = z.getNextEntry()) != null;) {
                if (!e.isDirectory() && e.getName().endsWith(entrySuffix)) {
                    Path out = dir.resolve(Path.of(e.getName()).getFileName().toString());
                    try (InputStream in = z) {
                        Files.copy(in, out, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                    }
                    return out;
                }
            }
        }
        throw new IOException("no entry *" + entrySuffix + " in " + zipName);
    }

    static String resource(String name) throws IOException {
        try (InputStream in = TestData.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IOException("missing test resource " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /**
     * Parses a JSON test oracle or our own JSON output (Jackson, strict: no trailing data, no raw control
     * characters): objects to Map, arrays to List, integers to Long, other numbers to Double.
     */
    static Object json(String text) {
        return JsonMapper.builder()
                .enable(DeserializationFeature.USE_LONG_FOR_INTS)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .build().readValue(text, Object.class);
    }
}
