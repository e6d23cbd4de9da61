package org.handlelens.etw;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Timeout;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Jazzer fuzz target for the whole {@link EtlReader} (open + read) on small files. Seeds
 * ({@code EtlReaderFuzzTestInputs/wholeFile/}): the three small real ETLs (compressed 7 KB, uncompressed
 * 16 KB and 24 KB). Accepted: a result (possibly partial) or {@link EtlFormatException}; anything else,
 * an OOM or a slow input is a finding.
 */
@Timeout(value = 10, unit = TimeUnit.SECONDS)
class EtlReaderFuzzTest {
    private static Path dir;

    @BeforeAll
    static void createDir() throws Exception {
        dir = Files.createTempDirectory("hl-etl-fuzz");
    }

    @AfterAll
    static void deleteDir() throws Exception {
        Files.deleteIfExists(dir.resolve("fuzz.etl"));
        Files.delete(dir);
    }

    @FuzzTest(maxDuration = "30s")
    void wholeFile(byte[] input) throws Exception {
        Path file = dir.resolve("fuzz.etl");
        Files.write(file, input);
        try (EtlReader reader = EtlReader.open(file)) {
            EtlReadResult result = reader.read(new CollectingVisitor());
            if (result.partial() && result.fault() == null) {
                throw new AssertionError("partial result without a fault");
            }
        } catch (EtlFormatException expected) {
            // documented: not an ETL file / unusable header
        }
    }
}
