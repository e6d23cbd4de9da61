package org.handlelens.windbg.fuzz;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.handlelens.model.SourceFormatException;
import org.handlelens.windbg.WinDbgModelSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Timeout;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Jazzer fuzz target for the whole WinDbg import (parser + model mapping, {@link WinDbgModelSource#load})
 * from a temp file. Seeds: {@code WinDbgImportFuzzTestInputs/importModel/}. Only
 * {@link SourceFormatException} (not WinDbg output, binary data, over-long line) is accepted besides a model.
 */
@Timeout(value = 10, unit = TimeUnit.SECONDS)
class WinDbgImportFuzzTest {
    private static Path dir;

    @BeforeAll
    static void createDir() throws Exception {
        dir = Files.createTempDirectory("hl-windbg-fuzz");
    }

    @AfterAll
    static void deleteDir() throws Exception {
        Files.deleteIfExists(dir.resolve("fuzz.txt"));
        Files.delete(dir);
    }

    @FuzzTest(maxDuration = "30s")
    void importModel(byte[] input) throws Exception {
        Path file = dir.resolve("fuzz.txt");
        Files.write(file, input);
        try {
            new WinDbgModelSource().load(file, null);
        } catch (SourceFormatException expected) {
            // documented rejection
        }
    }
}
