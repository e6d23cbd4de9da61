package org.handlelens.symbols.pdb;

import org.handlelens.symbols.TestData;
import org.handlelens.symbols.io.CorruptFileException;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * MSF container variants real PDBs come in: every block size, fragmented streams, nil streams, a stream
 * directory listed by more than one block-map block, and the containers we reject (MSFZ, MSF 2.00).
 * The real CrashWithException.pdb (4 KB blocks) is repacked by {@link MsfRepacker}; every variant must give
 * the same streams and symbols, and llvm-pdbutil-19 (when installed) must read each one like the original.
 */
class MsfLayoutTest {
    @TempDir
    Path tmp;

    private record Symbols(List<PublicSymbol> publics, List<ProcedureSymbol> procedures, List<DataSymbol> data) {
    }

    private static Symbols symbols(Path pdb) throws IOException {
        try (PdbFile f = PdbFile.open(pdb)) {
            return new Symbols(f.publics(), f.procedures(), f.globalData());
        }
    }

    private static void assertSameStreams(Path expected, Path actual, int extraNil) throws IOException {
        try (MsfFile a = MsfFile.open(expected); MsfFile b = MsfFile.open(actual)) {
            assertEquals(a.streamCount() + extraNil, b.streamCount());
            for (int i = 0; i < b.streamCount(); i++) {
                assertEquals(a.hasStream(i), b.hasStream(i), "stream " + i);
                if (a.hasStream(i)) {
                    int n = (int) a.streamSizeBytes(i);
                    assertArrayEquals(a.stream(i).bytes(0, n), b.stream(i).bytes(0, n), "stream " + i);
                }
            }
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {512, 1024, 2048, 4096, 8192, 16384, 32768})
    void everyBlockSizeWithFragmentedStreamsReadsTheSame(int blockSize) throws Exception {
        Path src = TestData.pdb("CrashWithException.pdb");
        Path dst = tmp.resolve("bs" + blockSize + ".pdb");
        new MsfRepacker(blockSize, true, 0).repack(src, dst);
        try (MsfFile m = MsfFile.open(dst)) {
            assertEquals(blockSize, m.blockSize());
        }
        assertSameStreams(src, dst, 0);
        assertEquals(symbols(src), symbols(dst));
        Assumptions.assumeTrue(LlvmPdbUtilOracle.tool() != null, "llvm-pdbutil-19 not installed (apt-get install llvm-19)");
        // the repacked file is a valid MSF for LLVM too, and LLVM reads the same symbols from it
        assertEquals(LlvmPdbUtilOracle.dump(src), LlvmPdbUtilOracle.dump(dst));
    }

    @Test
    void lineTablesOfA512ByteBlockCopyEqualLlvmPdbutil() throws Exception {
        Path dst = tmp.resolve("bs512.pdb");
        new MsfRepacker(512, true, 0).repack(TestData.pdb("CrashWithException.pdb"), dst);
        assertTrue(LlvmLinesOracle.assertMatches(dst) > 100);
    }

    @Test
    void directoryListedByTwoBlockMapBlocksAndManyNilStreams() throws Exception {
        // 20,000 nil streams grow the directory past 128 blocks of 512 bytes, so its block numbers fill more than
        // one map block and the header array at 0x34 has two entries (MS Big MSF; LLVM allows only one)
        Path src = TestData.pdb("CrashWithException.pdb");
        Path dst = tmp.resolve("bigdir.pdb");
        new MsfRepacker(512, false, 20_000).repack(src, dst);
        ByteBuffer head = ByteBuffer.wrap(Files.readAllBytes(dst), 0, 64).order(ByteOrder.LITTLE_ENDIAN);
        long dirBytes = head.getInt(0x2C) & 0xFFFF_FFFFL;
        assertTrue((dirBytes + 511) / 512 > 128, "directory of " + dirBytes + " bytes needs two map blocks");
        assertTrue(head.getInt(0x38) != 0, "second map block number");
        assertSameStreams(src, dst, 20_000);
        try (MsfFile m = MsfFile.open(dst)) {
            assertFalse(m.hasStream(m.streamCount() - 1));
            assertEquals(0, m.streamSizeBytes(m.streamCount() - 1));
            CorruptFileException e = assertThrows(CorruptFileException.class, () -> m.stream(m.streamCount() - 1));
            assertTrue(e.getMessage().contains("does not exist"), e.getMessage());
        }
        assertEquals(symbols(src), symbols(dst));
    }

    @Test
    void blockMapArrayRunningPastBlockZeroIsRejectedAtItsSizeField() throws Exception {
        // 256-byte blocks: block 0 holds (256 - 0x34) / 4 = 51 map entries = 51 * 64 directory blocks
        byte[] file = new byte[4096 * 256];
        ByteBuffer b = ByteBuffer.wrap(file).order(ByteOrder.LITTLE_ENDIAN);
        b.put(MsfFile.MAGIC);
        b.putInt(0x20, 256).putInt(0x24, 1).putInt(0x28, 4096).putInt(0x2C, 52 * 64 * 256);
        Path f = tmp.resolve("map.pdb");
        Files.write(f, file);
        CorruptFileException e = assertThrows(CorruptFileException.class, () -> MsfFile.open(f).close());
        assertEquals(0x2C, e.offset());
        assertTrue(e.getMessage().contains("map.pdb"), e.getMessage());
        assertTrue(e.getMessage().contains("52 block map entries"), e.getMessage());
    }

    @Test
    void msfzAndMsf2ContainersAreRejectedByName() throws Exception {
        // MSFZ: the compressed container msdl.microsoft.com serves to clients sending Accept: application/msfz0
        for (String magic : List.of("Microsoft MSFZ Container\r\n\u001aALD\0\0",
                "Microsoft C/C++ program database 2.00\r\n\u001aJG\0\0")) {
            byte[] file = Arrays.copyOf(magic.getBytes(StandardCharsets.ISO_8859_1), 4096);
            Path f = tmp.resolve("x.pdb");
            Files.write(f, file);
            CorruptFileException e = assertThrows(CorruptFileException.class, () -> PdbFile.open(f).close());
            assertEquals(0, e.offset());
            assertTrue(e.getMessage().contains(magic.contains("MSFZ") ? "MSFZ PDB not supported" : "MSF 2.00"),
                    e.getMessage());
        }
    }

    @Test
    void nilDbiStreamMeansNoModulesNotAnError() throws Exception {
        // a PDB whose DBI stream is nil (e.g. a types-only PDB): info readable, no modules, no publics
        Path src = TestData.pdb("CppCon.pdb");
        Path dst = tmp.resolve("nodbi.pdb");
        new MsfRepacker(4096, false, 0).repack(src, dst);
        byte[] all = Files.readAllBytes(dst);
        // stream 3's size entry in the directory: find the directory through the superblock
        ByteBuffer b = ByteBuffer.wrap(all).order(ByteOrder.LITTLE_ENDIAN);
        int bs = b.getInt(0x20);
        int dirBlock = b.getInt(b.getInt(0x34) * bs);
        int sizeAt = dirBlock * bs + 4 + 4 * 3;
        b.putInt(sizeAt, -1);
        Files.write(dst, all);
        try (PdbFile pdb = PdbFile.open(dst)) {
            assertEquals(5, pdb.info().age());
            assertEquals(List.of(), pdb.modules());
            assertEquals(List.of(), pdb.publics());
            assertEquals(5, pdb.dbiAge(), "falls back to the info age");
        }
    }
}
