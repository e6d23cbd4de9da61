package org.handlelens.etw.buffer;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.concurrent.TimeUnit;

import org.handlelens.etw.FuzzRecordWalker;
import org.junit.jupiter.api.Timeout;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Jazzer fuzz target for one on-disk buffer as {@code CpuStream} loads it: WMI buffer header parse and
 * validation, XPRESS decompression of compressed buffers (into SavedOffset bytes), then the record walk
 * over the result. Seeds ({@code BufferFuzzTestInputs/buffer/}): real compressed buffers and header
 * buffers of the shared ETLs. Accepted outcomes: the validator's refusal, {@link IllegalArgumentException}
 * from the decompressor, a record format fault ending the walk.
 */
@Timeout(value = 10, unit = TimeUnit.SECONDS)
class BufferFuzzTest {

    @FuzzTest(maxDuration = "15s")
    void buffer(byte[] input) {
        if (input.length < BufferHeader.SIZE) {
            return;
        }
        ByteBuffer le = ByteBuffer.wrap(input).order(ByteOrder.LITTLE_ENDIAN);
        BufferHeader h = BufferHeader.parse(le, 0, 0);
        if (BufferScanner.validate(h, input.length) != null) {
            return; // the scanner reports the fault and skips the buffer
        }
        int size = (int) h.bufferSizeBytes();
        int saved = (int) h.savedOffset();
        byte[] data;
        if (h.compressed()) {
            data = new byte[saved];
            System.arraycopy(input, 0, data, 0, BufferHeader.SIZE);
            int want = saved - BufferHeader.SIZE;
            int got;
            try {
                got = XpressDecompressor.decompress(input, BufferHeader.SIZE, size - BufferHeader.SIZE, data,
                        BufferHeader.SIZE, want);
            } catch (IllegalArgumentException expected) {
                return;
            }
            if (got != want) {
                return; // the stream reports "expands to N bytes, SavedOffset says M" and skips the buffer
            }
        } else {
            data = input;
        }
        FuzzRecordWalker.walk(ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN), BufferHeader.SIZE, saved, 8);
    }
}
