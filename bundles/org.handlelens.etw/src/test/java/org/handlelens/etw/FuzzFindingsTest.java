package org.handlelens.etw;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.handlelens.etw.header.EventRecordHeader;
import org.handlelens.etw.header.RecordFormatException;
import org.handlelens.etw.header.TraceHeaderDecoder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Minimal forms of what Jazzer found (the full inputs stay in the fuzz corpus under
 * {@code src/test/resources/org/handlelens/etw/}), pinned to the behaviour after the fix.
 */
class FuzzFindingsTest {
    @TempDir
    Path tmp;

    /** A trace-message record (marker flag 0x10) whose size field is below its 8-byte header. */
    @Test
    void messageRecordSmallerThanItsHeaderIsAFormatError() {
        for (int size : new int[] {0, 4, 7}) {
            ByteBuffer b = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN);
            b.putShort(0, (short) size).put(2, (byte) 0xEB).put(3, (byte) 0xB7); // bytes of the fuzz finding
            RecordFormatException e = assertThrows(RecordFormatException.class,
                    () -> TraceHeaderDecoder.decode(b, 0, 16, new EventRecordHeader()));
            assertTrue(e.getMessage().contains("does not fit"), e.getMessage());
            assertEquals(0, e.offsetInBuffer());
        }
    }

    /** Before the fix a size-0 message record made the per-CPU stream loop forever on the same record. */
    @Test
    void zeroSizeMessageRecordInAFileIsReportedNotAHang() throws Exception {
        byte[] etl = Files.readAllBytes(TestData.etl("lxcore_kernel.etl")); // 8 KB buffers, events in buffer 1
        int record = 8192 + 0x48;
        etl[record] = 0;
        etl[record + 1] = 0;
        etl[record + 2] = 0;
        etl[record + 3] = 0x10;
        Path p = tmp.resolve("zero-size-message.etl");
        Files.write(p, etl);
        EtlReadResult r = assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
            try (EtlReader reader = EtlReader.open(p)) {
                return reader.read(new CollectingVisitor());
            }
        });
        assertTrue(r.partial());
        assertEquals(record, r.fault().byteOffset());
        assertTrue(r.fault().getMessage().contains("does not fit"), r.fault().getMessage());
        assertEquals(3, r.buffersRead());
    }
}
