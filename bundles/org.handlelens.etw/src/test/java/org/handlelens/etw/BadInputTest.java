package org.handlelens.etw;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Damaged copies of real files (made in a temp dir): clear errors with file and offset, partial results. */
class BadInputTest {
    private static final int BUF = 65536;
    private static final long SHUTDOWN_EVENTS = 17078;

    @TempDir
    Path tmp;

    private Path damaged(String name, byte[] bytes) throws IOException {
        Path p = tmp.resolve(name);
        Files.write(p, bytes);
        return p;
    }

    private static byte[] shutdown() throws IOException {
        return Files.readAllBytes(TestData.etl("ShutdownPerfDiagLogger.etl"));
    }

    private static EtlReadResult read(Path p) throws Exception {
        try (EtlReader r = EtlReader.open(p)) {
            return r.read(new EtwEventVisitor() {
            });
        }
    }

    @Test
    void truncatedFileKeepsEarlierEventsAndNamesOffset() throws Exception {
        byte[] all = shutdown();
        Path p = damaged("truncated.etl", Arrays.copyOf(all, 1_000_000));
        EtlReadResult r = read(p);
        assertTrue(r.partial());
        assertEquals(15L * BUF, r.fault().byteOffset()); // buffer 15 starts at 983040 and is cut
        assertTrue(r.fault().getMessage().contains("truncated.etl"), r.fault().getMessage());
        assertTrue(r.fault().getMessage().contains("983040"), r.fault().getMessage());
        assertEquals(15, r.buffersRead());
        assertTrue(r.counts().total() > 1000 && r.counts().total() < SHUTDOWN_EVENTS, "" + r.counts().total());
        // a cut inside a buffer header
        EtlReadResult r2 = read(damaged("cut-header.etl", Arrays.copyOf(all, 2 * BUF + 20)));
        assertEquals(2L * BUF, r2.fault().byteOffset());
        assertTrue(r2.fault().getMessage().contains("truncated buffer header"), r2.fault().getMessage());
    }

    @Test
    void zeroedBufferIsSkippedAndReported() throws Exception {
        byte[] all = shutdown();
        Arrays.fill(all, 10 * BUF, 11 * BUF, (byte) 0);
        EtlReadResult r = read(damaged("zeroed.etl", all));
        assertTrue(r.partial());
        assertEquals(10L * BUF, r.fault().byteOffset());
        assertEquals(48, r.buffersRead()); // resynchronised at the next fixed-size buffer
        assertTrue(r.counts().total() < SHUTDOWN_EVENTS && r.counts().total() > SHUTDOWN_EVENTS - 2000);
    }

    @Test
    void zeroedEventAreaIsARecordFault() throws Exception {
        byte[] all = shutdown();
        Arrays.fill(all, 5 * BUF + 0x48, 6 * BUF, (byte) 0); // header kept, records zeroed
        EtlReadResult r = read(damaged("zeroed-events.etl", all));
        assertTrue(r.partial());
        assertEquals(5L * BUF + 0x48, r.fault().byteOffset());
        assertTrue(r.fault().getMessage().contains("unknown record marker"), r.fault().getMessage());
        assertEquals(49, r.buffersRead());
    }

    @Test
    void wrongMagicAbsurdSizeAndPdfAreRejectedAtOpen() throws Exception {
        byte[] all = shutdown();
        byte[] magic = all.clone();
        magic[0x48 + 2] = 0x77; // header type of the logfile header record
        EtlFormatException e1 = assertThrows(EtlFormatException.class, () -> EtlReader.open(damaged("magic.etl", magic)));
        assertEquals(0x48, e1.byteOffset());
        assertTrue(e1.getMessage().contains("magic.etl"));

        byte[] absurd = all.clone();
        ByteBuffer.wrap(absurd).order(ByteOrder.LITTLE_ENDIAN).putInt(0, 0x7FFFFFF0);
        EtlFormatException e2 = assertThrows(EtlFormatException.class, () -> EtlReader.open(damaged("absurd.etl", absurd)));
        assertEquals(0, e2.byteOffset());
        assertTrue(e2.getMessage().contains("absurd BufferSize"), e2.getMessage());

        byte[] pdf = new byte[20_000];
        byte[] head = "%PDF-1.7\n%\u00e2\u00e3\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n".getBytes(StandardCharsets.ISO_8859_1);
        System.arraycopy(head, 0, pdf, 0, head.length);
        EtlFormatException e3 = assertThrows(EtlFormatException.class, () -> EtlReader.open(damaged("report.pdf.etl", pdf)));
        assertTrue(e3.getMessage().contains("report.pdf.etl") && e3.getMessage().contains("not an ETL file"), e3.getMessage());

        assertThrows(EtlFormatException.class, () -> EtlReader.open(damaged("empty.etl", new byte[0])));
    }

    @Test
    void absurdSizeInMiddleBuffer() throws Exception {
        byte[] all = shutdown();
        ByteBuffer.wrap(all).order(ByteOrder.LITTLE_ENDIAN).putInt(20 * BUF, 0x40000000);
        EtlReadResult r = read(damaged("absurd-mid.etl", all));
        assertTrue(r.partial());
        assertEquals(20L * BUF, r.fault().byteOffset());
        assertTrue(r.fault().getMessage().contains("absurd BufferSize"), r.fault().getMessage());
    }

    @Test
    void corruptCompressedBuffer() throws Exception {
        byte[] all = Files.readAllBytes(TestData.etl("SelfDescribingSingleEvent.etl"));
        int b1 = ByteBuffer.wrap(all).order(ByteOrder.LITTLE_ENDIAN).getInt(0); // buffer 1 starts after buffer 0
        Arrays.fill(all, b1 + 0x48, b1 + 0x48 + 64, (byte) 0xFF); // flags all "match" with huge lengths
        EtlReadResult r = read(damaged("bad-xpress.etl", all));
        assertTrue(r.partial());
        assertEquals(b1, r.fault().byteOffset());
        assertFalse(r.fault().getMessage().isEmpty());
        assertTrue(r.counts().total() >= 1 && r.counts().total() < 22);
    }

    @Test
    void progressAndCancellation() throws Exception {
        Path p = TestData.etl("ShutdownPerfDiagLogger.etl");
        AtomicLong last = new AtomicLong();
        AtomicLong total = new AtomicLong();
        try (EtlReader r = EtlReader.open(p)) {
            r.read(new EtwEventVisitor() {
            }, new ReadListener() {
                @Override
                public void progress(long done, long all) {
                    assertTrue(done >= last.get());
                    last.set(done);
                    total.set(all);
                }
            });
        }
        assertEquals(Files.size(p), total.get());
        assertEquals(Files.size(p), last.get());
        try (EtlReader r = EtlReader.open(p)) {
            AtomicLong buffers = new AtomicLong();
            assertThrows(CancellationException.class, () -> r.read(new EtwEventVisitor() {
            }, new ReadListener() {
                @Override
                public boolean cancelled() {
                    return buffers.incrementAndGet() > 3;
                }
            }));
        }
    }
}
