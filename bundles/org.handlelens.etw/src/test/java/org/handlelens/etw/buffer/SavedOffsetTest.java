package org.handlelens.etw.buffer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

import org.handlelens.etw.EtlReadResult;
import org.handlelens.etw.EtlReader;
import org.handlelens.etw.EtwEventVisitor;
import org.handlelens.etw.writer.EtlTraceWriter;
import org.handlelens.etw.writer.KernelPayloads;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A buffer whose SavedOffset is 0 (below the 0x48-byte header) is read up to its Offset field (0x30, "offset when
 * flushing", ntwmi.h; dissect.etl's FilledBytes) instead of being dropped as damaged; with both unusable it stays a
 * fault with the buffer's file offset.
 */
class SavedOffsetTest {
    @TempDir
    Path tmp;

    private Path trace(int events) throws Exception {
        EtlTraceWriter w = new EtlTraceWriter(8, 1, 1024, 1_000L);
        KernelPayloads kp = new KernelPayloads(8);
        for (int i = 0; i < events; i++) {
            w.kernel(0, EtlTraceWriter.SYSTEM, 0x11, 32, 2, 100, 101, w.ts(1000L * i), kp.handle(0x8A000000L + 64 * i, 4 * i, 16));
        }
        Path f = tmp.resolve("t" + System.nanoTime() + ".etl");
        w.write(f);
        return f;
    }

    private static EtlReadResult read(Path f) throws Exception {
        try (EtlReader r = EtlReader.open(f)) {
            return r.read(new EtwEventVisitor() {
            });
        }
    }

    @Test
    void zeroSavedOffsetFallsBackToOffset() throws Exception {
        Path f = trace(100);
        long all = read(f).counts().total();
        byte[] b = Files.readAllBytes(f);
        ByteBuffer le = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
        int second = 1024 * 2; // header buffer, first data buffer, second data buffer
        assertEquals(le.getInt(second + 0x04), le.getInt(second + 0x30));
        le.putInt(second + 0x04, 0);
        Files.write(f, b);
        EtlReadResult r = read(f);
        assertFalse(r.partial(), () -> "" + r.fault());
        assertEquals(all, r.counts().total());
        le.putInt(second + 0x30, 0); // both unusable: the buffer is reported, the others are read
        Files.write(f, b);
        EtlReadResult bad = read(f);
        assertTrue(bad.partial());
        assertNotNull(bad.fault());
        assertTrue(bad.counts().total() < all && bad.counts().total() > 0);
    }
}
