package org.handlelens.symbols.cab;

import org.handlelens.symbols.ExternalTools;
import org.handlelens.symbols.TestData;
import org.handlelens.symbols.io.CorruptFileException;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CabFileTest {
    @TempDir
    Path tmp;

    private static byte[] extract(byte[] cab, String name) throws Exception {
        CabFile c = CabFile.parse(ByteBuffer.wrap(cab), name);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        c.extract(c.entries().get(0), out, 1 << 30);
        return out.toByteArray();
    }

    @Test
    void ourMszipCabinetRoundTripsARealPdbAcrossManyBlocks() throws Exception {
        byte[] pdb = Files.readAllBytes(TestData.pdb("CppCon.pdb"));
        byte[] cab = TestCabWriter.write("CppCon.pdb", pdb, true);
        assertTrue(cab.length < pdb.length, "compressed");
        CabFile c = CabFile.parse(ByteBuffer.wrap(cab), "CppCon.pd_");
        assertEquals("CppCon.pdb", c.entries().get(0).name());
        assertEquals(pdb.length, c.entries().get(0).sizeBytes());
        assertArrayEquals(pdb, extract(cab, "CppCon.pd_"));
    }

    @Test
    void storedCabinetIsRead() throws Exception {
        byte[] exe = Files.readAllBytes(TestData.pdb("CrashWithException.exe"));
        assertArrayEquals(exe, extract(TestCabWriter.write("CrashWithException.exe", exe, false), "x.ex_"));
    }

    @Test
    void gcabMadeCabinetIsReadAndOurCabinetPassesCabextract() throws Exception {
        Path gcab = ExternalTools.find("gcab");
        Path cabextract = ExternalTools.find("cabextract");
        Assumptions.assumeTrue(gcab != null && cabextract != null,
                "gcab/cabextract not installed (apt-get install gcab cabextract); cross-check skipped");
        byte[] pdb = Files.readAllBytes(TestData.pdb("CrashWithException.pdb"));
        Files.write(tmp.resolve("CrashWithException.pdb"), pdb);
        ExternalTools.Result r = ExternalTools.run(tmp, gcab.toString(), "-c", "-z", "made.pd_", "CrashWithException.pdb");
        assertEquals(0, r.exitCode(), r.stderr());
        assertArrayEquals(pdb, extract(Files.readAllBytes(tmp.resolve("made.pd_")), "made.pd_"));

        Path ours = tmp.resolve("ours.pd_");
        Files.write(ours, TestCabWriter.write("CrashWithException.pdb", pdb, true));
        Path outDir = Files.createDirectory(tmp.resolve("out"));
        r = ExternalTools.run(tmp, cabextract.toString(), "-d", outDir.toString(), ours.toString());
        assertEquals(0, r.exitCode(), r.stdout() + r.stderr());
        assertArrayEquals(pdb, Files.readAllBytes(outDir.resolve("CrashWithException.pdb")));
    }

    @Test
    void damagedCabinetsFailWithOffsets() throws Exception {
        byte[] pdb = Files.readAllBytes(TestData.pdb("CppCon.pdb"));
        byte[] cab = TestCabWriter.write("CppCon.pdb", pdb, true);
        byte[] truncated = Arrays.copyOf(cab, cab.length / 2);
        CorruptFileException e = assertThrows(CorruptFileException.class, () -> extract(truncated, "t.pd_"));
        assertTrue(e.getMessage().startsWith("t.pd_ at byte offset"), e.getMessage());
        byte[] notCk = cab.clone();
        int firstData = ByteBuffer.wrap(cab).order(java.nio.ByteOrder.LITTLE_ENDIAN).getInt(36);
        notCk[firstData + 8] = 'X';
        e = assertThrows(CorruptFileException.class, () -> extract(notCk, "ck.pd_"));
        assertEquals(firstData + 8, e.offset());
        assertTrue(e.getMessage().contains("'CK'"), e.getMessage());
        byte[] lzx = cab.clone();
        lzx[36 + 6] = 3;
        e = assertThrows(CorruptFileException.class, () -> extract(lzx, "lzx.pd_"));
        assertTrue(e.getMessage().contains("LZX window of 2^0 bytes"), e.getMessage());
        lzx[36 + 7] = 21; // MSZIP data read as LZX:21
        e = assertThrows(CorruptFileException.class, () -> extract(lzx, "lzx.pd_"));
        assertTrue(e.getMessage().startsWith("lzx.pd_ at byte offset"), e.getMessage());
        assertTrue(e.getMessage().contains("LZX"), e.getMessage());
        byte[] quantum = cab.clone();
        quantum[36 + 6] = 2;
        e = assertThrows(CorruptFileException.class, () -> extract(quantum, "q.pd_"));
        assertTrue(e.getMessage().contains("Quantum is not supported (stored, MSZIP and LZX are)"), e.getMessage());
        assertThrows(CorruptFileException.class, () -> CabFile.parse(ByteBuffer.wrap(new byte[10]), "tiny"));
    }

    @Test
    void randomDamageGivesCorruptFileExceptionOrSomeOutput() throws Exception {
        byte[] exe = Files.readAllBytes(TestData.pdb("CrashWithException.exe"));
        byte[] cab = TestCabWriter.write("CrashWithException.exe", exe, true);
        java.util.Random rnd = new java.util.Random(5);
        int detected = 0;
        for (int round = 0; round < 300; round++) {
            byte[] copy = cab.clone();
            for (int k = 0; k < 1 + rnd.nextInt(6); k++) {
                copy[rnd.nextInt(round % 2 == 0 ? 80 : copy.length)] = (byte) rnd.nextInt(256);
            }
            try {
                CabFile c = CabFile.parse(ByteBuffer.wrap(copy), "fuzz.ex_");
                for (CabFile.Entry e : c.entries()) {
                    c.extract(e, new ByteArrayOutputStream(), 1 << 20);
                }
            } catch (CorruptFileException e) {
                detected++;
                assertTrue(e.getMessage().startsWith("fuzz.ex_"), e.getMessage());
            }
        }
        assertTrue(detected > 100, "only " + detected + " damaged cabinets detected");
    }

    @Test
    void sizeCapStopsDecompressionBombs() throws Exception {
        byte[] zeros = new byte[200_000];
        byte[] cab = TestCabWriter.write("z.bin", zeros, true);
        CabFile c = CabFile.parse(ByteBuffer.wrap(cab), "z.bi_");
        CorruptFileException e = assertThrows(CorruptFileException.class,
                () -> c.extract(c.entries().get(0), new ByteArrayOutputStream(), 100_000));
        assertTrue(e.getMessage().contains("above the limit"), e.getMessage());
    }
}
