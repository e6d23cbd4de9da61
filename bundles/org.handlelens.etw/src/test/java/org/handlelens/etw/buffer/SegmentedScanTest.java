package org.handlelens.etw.buffer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The header chain walked in parallel ranges ({@link BufferScanner#scanInRanges}, which the reader uses for cold files)
 * gives exactly the sequential walk's buffers and faults, also when the
 * chain leaves the fixed stride, breaks, ends in zeros or a truncated header, right at a range's start or anywhere.
 */
class SegmentedScanTest {
    private static final int S = 1024;
    private static final int FIRST = 512; // buffer 0 smaller, as in relogged files
    private static final int BUFFERS = 600;

    @TempDir
    Path tmp;

    /** A chain of minimal valid headers: BufferSize, SavedOffset, sequence number, CPU. */
    private static byte[] chain() {
        byte[] b = new byte[FIRST + (BUFFERS - 1) * S];
        ByteBuffer le = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
        long off = 0;
        for (int i = 0; i < BUFFERS; i++) {
            int size = i == 0 ? FIRST : S;
            header(le, (int) off, size);
            le.putLong((int) off + 0x18, i); // SequenceNumber
            off += size;
        }
        return b;
    }

    private static void header(ByteBuffer le, int at, int size) {
        le.putInt(at, size);
        le.putInt(at + 4, Math.min(size, 0x100));
    }

    /** Offset of buffer {@code i} (i >= 1) on the stride. */
    private static int at(int i) {
        return FIRST + (i - 1) * S;
    }

    @ParameterizedTest
    @ValueSource(strings = {"clean", "bad-at-range-starts", "bad-before-range-starts", "double-size", "off-stride",
            "off-stride-back", "broken-chain", "zero-tail", "truncated", "bad-first-in-range"})
    void sameAsSequential(String kind) throws Exception {
        byte[] b = chain();
        ByteBuffer le = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
        boolean zeroTail = false;
        int n = BUFFERS - 1; // buffers after buffer 0; range starts at at(1 + n * i / segments)
        switch (kind) {
            case "bad-at-range-starts" -> {
                for (int segments : new int[] {2, 3, 4, 8}) {
                    for (int i = 1; i < segments; i++) {
                        le.putInt(at(1 + n * i / segments), 3); // BufferSize below the header: a fault, resync on the stride
                    }
                }
            }
            case "bad-before-range-starts" -> {
                for (int i = 1; i < 4; i++) {
                    le.putInt(at(n * i / 4), 0);
                }
            }
            case "double-size" -> header(le, at(100), 2 * S); // skips one stride: lands on the stride again
            case "off-stride" -> header(le, at(120), S + 8); // the rest of the chain is read 8 bytes off the stride
            case "off-stride-back" -> {
                header(le, at(120), S + 8);
                header(le, at(121) + 8, S - 8); // and back on it
            }
            case "broken-chain" -> le.putInt(at(140), 0x7FFFFFF0); // absurd BufferSize: a fault, then resync
            case "zero-tail" -> {
                Arrays.fill(b, at(450), b.length, (byte) 0);
                zeroTail = true;
            }
            case "truncated" -> b = Arrays.copyOf(b, at(590) + 40);
            case "bad-first-in-range" -> le.putInt(at(1 + n / 2) + 4, 2); // SavedOffset below the header
            default -> {
            }
        }
        Path f = tmp.resolve(kind + ".etl");
        Files.write(f, b);
        try (FileChannel ch = FileChannel.open(f)) {
            BufferScanner.ScanResult seq = BufferScanner.scan(ch, ch.size(), zeroTail, S);
            assertTrue(seq.buffers().size() > 100, kind + ": " + seq.buffers().size() + " buffers");
            for (int segments : new int[] {2, 3, 4, 8}) {
                BufferScanner.ScanResult par = BufferScanner.scanInRanges(ch, ch.size(), zeroTail, S, segments, "scan-test");
                assertEquals(seq.faults(), par.faults(), kind + ", " + segments + " ranges: faults");
                assertEquals(seq.buffers(), par.buffers(), kind + ", " + segments + " ranges: buffers");
            }
            // without a fixed buffer size (compressed files) the walk is sequential; the public entry (which walks in
            // ranges only a cold file) gives the same result either way
            assertEquals(BufferScanner.scan(ch, ch.size(), zeroTail, 0),
                    BufferScanner.scanInRanges(ch, ch.size(), zeroTail, 0, 4, "scan-test"), kind + ", no fixed size");
            assertEquals(seq, BufferScanner.scan(ch, ch.size(), zeroTail, S, 4, "scan-test"), kind + ", public entry");
        }
    }
}
