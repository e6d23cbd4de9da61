package org.handlelens.symbols.pdb;

import org.handlelens.symbols.TestData;
import org.handlelens.symbols.io.CorruptFileException;
import org.handlelens.symbols.resolve.ModuleSymbolsLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Damaged copies (in a temp dir) must fail with CorruptFileException naming file and offset. */
class CorruptPdbTest {
    @TempDir
    Path tmp;

    private static void readEverything(Path file) throws IOException {
        try (PdbFile pdb = PdbFile.open(file)) {
            pdb.info();
            pdb.publics();
            pdb.procedures();
            pdb.globalData();
        }
    }

    @Test
    void truncatedFileReportsExpectedAndActualSize() throws Exception {
        byte[] all = Files.readAllBytes(TestData.pdb("CrashWithException.pdb"));
        Path cut = tmp.resolve("cut.pdb");
        Files.write(cut, Arrays.copyOf(all, all.length / 2));
        CorruptFileException e = assertThrows(CorruptFileException.class, () -> readEverything(cut));
        assertTrue(e.getMessage().contains("cut.pdb"), e.getMessage());
        assertTrue(e.getMessage().contains("truncated"), e.getMessage());
        assertEquals(0x28, e.offset());
    }

    @Test
    void tinyFileIsRejected() throws Exception {
        Path tiny = tmp.resolve("tiny.pdb");
        Files.write(tiny, Arrays.copyOf(MsfFile.MAGIC, 20));
        CorruptFileException e = assertThrows(CorruptFileException.class, () -> readEverything(tiny));
        assertTrue(e.getMessage().contains("too short"), e.getMessage());
    }

    @Test
    void badBlockSizeNamesOffset0x20() throws Exception {
        byte[] all = Files.readAllBytes(TestData.pdb("CppCon.pdb"));
        ByteBuffer.wrap(all).order(ByteOrder.LITTLE_ENDIAN).putInt(0x20, 3000);
        Path f = tmp.resolve("bs.pdb");
        Files.write(f, all);
        CorruptFileException e = assertThrows(CorruptFileException.class, () -> readEverything(f));
        assertEquals(0x20, e.offset());
        assertTrue(e.getMessage().contains("block size 3000"), e.getMessage());
    }

    @Test
    void symbolRecordRunningPastItsStreamIsReportedWithStreamOffset() throws Exception {
        Path src = TestData.pdb("CrashWithException.pdb");
        int symStream;
        long firstRecordFileOffset;
        try (PdbFile pdb = PdbFile.open(src)) {
            var dbi = pdb.msf().stream(3);
            symStream = dbi.u16(20);
        }
        // Find the file offset of the first block of the symbol record stream via the directory.
        byte[] all = Files.readAllBytes(src);
        firstRecordFileOffset = firstBlockOffset(all, symStream);
        ByteBuffer.wrap(all).order(ByteOrder.LITTLE_ENDIAN).putShort((int) firstRecordFileOffset, (short) 0x7FF0);
        Path f = tmp.resolve("rec.pdb");
        Files.write(f, all);
        CorruptFileException e = assertThrows(CorruptFileException.class, () -> readEverything(f));
        assertTrue(e.getMessage().contains("stream " + symStream), e.getMessage());
        assertEquals(0, e.offset());
    }

    static long firstBlockOffset(byte[] file, int stream) {
        ByteBuffer b = ByteBuffer.wrap(file).order(ByteOrder.LITTLE_ENDIAN);
        int bs = b.getInt(0x20);
        int dirBytes = b.getInt(0x2C);
        int mapBlock = b.getInt(0x34);
        int dirBlocks = (dirBytes + bs - 1) / bs;
        ByteBuffer dir = ByteBuffer.allocate(dirBlocks * bs).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < dirBlocks; i++) {
            dir.put(file, b.getInt(mapBlock * bs + 4 * i) * bs, bs);
        }
        int n = dir.getInt(0);
        int pos = 4 + 4 * n;
        for (int i = 0; i < stream; i++) {
            int size = dir.getInt(4 + 4 * i);
            pos += size == -1 ? 0 : 4 * ((size + bs - 1) / bs);
        }
        return (long) dir.getInt(pos) * bs;
    }

    /** Deterministic mini-fuzz: random byte damage never escapes as an unchecked exception or hangs. */
    @Test
    void randomDamageGivesCorruptFileExceptionOrValidResult() throws Exception {
        byte[] orig = Files.readAllBytes(TestData.pdb("CppCon.pdb"));
        Random rnd = new Random(7);
        Path f = tmp.resolve("fuzz.pdb");
        int failures = 0;
        for (int round = 0; round < 150; round++) {
            byte[] copy = orig.clone();
            int flips = 1 + rnd.nextInt(32);
            for (int k = 0; k < flips; k++) {
                // bias damage to the first blocks, where the headers and directory live
                int at = rnd.nextBoolean() ? rnd.nextInt(Math.min(copy.length, 3 * 4096)) : rnd.nextInt(copy.length);
                copy[at] = (byte) rnd.nextInt(256);
            }
            Files.write(f, copy);
            try {
                readEverything(f);
                ModuleSymbolsLoader.fromPdb(f, null);
            } catch (CorruptFileException e) {
                failures++;
                assertTrue(e.getMessage().contains("fuzz.pdb"), e.getMessage());
            }
        }
        assertTrue(failures > 0, "damage was never detected");
    }

    @Test
    void damagedModuleStreamCostsTheProceduresNotThePublics() throws Exception {
        Path src = TestData.pdb("CrashWithException.pdb");
        int stream;
        try (PdbFile pdb = PdbFile.open(src)) {
            stream = pdb.modules().stream().filter(m -> m.symbolStream() >= 0 && m.symbolBytes() > 64)
                    .findFirst().orElseThrow().symbolStream();
        }
        byte[] all = Files.readAllBytes(src);
        // the first record after the 4-byte C13 signature claims 0x7FF0 bytes
        ByteBuffer.wrap(all).order(ByteOrder.LITTLE_ENDIAN).putShort((int) firstBlockOffset(all, stream) + 4, (short) 0x7FF0);
        Path f = tmp.resolve("mod.pdb");
        Files.write(f, all);
        var symbols = ModuleSymbolsLoader.fromPdb(f, null);
        assertEquals(org.handlelens.symbols.resolve.SymbolStatus.PUBLIC_ONLY, symbols.status(), symbols.describe());
        assertTrue(symbols.reason().startsWith("procedures unreadable, public symbols only: "), symbols.reason());
        assertTrue(symbols.reason().contains("mod.pdb stream " + stream), symbols.reason());
        try (PdbFile pdb = PdbFile.open(f)) {
            long rva = pdb.publics().stream().filter(p -> p.rva() >= 0).findFirst().orElseThrow().rva();
            assertTrue(symbols.table().lookup(rva) != null);
        }
    }

    @Test
    void dbiOlderThanV70IsRejectedAtItsVersionField() throws Exception {
        Path src = TestData.pdb("CppCon.pdb");
        byte[] all = Files.readAllBytes(src);
        long dbi = firstBlockOffset(all, 3);
        ByteBuffer b = ByteBuffer.wrap(all).order(ByteOrder.LITTLE_ENDIAN);
        assertEquals(19990903, b.getInt((int) dbi + 4), "V70");
        b.putInt((int) dbi + 4, 19970606); // V60
        Path f = tmp.resolve("v60.pdb");
        Files.write(f, all);
        try (PdbFile pdb = PdbFile.open(f)) {
            assertEquals(5, pdb.info().age(), "the info stream stays readable");
            CorruptFileException e = assertThrows(CorruptFileException.class, pdb::modules);
            assertEquals(4, e.offset());
            assertTrue(e.getMessage().contains("v60.pdb stream 3"), e.getMessage());
            assertTrue(e.getMessage().contains("DBI stream version 19970606 predates V70"), e.getMessage());
        }
    }
}
