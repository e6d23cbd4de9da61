package org.handlelens.symbols.pdb;

import org.handlelens.symbols.TestData;
import org.handlelens.symbols.io.CorruptFileException;
import org.handlelens.symbols.io.LeReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** C13 line tables of real PDBs against llvm-pdbutil-19, plus damaged subsections. */
class LineTableTest {
    @TempDir
    Path tmp;

    @Test
    void crashWithExceptionLinesMatchLlvmPdbUtil() throws Exception {
        int n = LlvmLinesOracle.assertMatches(TestData.pdb("CrashWithException.pdb"));
        assertTrue(n > 300, "checked " + n);
    }

    @Test
    void cppConLinesIncludingHiddenOnesMatchLlvmPdbUtil() throws Exception {
        int n = LlvmLinesOracle.assertMatches(TestData.pdb("CppCon.pdb"));
        assertTrue(n > 100, "checked " + n);
    }

    @Test
    void exactPositionsInCrashWithException() throws Exception {
        try (PdbFile pdb = PdbFile.open(TestData.pdb("CrashWithException.pdb"))) {
            LineTable t = pdb.lineTable(pdb.modules().get(1));
            String cpp = "c:\\users\\sentry\\source\\repos\\crashwithexception\\crashwithexception\\crashwithexception.cpp";
            assertEquals(new SourceLine(cpp, 17, 0), t.lookup(0x1120)); // crashing_function
            assertEquals(new SourceLine(cpp, 18, 0), t.lookup(0x1130)); // middle of line 18 (0x1124..0x114c)
            assertEquals(new SourceLine(cpp, 18, 0), t.lookup(0x114C)); // last byte of the function
            assertNull(t.lookup(0x114D)); // one past its last line: padding before test() at 0x1150
            assertEquals(new SourceLine(cpp, 10, 0), t.lookup(0x1100)); // lines 9 and 10 both at 0x1100: 10 wins
            assertEquals("crashwithexception.cpp", t.lookup(0x1100).fileName());
            assertNull(t.lookup(0x50000));
            assertTrue(t.files().contains(cpp), t.files().toString());
            // publics-only modules and the linker's module have no lines
            assertEquals(0, pdb.lineTable(pdb.modules().get(3)).entryCount());
        }
    }

    @Test
    void columnsAreReadFromTheManagedPdb() throws Exception {
        // CsDesktopProj.pdb (managed) has one DEBUG_S_LINES with the columns flag; map section:offset to the offset
        try (PdbFile pdb = PdbFile.open(TestData.pdb("CsDesktopProj.pdb"))) {
            PdbModule m = pdb.modules().get(0);
            PdbNames names = pdb.names();
            LineTable t = C13Lines.parse(pdb.msf().stream(m.symbolStream()), m.symbolBytes() + m.c11LineBytes(),
                    m.c13LineBytes(), (seg, off) -> off, names::at);
            String cs = "C:\\PerfViewTestData\\CsDesktopProj\\Program.cs";
            assertEquals(cs + ":9", t.lookup(0).display());
            assertEquals(cs + ":9", t.lookup(9).display());
            assertEquals(cs + ":10", t.lookup(0xA).display());
            assertNull(t.lookup(0xB));
            assertTrue(t.lookup(0).column() > 0, "column of line 9: " + t.lookup(0));
            assertEquals(cs + ":10", pdb.lineTable(m).lookup(pdb.toRva(1, 0xA)).display());
        }
    }

    /** C13 bytes: one DEBUG_S_FILECHKSMS with one file, one DEBUG_S_LINES with two lines. */
    private static ByteBuffer c13() {
        ByteBuffer b = ByteBuffer.allocate(8 + 8 + 8 + 12 + 12 + 16).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(0xF4).putInt(8).putInt(0).put((byte) 0).put((byte) 0).putShort((short) 0);
        b.putInt(0xF2).putInt(12 + 12 + 16);
        b.putInt(0x100).putShort((short) 1).putShort((short) 0).putInt(0x20);
        b.putInt(0).putInt(2).putInt(12 + 16);
        b.putInt(0).putInt(7 | 0x8000_0000).putInt(0x10).putInt(9 | 0x8000_0000);
        return b.flip();
    }

    private static LineTable parse(ByteBuffer b) throws CorruptFileException {
        return C13Lines.parse(new LeReader(b, "t.pdb stream 12", 0), 0, b.limit(), (seg, off) -> seg == 1 ? 0x1000 + off : -1,
                off -> off == 0 ? "a.c" : null);
    }

    @Test
    void handBuiltSubsectionsAndTheirDamage() throws Exception {
        LineTable t = parse(c13());
        assertEquals("a.c:7", t.lookup(0x1100).display());
        assertEquals("a.c:9", t.lookup(0x111F).display());
        assertNull(t.lookup(0x1120));
        assertNull(t.lookup(0x10FF));

        ByteBuffer b = c13();
        b.putInt(40, 9); // line count 9 in a 28-byte block
        CorruptFileException e = assertThrows(CorruptFileException.class, () -> parse(b));
        assertTrue(e.getMessage().startsWith("t.pdb stream 12 at byte offset 40 (0x28): line block claims 9 lines"), e.getMessage());

        ByteBuffer c = c13();
        c.putInt(20, 0x7FFF_FFF0); // DEBUG_S_LINES length past the end
        e = assertThrows(CorruptFileException.class, () -> parse(c));
        assertEquals(20, e.offset(), e.getMessage());

        ByteBuffer d = c13();
        d.putInt(36, 64); // file checksum offset outside DEBUG_S_FILECHKSMS
        e = assertThrows(CorruptFileException.class, () -> parse(d));
        assertTrue(e.getMessage().contains("file checksum offset 64 outside"), e.getMessage());

        ByteBuffer f = c13();
        f.putInt(44, 0xFFFF_FFF0); // block size beyond the subsection
        e = assertThrows(CorruptFileException.class, () -> parse(f));
        assertTrue(e.getMessage().contains("line block size"), e.getMessage());
    }
}
