package org.handlelens.model.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import org.handlelens.model.HandleModel;
import org.handlelens.model.HandleModelBuilder;
import org.handlelens.model.HandleRecord;
import org.handlelens.model.ModelConstants;
import org.handlelens.model.ModuleRecord;
import org.handlelens.model.ProcessRecord;
import org.handlelens.model.SourceInfo;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HandleModelIndexTest {
    private static final long T = ModelConstants.TIME_UNKNOWN;
    @TempDir
    Path tmp;
    private Path trace;

    /** A real ETL file copied from the shared test data stands in for the trace being indexed. */
    @BeforeEach
    void copyTrace() throws IOException {
        String shared = System.getProperty("handlelens.shared");
        assertNotNull(shared, "system property handlelens.shared is not set (path of the shared folder)");
        trace = tmp.resolve("AMSITrace.etl");
        Files.copy(Paths.get(shared, "testdata", "etl", "AMSITrace.etl"), trace);
    }

    private static HandleModel sample(int chunkShift) {
        SourceInfo src = new SourceInfo("etl", "AMSITrace.etl", Instant.parse("2026-03-17T09:14:05.123Z"),
                Instant.parse("2026-03-17T09:15:05.123Z"), 8, 4, 0, 2, 1234, Map.of("osBuild", "19045"))
                .withEvents(new org.handlelens.model.TraceEventCounts(1234, 10, 20, 30, 40, 1000, 134));
        HandleModelBuilder b = new HandleModelBuilder(src, chunkShift);
        int sys = b.addProcess(new ProcessRecord(0xffffe0000000aL, 4, 0, null, "System", -1, T, T));
        int app = b.addProcess(new ProcessRecord(-1, 5000, 4, 1, "app.exe", 12, 1_000, T));
        b.addModule(app, new ModuleRecord(0x7ff600000000L, 0x20000, "\\Device\\HarddiskVolume3\\app.exe",
                0x5e000000L, 0x1234, UUID.fromString("d1c3a8e2-0000-4000-8000-000000000001"), 3, "app.pdb", T, T));
        b.addModule(app, ModuleRecord.of(0x7ffa00000000L, 0x1000, "ntdll.dll"));
        int st = b.internStack(new long[] {0x7ff600001234L, 0x7ffa00000010L}, new String[] {null, "ntdll!Nt+0x14"});
        for (int i = 0; i < 100; i++) {
            b.addHandle(new HandleRecord(i % 2 == 0 ? sys : app, 4 * i, 0xffffc000L + i, i % 3 == 0 ? "File" : "Key",
                    i % 5 == 0 ? null : "n" + i, 0x1f0003, i == 7 ? "Inherit" : null, app, i % 2 == 0 ? -1 : sys, 77,
                    i * 10L, i % 2 == 0 ? T : i * 10L + 3, st, i % 2 == 0 ? -1 : st, i == 9 ? 0x10 : -1,
                    i == 9 ? sys : -1));
        }
        b.addHandle(HandleRecord.snapshot(app, 0x400, 0xe1009568L, "Port", "SmApiPort", 0x001f0001, null,
                new org.handlelens.model.HandleDetail(1, 12, 0xe1af9810L, 0xe1674018L, -1, 0xe1002388L)));
        b.addWarning("12 events lost");
        b.markPartial("buffer 17 damaged");
        return b.build();
    }

    @Test
    void roundTripKeepsEverything() throws IOException {
        HandleModel m = sample(3);
        Path index = HandleModelIndex.besideTrace(trace);
        HandleModelIndex.write(m, trace, index);
        HandleModel r = HandleModelIndex.openOrNull(trace, index);
        assertNotNull(r);
        assertEquals(m.source(), r.source());
        assertEquals(1000, r.source().events().handle());
        assertEquals(1234, r.source().eventCount());
        assertEquals(m.processes(), r.processes());
        assertEquals(m.modules(1), r.modules(1));
        assertEquals(m.warnings(), r.warnings());
        assertEquals(m.latestTimeNanos(), r.latestTimeNanos(), "tracked by the builder = scanned after a restore");
        assertEquals("buffer 17 damaged", r.partialReason());
        assertEquals(m.rowCount(), r.rowCount());
        assertEquals(m.stack(0), r.stack(0));
        for (int i = 0; i < m.rowCount(); i++) {
            assertEquals(m.row(i), r.row(i), "row " + i);
        }
        assertEquals(12, r.detail(100).objectPointerCount());
        // no temp file left behind
        try (var files = Files.list(tmp)) {
            assertEquals(2, files.count());
        }
    }

    /** Snapshots and the rows' snapshot indexes survive the index (a large WinDbg log is indexed too). */
    @Test
    void roundTripKeepsSnapshots() throws IOException {
        SourceInfo src = new SourceInfo("windbg", "log.txt", null, null, 4);
        HandleModelBuilder b = new HandleModelBuilder(src, 3);
        int app = b.addProcess(ProcessRecord.of(0x19ec, "app.exe"));
        int enable = b.addSnapshot(org.handlelens.model.Snapshot.Kind.HTRACE_SNAPSHOT, 6, "!htrace -enable");
        for (int i = 0; i < 20; i++) {
            int row = b.addHandle(HandleRecord.snapshot(app, 4 * i, -1, "", null, -1, null, null));
            b.setSnapshots(row, i % 2, i % 3 == 0 ? 1 : -1); // snapshot 1 is not added yet
        }
        b.addSnapshot(org.handlelens.model.Snapshot.Kind.HTRACE_DIFF, 93, "!htrace -diff");
        HandleModel m = b.build();
        assertEquals(0, enable);
        Path index = HandleModelIndex.besideTrace(trace);
        HandleModelIndex.write(m, trace, index);
        HandleModel r = HandleModelIndex.openOrNull(trace, index);
        assertNotNull(r);
        assertEquals(m.snapshots(), r.snapshots());
        for (int i = 0; i < m.rowCount(); i++) {
            assertEquals(i % 2, r.openedSnapshot(i));
            assertEquals(i % 3 == 0 ? 1 : -1, r.closedSnapshot(i));
            assertEquals(i % 3 != 0, r.isOutstanding(i), "row " + i);
            assertEquals(i % 2 == 0, r.isOpenAtSnapshot(i, 0), "row " + i);
            assertEquals(i % 3 != 0, r.isOpenAtSnapshot(i, 1), "row " + i);
        }
    }

    @Test
    void buildFailsWhenARowNamesASnapshotNeverAdded() {
        HandleModelBuilder b = new HandleModelBuilder(new SourceInfo("windbg", "log.txt", null, null, 4));
        int app = b.addProcess(ProcessRecord.of(1, "a.exe"));
        int row = b.addHandle(HandleRecord.snapshot(app, 4, -1, "", null, -1, null, null));
        assertThrows(IllegalArgumentException.class, () -> b.setSnapshots(row, 1, -1));
        b.setSnapshots(row, 0, -1);
        assertThrows(IllegalStateException.class, b::build);
    }

    @Test
    void staleIndexIsIgnoredWhenTraceChanges() throws IOException {
        Path index = tmp.resolve("idx").resolve("t.hlidx");
        HandleModelIndex.write(sample(16), trace, index);
        assertNotNull(HandleModelIndex.openOrNull(trace, index));
        Files.setLastModifiedTime(trace, FileTime.from(Instant.parse("2020-01-01T00:00:00Z")));
        assertNull(HandleModelIndex.openOrNull(trace, index), "mtime changed");
        HandleModelIndex.write(sample(16), trace, index);
        assertNotNull(HandleModelIndex.openOrNull(trace, index));
        byte[] bytes = Files.readAllBytes(trace);
        bytes[bytes.length - 1] ^= 1; // same size, same mtime restored below, last buffer differs
        FileTime mtime = Files.getLastModifiedTime(trace);
        Files.write(trace, bytes);
        Files.setLastModifiedTime(trace, mtime);
        assertNull(HandleModelIndex.openOrNull(trace, index), "content of the last 64 KiB changed");
    }

    @Test
    void truncatedOrCorruptIndexIsRejected() throws IOException {
        Path index = HandleModelIndex.besideTrace(trace);
        HandleModelIndex.write(sample(4), trace, index);
        byte[] good = Files.readAllBytes(index);
        for (int cut : new int[] {0, 7, 40, good.length / 2, good.length - 12, good.length - 1}) {
            Files.write(index, java.util.Arrays.copyOf(good, cut));
            assertNull(HandleModelIndex.openOrNull(trace, index), "cut at " + cut);
            assertThrows(IOException.class, () -> HandleModelIndex.read(index));
        }
        byte[] flipped = good.clone();
        flipped[good.length / 2] ^= 0x40;
        Files.write(index, flipped);
        IOException e = assertThrows(IOException.class, () -> HandleModelIndex.read(index));
        assertTrue(e.getMessage().contains(index.toString()), e.getMessage());
        Files.write(index, good);
        assertNotNull(HandleModelIndex.openOrNull(trace, index));
    }

    /** The summary (what {@code info} reads) equals the model's, without reading the columns into arrays. */
    @Test
    void summaryMatchesTheModel() throws IOException {
        for (int shift : new int[] {3, 4, 16}) {
            HandleModel m = sample(shift);
            Path index = HandleModelIndex.besideTrace(trace);
            HandleModelIndex.write(m, trace, index);
            HandleModelIndex.Summary s = HandleModelIndex.summaryOrNull(trace, index);
            assertNotNull(s);
            assertEquals(SourceFingerprint.of(trace), s.fingerprint());
            assertEquals(m.source(), s.source());
            assertEquals(m.processes(), s.processes());
            assertEquals(m.rowCount(), s.rowCount());
            assertEquals(m.warnings(), s.warnings());
            assertEquals(m.partialReason(), s.partialReason());
            assertTrue(s.isPartial());
            assertEquals(m.snapshots(), s.snapshots());
        }
    }

    /** The summary rejects every damage the full read rejects: each byte flipped, cuts, another trace. */
    @Test
    void summaryRejectsWhatTheFullReadRejects() throws IOException {
        Path index = HandleModelIndex.besideTrace(trace);
        HandleModelIndex.write(sample(3), trace, index);
        byte[] good = Files.readAllBytes(index);
        for (int i = 0; i < good.length; i++) {
            byte[] flipped = good.clone();
            flipped[i] ^= 0x10;
            Files.write(index, flipped);
            assertNull(HandleModelIndex.summaryOrNull(trace, index), "byte " + i + " flipped");
            assertNull(HandleModelIndex.openOrNull(trace, index), "byte " + i + " flipped");
        }
        for (int cut : new int[] {0, 7, 40, good.length / 2, good.length - 12, good.length - 1}) {
            Files.write(index, java.util.Arrays.copyOf(good, cut));
            assertNull(HandleModelIndex.summaryOrNull(trace, index), "cut at " + cut);
            assertThrows(IOException.class, () -> HandleModelIndex.readSummary(index));
        }
        byte[] longer = java.util.Arrays.copyOf(good, good.length + 1);
        Files.write(index, longer);
        assertNull(HandleModelIndex.summaryOrNull(trace, index), "a byte appended");
        Files.write(index, good);
        assertNotNull(HandleModelIndex.summaryOrNull(trace, index));
        Files.setLastModifiedTime(trace, java.nio.file.attribute.FileTime.fromMillis(12345));
        assertNull(HandleModelIndex.summaryOrNull(trace, index), "trace changed");
    }

    /**
     * Every stored chunk form round-trips as stored: int columns as bytes, shorts and ints, long columns as
     * scaled 32-bit codes and as longs, all-default chunks as nothing.
     */
    @Test
    void everyPackedChunkFormRoundTrips() throws IOException {
        HandleModelBuilder b = new HandleModelBuilder(new SourceInfo("etl", "t.etl", null, null, 8), 4);
        int[] procs = new int[300];
        for (int p = 0; p < procs.length; p++) {
            procs[p] = b.addProcess(ProcessRecord.of(4 * p + 8, "p" + p + ".exe"));
        }
        for (int i = 0; i < 16 * 6; i++) {
            int chunk = i / 16;
            // chunk 0: small keys (bytes); 1: keys 300 apart (shorts); 2: huge spread (ints/longs); 3..5 mixed
            int owner = procs[chunk == 1 ? (i % 2) * 299 : i % 7];
            long handle = chunk == 2 ? (i % 2 == 0 ? 4 : 0x7fff_ffff_fff0L) : 4L * i;
            long create = chunk == 2 && i % 3 == 0 ? T : 1_000_000L * i;
            int row = b.addHandle(new HandleRecord(owner, handle, chunk == 4 ? -1 : 0xffff_c000_0000_0000L + 16L * i,
                    chunk == 2 ? "t" + i : "File", chunk >= 3 ? "n" + i : null, 0x1f0003, null, owner,
                    i % 2 == 0 ? -1 : owner, 77 + i, create, i % 2 == 0 ? T : create + 100, -1, -1, -1, -1));
            assertEquals(i, row);
        }
        HandleModel m = b.build();
        Path index = HandleModelIndex.besideTrace(trace);
        HandleModelIndex.write(m, trace, index);
        HandleModel r = HandleModelIndex.openOrNull(trace, index);
        assertNotNull(r);
        assertEquals(m.rowCount(), r.rowCount());
        for (int i = 0; i < m.rowCount(); i++) {
            assertEquals(m.row(i), r.row(i), "row " + i);
        }
        assertEquals(m.rowStore().allocatedBytes(), r.rowStore().allocatedBytes(), "kept packed as stored");
    }

    @Test
    void indexOfAnotherVersionIsRebuiltNotRead() throws IOException {
        Path index = HandleModelIndex.besideTrace(trace);
        HandleModelIndex.write(sample(4), trace, index);
        byte[] bytes = Files.readAllBytes(index);
        bytes[HandleModelIndex.MAGIC.length + 3] = (byte) (HandleModelIndex.VERSION - 1); // big-endian int
        Files.write(index, bytes);
        IOException e = assertThrows(IOException.class, () -> HandleModelIndex.read(index));
        assertTrue(e.getMessage().contains("version " + (HandleModelIndex.VERSION - 1)), e.getMessage());
        assertNull(HandleModelIndex.openOrNull(trace, index));
    }

    @Test
    void damageIsReportedWithFileAndOffset() throws IOException {
        Path index = HandleModelIndex.besideTrace(trace);
        HandleModelIndex.write(sample(4), trace, index);
        byte[] good = Files.readAllBytes(index);
        Files.write(index, java.util.Arrays.copyOf(good, good.length / 2));
        IOException cut = assertThrows(IOException.class, () -> HandleModelIndex.read(index));
        // either the read runs out ("truncated index at byte N") or a size check trips first
        assertTrue(cut.getMessage().startsWith(index + ": ") && cut.getMessage().contains(" at byte "),
                cut.getMessage());
        byte[] flipped = good.clone();
        int warning = new String(good, java.nio.charset.StandardCharsets.ISO_8859_1).indexOf("events lost");
        flipped[warning] ^= 1; // a letter of a warning: the layout still parses, only the CRC can tell
        Files.write(index, flipped);
        IOException crc = assertThrows(IOException.class, () -> HandleModelIndex.read(index));
        assertTrue(crc.getMessage().contains(index + ": corrupt index at byte " + (good.length - 8)
                + ": checksum mismatch"), crc.getMessage());
    }

    @Test
    void failedWriteLeavesNoIndex() throws IOException {
        Path index = HandleModelIndex.besideTrace(trace);
        HandleModel m = sample(4);
        Files.createDirectories(index); // a directory where the file should go: the rename must fail
        assertThrows(IOException.class, () -> HandleModelIndex.write(m, trace, index));
        try (var files = Files.list(tmp)) {
            assertFalse(files.anyMatch(p -> p.getFileName().toString().endsWith(".tmp")), "temp file removed");
        }
    }
}
