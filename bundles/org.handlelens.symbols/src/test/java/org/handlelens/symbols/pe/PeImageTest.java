package org.handlelens.symbols.pe;

import org.handlelens.symbols.ImageIdentity;
import org.handlelens.symbols.PdbIdentity;
import org.handlelens.symbols.TestData;
import org.handlelens.symbols.io.CorruptFileException;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PeImageTest {
    @Test
    void crashWithExceptionHeadersAndCodeView() throws Exception {
        PeImage pe = PeImage.read(TestData.pdb("CrashWithException.exe"));
        assertEquals(0x8664, pe.machine());
        assertTrue(pe.isPe32Plus());
        assertEquals(0x5C9E0959L, pe.timeDateStamp());
        assertEquals(0x9000L, pe.sizeOfImageBytes());
        assertEquals(0x140000000L, pe.imageBase());
        assertEquals("5C9E09599000", pe.imageIdentity().key());
        assertEquals("CrashWithException.exe/5C9E09599000/CrashWithException.exe", pe.imageIdentity().storePath());
        CodeViewRecord cv = pe.codeView().orElseThrow();
        assertEquals("RSDS", cv.format());
        assertEquals(UUID.fromString("F535C5FB-2AE8-4BB8-AA20-6C30BE566C5A"), cv.guid());
        assertEquals(1, cv.age());
        assertTrue(cv.pdbPath().endsWith("\\CrashWithException.pdb"), cv.pdbPath());
        PdbIdentity id = cv.pdbIdentity();
        assertEquals("CrashWithException.pdb", id.pdbName());
        assertEquals("F535C5FB2AE84BB8AA206C30BE566C5A1", id.key());
        assertEquals(6, pe.sections().size());
        assertEquals(".text", pe.sections().get(0).name());
        assertEquals(0x1000, pe.sections().get(0).virtualAddress());
        assertTrue(pe.exports().isEmpty());
    }

    @Test
    void fooExeKeysUseLowerCaseSizeAndPdbPath() throws Exception {
        PeImage pe = PeImage.read(TestData.pdb("foo.exe"));
        assertEquals(0x587BA621L, pe.timeDateStamp());
        assertEquals(0x7B000L, pe.sizeOfImageBytes());
        assertEquals("587BA6217b000", pe.imageIdentity().key());
        CodeViewRecord cv = pe.codeView().orElseThrow();
        assertEquals(UUID.fromString("2B3C3FA5-5A2E-44B8-8BBA-C3300FF69F62"), cv.guid());
        assertEquals("c:\\Users\\User\\Desktop\\self\\foo.pdb", cv.pdbPath());
        assertEquals("foo.pdb/2B3C3FA55A2E44B88BBAC3300FF69F621/foo.pdb", cv.pdbIdentity().storePath());
    }

    @Test
    void imageKeyPadsTimestampToEightDigits() {
        ImageIdentity id = new ImageIdentity("a.dll", 0x0ABCDEF1L, 0x1F000);
        assertEquals("0ABCDEF11f000", id.key());
        assertTrue(id.alternativeKeys().contains("abcdef11f000"));
    }

    @Test
    void truncatedImageNamesFileAndOffset() throws Exception {
        byte[] all = Files.readAllBytes(TestData.pdb("CrashWithException.exe"));
        CorruptFileException e = assertThrows(CorruptFileException.class,
                () -> PeImage.parse(Arrays.copyOf(all, 0x120), "cut.exe"));
        assertTrue(e.getMessage().startsWith("cut.exe at byte offset"), e.getMessage());
        assertTrue(e.getMessage().contains("truncated"), e.getMessage());
    }

    @Test
    void badSignatureAndMagicAreReported() throws Exception {
        byte[] all = Files.readAllBytes(TestData.pdb("CrashWithException.exe"));
        byte[] noMz = all.clone();
        noMz[0] = 'X';
        assertTrue(assertThrows(CorruptFileException.class, () -> PeImage.parse(noMz, "x.exe"))
                .getMessage().contains("no MZ signature"));
        byte[] badMagic = all.clone();
        int peOff = ByteBuffer.wrap(all).order(ByteOrder.LITTLE_ENDIAN).getInt(0x3C);
        badMagic[peOff + 24] = 0x77;
        CorruptFileException e = assertThrows(CorruptFileException.class, () -> PeImage.parse(badMagic, "y.exe"));
        assertEquals(peOff + 24, e.offset());
    }

    @Test
    void debugDirectoryOutsideEverySectionNamesTheDataDirectoryEntry() throws Exception {
        byte[] all = Files.readAllBytes(TestData.pdb("CrashWithException.exe"));
        ByteBuffer b = ByteBuffer.wrap(all).order(ByteOrder.LITTLE_ENDIAN);
        int peOff = b.getInt(0x3C);
        int debugEntry = peOff + 24 + 112 + 6 * 8; // PE32+ DataDirectory[6]
        b.putInt(debugEntry, 0x7FFF0000);
        CorruptFileException e = assertThrows(CorruptFileException.class, () -> PeImage.parse(all, "dbg.exe"));
        assertEquals(debugEntry, e.offset());
        assertTrue(e.getMessage().contains("debug directory RVA 0x7FFF0000 is in no section"), e.getMessage());
    }

    @Test
    void randomDamageNeverEscapesAsUncheckedException() throws Exception {
        byte[] orig = Files.readAllBytes(TestData.pdb("foo.exe"));
        Random rnd = new Random(11);
        int detected = 0;
        for (int round = 0; round < 300; round++) {
            byte[] copy = orig.clone();
            for (int k = 0; k < 1 + rnd.nextInt(8); k++) {
                copy[rnd.nextInt(1024)] = (byte) rnd.nextInt(256);
            }
            try {
                PeImage pe = PeImage.parse(copy, "fuzz.exe");
                pe.exports();
            } catch (CorruptFileException e) {
                detected++;
            }
        }
        assertTrue(detected > 0);
    }

    @Test
    void realMsvcImageListsEveryDebugEntryAndUsesTheCodeViewOne() throws Exception {
        // MSVC 2017 writes CodeView, VC_FEATURE (12), POGO (13) and ILTCG (14); llvm-readobj-19 lists the same
        PeImage pe = PeImage.read(TestData.pdb("CrashWithException.exe"));
        assertEquals(List.of(2, 12, 13, 14), pe.debugEntries().stream().map(DebugDirectoryEntry::type).toList());
        assertEquals(0x2A4, pe.debugEntries().get(2).sizeOfDataBytes());
        assertEquals("RSDS", pe.codeView().orElseThrow().format());
    }

    @Test
    void nb10RecordGivesSignatureAgeAndKeyButNoGuid() throws Exception {
        // a VC6-era image: NB10 = "NB10", u32 offset 0, u32 signature, u32 age, PDB path (CV_INFO_PDB20; LLVM
        // llvm/Object/CVDebugRecord.h PDB20DebugInfo). The RSDS record of the real image is overwritten in place.
        byte[] all = Files.readAllBytes(TestData.pdb("CrashWithException.exe"));
        ByteBuffer b = ByteBuffer.wrap(all).order(ByteOrder.LITTLE_ENDIAN);
        int cv = 0x1C84; // PointerToRawData of the CodeView entry (llvm-readobj-19 --coff-debug-directory)
        b.putInt(cv, 0x3031424E).putInt(cv + 4, 0).putInt(cv + 8, 0x3A1B2C3D).putInt(cv + 12, 7);
        byte[] name = "old.pdb\0".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        System.arraycopy(name, 0, all, cv + 16, name.length);
        CodeViewRecord rec = PeImage.parse(all, "old.exe").codeView().orElseThrow();
        assertEquals("NB10", rec.format());
        assertEquals(0x3A1B2C3DL, rec.signature());
        assertEquals(7, rec.age());
        assertEquals("old.pdb", rec.pdbPath());
        assertEquals("3A1B2C3D7", rec.nb10Key());
        assertThrows(IllegalStateException.class, rec::pdbIdentity);
    }

    @Test
    void codeViewDataBeyondTheFileNamesTheDebugEntry() throws Exception {
        byte[] all = Files.readAllBytes(TestData.pdb("CrashWithException.exe"));
        PeImage ok = PeImage.parse(all, "ok.exe");
        long dirOffset = ok.rvaToFileOffset(ok.dataDirectory(PeImage.DIR_DEBUG)[0]);
        ByteBuffer.wrap(all).order(ByteOrder.LITTLE_ENDIAN).putInt((int) dirOffset + 24, 0x00FF0000);
        CorruptFileException e = assertThrows(CorruptFileException.class, () -> PeImage.parse(all, "far.exe"));
        assertEquals(dirOffset + 24, e.offset());
        assertTrue(e.getMessage().contains("far.exe"), e.getMessage());
        assertTrue(e.getMessage().contains("debug directory entry 0 (CodeView)"), e.getMessage());
    }
}
