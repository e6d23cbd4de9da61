package org.handlelens.symbols.cab;

import org.handlelens.symbols.ExternalTools;
import org.handlelens.symbols.TestData;
import org.handlelens.symbols.io.CorruptFileException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * LZX cabinets (what {@code symstore /compress} writes for {@code .pd_}/{@code .dl_}): written by
 * {@link TestLzxWriter}, first expanded by cabextract (libmspack, when installed) to prove the cabinet is
 * valid LZX, then by {@link CabFile}; both must give back the input.
 */
class LzxCabTest {
    @TempDir
    Path tmp;

    /** A real PDB's first 160 KB, the real x64 exe (E8 CALLs) and a run of random bytes: 6 frames. */
    private static byte[] content() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] pdb = Files.readAllBytes(TestData.pdb("CrashWithException.pdb"));
        out.write(pdb, 0, 160 * 1024);
        out.writeBytes(Files.readAllBytes(TestData.pdb("CrashWithException.exe")));
        byte[] noise = new byte[5000];
        new Random(5).nextBytes(noise);
        out.writeBytes(noise);
        out.write(pdb, 4096, 777); // repeats far back, odd total length
        return out.toByteArray();
    }

    private static byte[] extract(byte[] cab, String name) throws Exception {
        CabFile c = CabFile.parse(ByteBuffer.wrap(cab), name);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        c.extract(c.entries().get(0), out, 1 << 30);
        return out.toByteArray();
    }

    private void assertCabextractGives(byte[] cab, byte[] expected) throws Exception {
        Path cabextract = ExternalTools.find("cabextract");
        if (cabextract == null) {
            System.err.println("cabextract not installed (apt-get install cabextract): LZX writer not cross-checked");
            return;
        }
        Path file = tmp.resolve("x" + System.nanoTime() + ".pd_");
        Files.write(file, cab);
        Path outDir = Files.createDirectory(tmp.resolve("out" + System.nanoTime()));
        ExternalTools.Result r = ExternalTools.run(tmp, cabextract.toString(), "-d", outDir.toString(), file.toString());
        assertEquals(0, r.exitCode(), r.stdout() + r.stderr());
        assertArrayEquals(expected, Files.readAllBytes(outDir.resolve("data.pdb")), "cabextract output");
    }

    @ParameterizedTest
    @CsvSource({
            "15, 0, V, 1",
            "16, 0, A, 1",
            "21, 0, VAU, 1",
            "17, 12000000, VA, 1",
            "21, 12000000, AUV, 2",
            "18, 0, UV, 2",
    })
    void lzxCabinetsExpandLikeCabextract(int windowBits, int intelFileSize, String blocks, int framesPerBlock)
            throws Exception {
        byte[] content = content();
        byte[] cab = new TestLzxWriter(windowBits, intelFileSize, blocks, framesPerBlock).cab("data.pdb", content);
        assertTrue(cab.length < content.length, "compressed: " + cab.length + " of " + content.length);
        assertCabextractGives(cab, content);
        assertArrayEquals(content, extract(cab, "data.pd_"));
    }

    @Test
    void damagedLzxDataFailsWithFileAndOffsetNeverHangs() throws Exception {
        byte[] content = content();
        byte[] cab = new TestLzxWriter(21, 12000000, "VA", 1).cab("data.pdb", content);
        CorruptFileException e = assertThrows(CorruptFileException.class,
                () -> extract(Arrays.copyOf(cab, cab.length - 2000), "cut.pd_"));
        assertTrue(e.getMessage().startsWith("cut.pd_ at byte offset"), e.getMessage());
        Random random = new Random(11);
        int failures = 0;
        for (int round = 0; round < 60; round++) {
            byte[] copy = cab.clone();
            for (int k = 0; k < 1 + random.nextInt(8); k++) {
                int at = 100 + random.nextInt(copy.length - 100); // the LZX data, not the cabinet header
                copy[at] = (byte) random.nextInt(256);
            }
            try {
                extract(copy, "bad.pd_");
            } catch (CorruptFileException expected) {
                failures++;
                assertTrue(expected.getMessage().startsWith("bad.pd_ at byte offset"), expected.getMessage());
            }
        }
        assertTrue(failures > 10, failures + " of 60 damaged cabinets detected");
    }

    @Test
    void invalidBlockTypeIsReportedAtItsByteInTheCabinet() throws Exception {
        byte[] cab = new TestLzxWriter(16, 0, "V", 1).cab("data.pdb", content());
        ByteBuffer b = ByteBuffer.wrap(cab).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        int firstData = b.getInt(36); // CFFOLDER.coffCabStart
        int payload = firstData + 8;  // after the CFDATA header
        // first 16-bit word, most significant bit first: E8 flag 0, then block type 7 (invalid)
        b.putShort(payload, (short) 0x7000);
        CorruptFileException e = assertThrows(CorruptFileException.class, () -> extract(cab, "t7.pd_"));
        assertEquals(payload, e.offset(), e.getMessage());
        assertTrue(e.getMessage().contains("invalid block type 7"), e.getMessage());
    }
}
