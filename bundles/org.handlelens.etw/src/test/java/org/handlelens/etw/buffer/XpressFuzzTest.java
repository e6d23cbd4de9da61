package org.handlelens.etw.buffer;

import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Timeout;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Jazzer fuzz target for {@link XpressDecompressor}: input = u32 expected output size (capped at 1 MB,
 * the largest ETW buffer) then the compressed stream. Seeds ({@code XpressFuzzTestInputs/decompress/}) are
 * real compressed buffers of the shared relogged ETLs. Accepted: a byte count within the limit or the
 * documented {@link IllegalArgumentException}.
 */
@Timeout(value = 10, unit = TimeUnit.SECONDS)
class XpressFuzzTest {
    /** Reused output array (the test instance lives for the whole fuzzing run): 1 MB + offset room. */
    private final byte[] out = new byte[64 + (1 << 20)];

    @FuzzTest(maxDuration = "15s")
    void decompress(byte[] input) {
        if (input.length < 4) {
            return;
        }
        int outLimit = ((input[0] & 0xFF) | (input[1] & 0xFF) << 8 | (input[2] & 0x0F) << 16) + 1; // 1 B .. 1 MB
        int outOff = input[3] & 0x3F; // decoding must not depend on where the output starts
        try {
            int n = XpressDecompressor.decompress(input, 4, input.length - 4, out, outOff, outLimit);
            if (n < 0 || n > outLimit) {
                throw new AssertionError("produced " + n + " bytes, limit " + outLimit);
            }
        } catch (IllegalArgumentException expected) {
            // documented: corrupt stream (message gives the input position)
        }
    }
}
