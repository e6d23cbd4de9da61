package org.handlelens.report.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Opens index.html in headless Chromium (Debian package {@code chromium}): the page renders to a
 * screenshot and the browser logs no console error. Skipped when chromium is not installed. With
 * {@code -Dhandlelens.screenshots=DIR} the screenshots are copied to DIR (docs/screenshots).
 */
class ChromiumReportTest {
    @TempDir
    Path tmp;

    static Path chromium() {
        for (String name : List.of("chromium", "chromium-browser", "google-chrome")) {
            for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin").split(File.pathSeparator)) {
                Path p = Paths.get(dir, name);
                if (Files.isExecutable(p)) {
                    return p;
                }
            }
        }
        return null;
    }

    @Test
    void seedReportRendersWithoutConsoleErrors() throws Exception {
        String shared = System.getProperty("handlelens.shared");
        org.junit.jupiter.api.Assertions.assertNotNull(shared, "system property handlelens.shared is not set");
        check("report-seed004", Paths.get(shared, "seeds/004_f02eea20df4c3f54.txt").toString());
    }

    @Test
    void generatedLeakReportRendersWithoutConsoleErrors() throws Exception {
        Path trace = tmp.resolve("generated-leaks.etl");
        Files.writeString(trace, "generated");
        check("report-generated-leaks", trace.toString());
    }

    private void check(String name, String file) throws Exception {
        Path browser = chromium();
        Assumptions.assumeTrue(browser != null, "chromium is not installed (apt-get install -y chromium)");
        Path dir = tmp.resolve(name);
        int code = cli().execute(new String[] {"report", file, "-o", dir.toString()},
                new PrintStream(new java.io.ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                new PrintStream(new java.io.ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
        assertEquals(0, code);
        Path png = tmp.resolve(name + ".png");
        Path log = tmp.resolve(name + ".log");
        Process p = new ProcessBuilder(browser.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--disable-dev-shm-usage", "--enable-logging=stderr", "--v=0",
                "--user-data-dir=" + tmp.resolve("profile-" + name), "--screenshot=" + png,
                "--window-size=1366,900", dir.resolve("index.html").toUri().toString())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("chromium did not finish within 120 s; log:\n" + Files.readString(log));
        }
        String out = Files.readString(log, StandardCharsets.UTF_8);
        assertTrue(Files.isRegularFile(png) && Files.size(png) > 10_000, "screenshot written; log:\n" + out);
        byte[] head = Files.readAllBytes(png);
        assertEquals((byte) 0x89, head[0]);
        assertEquals('P', head[1]);
        assertFalse(out.contains("Uncaught"), out);
        assertFalse(out.contains("ERROR:CONSOLE"), out);
        assertFalse(out.contains(":CONSOLE(") && out.contains("\"Failed to load"), out);
        String target = System.getProperty("handlelens.screenshots");
        if (target != null) {
            Files.createDirectories(Paths.get(target));
            Files.copy(png, Paths.get(target, name + ".png"), StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private HandleLensCli cli() {
        java.util.List<org.handlelens.model.spi.ModelSource> list = new java.util.ArrayList<>(
                org.handlelens.model.spi.ModelSources.discover(getClass().getClassLoader()).sources());
        list.add(new GeneratedLeakTrace());
        return new HandleLensCli(new org.handlelens.model.spi.ModelSources(list), tmp.resolve("cache"));
    }
}
