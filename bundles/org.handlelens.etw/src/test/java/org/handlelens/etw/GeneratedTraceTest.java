package org.handlelens.etw;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

import org.handlelens.etw.buffer.XpressDecompressor;
import org.handlelens.etw.writer.EtlTraceWriter;
import org.handlelens.etw.writer.HandleScenario;
import org.handlelens.etw.writer.KernelPayloads;
import org.handlelens.etw.writer.XpressCompressor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Files of the test-side writer decode exactly (both pointer sizes, compressed or not, circular). */
class GeneratedTraceTest {
    @TempDir
    Path tmp;

    @Test
    void xpressRoundTrip() {
        Random r = new Random(42);
        for (int n : new int[] {0, 1, 31, 32, 33, 1000, 70_000}) {
            byte[] in = new byte[n];
            for (int i = 0; i < n; i++) {
                in[i] = (byte) (i % 97 < 60 ? i % 7 : r.nextInt(256)); // runs of every length + noise
            }
            if (n == 70_000) {
                java.util.Arrays.fill(in, 100, 69_000, (byte) 5); // one very long match (4-byte length)
            }
            byte[] c = XpressCompressor.compress(in);
            byte[] out = new byte[n];
            int got = XpressDecompressor.decompress(c, 0, c.length, out, 0, n);
            assertEquals(n, got);
            assertArrayEquals(in, out);
        }
    }

    @ParameterizedTest
    @CsvSource({"8,false", "8,true", "4,false", "4,true"})
    void scenarioDecodes(int p, boolean compressed) throws Exception {
        Path f = tmp.resolve("scenario-" + p + "-" + compressed + ".etl");
        EtlTraceWriter w = HandleScenario.write(f, p, compressed);
        CollectingVisitor v = new CollectingVisitor();
        EtlReadResult r;
        try (EtlReader reader = EtlReader.open(f)) {
            r = reader.read(v);
        }
        assertFalse(r.partial(), () -> "partial: " + r.fault());
        assertEquals(0, r.counts().malformed(), () -> "" + r.counts().malformedByKey());
        assertEquals(p, r.info().pointerSize());
        assertEquals(compressed, r.info().compressed());
        assertEquals(w.eventCount() + 1, r.counts().total()); // + logfile header
        int pairs = HandleScenario.FILLER_PAIRS;
        assertEquals(pairs + 4, r.counts().ofKey("kernel 0x1120")); // creates: filler + 0x40, 0x44, 0x80000020, reuse 0x40
        assertEquals(pairs + 3, r.counts().ofKey("kernel 0x1121")); // 0x40, 0x48 (no create), teardown 0x44
        assertEquals(1, r.counts().ofKey("kernel 0x1122"));
        assertEquals(2, r.counts().ofKey("kernel 0x1125"));
        assertEquals(2, r.counts().ofKey("kernel 0x1127"));
        assertEquals(3, r.counts().ofKey("kernel 0x1820"));
        assertEquals(1, r.counts().ofKey("classic b3e675d7-2554-4f18-830b-2762732560de type36"));
        assertTrue(r.buffersRead() > 10, "several buffers per CPU: " + r.buffersRead());
        for (int i = 1; i < v.allTimestamps.size(); i++) {
            assertTrue(v.allTimestamps.get(i - 1) <= v.allTimestamps.get(i), "merged order at " + i);
        }
        // decoded values survive the round trip
        var dup = v.duplicates.get(0).event();
        assertEquals(0x80000010, dup.targetHandle());
        assertEquals(4, dup.targetProcessId());
        assertEquals(2000, dup.sourceProcessId());
        assertEquals(HandleScenario.obj(p, 2), dup.object());
        var rundown = v.handleRundowns.stream().filter(t -> t.event().handle() == 0x100).findFirst().orElseThrow();
        assertEquals("\\BaseNamedObjects\\foo", rundown.event().objectName());
        assertEquals(1000, rundown.event().processId());
        assertEquals(-1, rundown.headerPid());
        var explorer = v.processes.stream().filter(t -> t.event().processId() == 1000).findFirst().orElseThrow();
        assertEquals("S-1-5-21-1-2-3-1001", explorer.event().userSid());
        assertEquals("explorer.exe", explorer.event().imageFileName());
        assertEquals("C:\\Windows\\explorer.exe", explorer.event().commandLine());
        var leaky = v.images.stream().filter(t -> t.event().processId() == 2000).findFirst().orElseThrow().event();
        assertEquals(p == 8 ? HandleScenario.LEAKY_BASE_8 : HandleScenario.LEAKY_BASE_4, leaky.imageBase());
        assertEquals("\\Device\\HarddiskVolume3\\app\\leaky.exe", leaky.fileName());
        var dbg = v.dbgIds.get(0).event();
        assertEquals(HandleScenario.PDB_GUID, dbg.pdbGuid());
        assertEquals("1B2A6F4C1E7D4B0A9C3E0123456789AB5", dbg.symbolKey());
        assertEquals("D:\\build\\leaky.pdb", dbg.pdbFileName());
        var stack = v.stacks.stream().filter(t -> t.event().frames().length == 2).findFirst().orElseThrow().event();
        assertArrayEquals(new long[] {HandleScenario.k(p, 1), HandleScenario.k(p, 2)}, stack.frames());
        assertEquals(2, v.keyDefs.size());
        // time: the process start was written 5 ms after the header event
        var start = v.processes.stream().filter(t -> t.opcode() == 1).findFirst().orElseThrow();
        assertEquals(5_000_000L, r.info().clock().nanosSinceStart(start.timestampRaw()));
        assertEquals(EtlTraceWriter.START_FILETIME, r.info().header().startTimeFileTime());
    }

    @Test
    void circularFileWrapsAndIsReadInSequenceOrder() throws Exception {
        for (int p : new int[] {8, 4}) {
            EtlTraceWriter w = new EtlTraceWriter(p, 3, 1024, 1_000L).circular(8);
            KernelPayloads kp = new KernelPayloads(p);
            for (int i = 0; i < 600; i++) {
                int cpu = (i * 7) % 3;
                w.kernel(cpu, EtlTraceWriter.SYSTEM, 0x11, 32 + (i & 1), 2, 1000 + cpu, 2000 + cpu, w.ts(1000L * i),
                        kp.handle(HandleScenario.obj(p, i), 4 * i, 16));
            }
            Path f = tmp.resolve("ring" + p + ".etl");
            long flushed = w.write(f);
            assertTrue(w.overwrittenBuffers() > 0, "ring wrapped");
            assertEquals(1024L * 9, Files.size(f));
            CollectingVisitor v = new CollectingVisitor();
            EtlReadResult r;
            try (EtlReader reader = EtlReader.open(f)) {
                r = reader.read(v);
                assertTrue(reader.info().circular());
                assertEquals(flushed + 1, reader.info().buffersWritten()); // counts overwritten buffers too
            }
            assertFalse(r.partial(), () -> "" + r.fault());
            assertEquals(9, r.buffersRead());
            assertEquals(w.eventsInFile(), r.counts().total());
            for (int i = 1; i < v.allTimestamps.size(); i++) {
                assertTrue(v.allTimestamps.get(i - 1) <= v.allTimestamps.get(i), "ring order at " + i);
            }
        }
    }
}
