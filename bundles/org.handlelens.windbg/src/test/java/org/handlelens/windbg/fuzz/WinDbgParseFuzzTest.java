package org.handlelens.windbg.fuzz;

import java.io.ByteArrayInputStream;
import java.util.concurrent.TimeUnit;

import org.handlelens.windbg.parse.WinDbgLog;
import org.handlelens.windbg.parse.WinDbgParseException;
import org.junit.jupiter.api.Timeout;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Jazzer fuzz target for the streaming WinDbg text parser ({@link WinDbgLog#read}). Without
 * {@code JAZZER_FUZZ} it replays {@code WinDbgParseFuzzTestInputs/parse/} (the real logs of {@code ../shared})
 * and earlier findings. Only {@link WinDbgParseException} (binary data, over-long line) is an accepted
 * outcome besides a result; any other exception, an {@link OutOfMemoryError} or an input slower than the
 * {@link Timeout} (libFuzzer {@code -timeout} while fuzzing) is a finding.
 * One fuzz target per class: Jazzer fuzzes a single target per JVM.
 */
@Timeout(value = 10, unit = TimeUnit.SECONDS)
class WinDbgParseFuzzTest {

    @FuzzTest(maxDuration = "30s")
    void parse(byte[] input) throws Exception {
        try {
            WinDbgLog.read(new ByteArrayInputStream(input), "fuzz.txt");
        } catch (WinDbgParseException expected) {
            // documented rejection
        }
    }
}
