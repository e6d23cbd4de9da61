package org.handlelens.etw.buffer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Buffers loaded ahead arrive in order with their own bytes, whatever the window; a short file is a fault. */
class AheadBufferSourceTest {
    private static final int BUFFER_BYTES = 4096;
    private static final int BUFFERS = 23;

    @TempDir
    Path tmp;

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 4, 16, 40})
    void everyBufferArrivesInOrderWithItsBytes(int window) throws Exception {
        Path f = tmp.resolve("buffers.bin");
        byte[] content = new byte[BUFFER_BYTES * BUFFERS];
        for (int i = 0; i < content.length; i++) {
            content[i] = (byte) (i / BUFFER_BYTES * 7 + i);
        }
        Files.write(f, content);
        List<BufferHeader> buffers = new ArrayList<>();
        for (int i = 0; i < BUFFERS; i++) {
            buffers.add(header(i, (long) i * BUFFER_BYTES));
        }
        buffers.add(header(BUFFERS, (long) BUFFERS * BUFFER_BYTES)); // past the end: an I/O fault, not an exception
        ExecutorService executor = Executors.newSingleThreadExecutor();
        try (FileChannel ch = FileChannel.open(f)) {
            AheadBufferSource source = new AheadBufferSource(buffers, ch, 0, executor, window);
            for (int i = 0; i < BUFFERS; i++) {
                LoadedBuffer b = source.load(i);
                assertNull(b.faultReason(), "buffer " + i);
                ByteBuffer data = b.data();
                for (int j = 0; j < BUFFER_BYTES; j += 511) {
                    assertEquals(content[i * BUFFER_BYTES + j], data.get(j), "buffer " + i + " byte " + j);
                }
            }
            LoadedBuffer end = source.load(BUFFERS);
            assertNull(end.data());
            assertNotNull(end.faultReason());
            assertTrue(end.faultReason().startsWith("I/O error"), end.faultReason());
        } finally {
            executor.shutdown();
        }
    }

    private static BufferHeader header(int seq, long offset) {
        return new BufferHeader(offset, BUFFER_BYTES, BUFFER_BYTES, seq, seq, 0, 0, 0, 0, 0);
    }
}
