package org.handlelens.symbols.pdb;

import org.handlelens.symbols.PdbIdentity;
import org.handlelens.symbols.TestData;
import org.handlelens.symbols.io.CorruptFileException;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PdbFileTest {

    @ParameterizedTest
    @ValueSource(strings = {"CrashWithException", "CppCon"})
    void everyPublicNameAndRvaEqualsTheLlvmPdbutilOracle(String base) throws Exception {
        List<String> expected = new ArrayList<>();
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> oracle = (List<Map<String, Object>>) TestData.json(
                Files.readString(TestData.pdb(base + ".publics.json")));
        for (Map<String, Object> e : oracle) {
            expected.add(e.get("rva") + " " + e.get("name"));
        }
        List<String> actual = new ArrayList<>();
        try (PdbFile pdb = PdbFile.open(TestData.pdb(base + ".pdb"))) {
            for (PublicSymbol p : pdb.publics()) {
                if (p.rva() >= 0) {
                    actual.add(p.rva() + " " + p.name());
                }
            }
        }
        expected.sort(null);
        actual.sort(null);
        assertFalse(expected.isEmpty());
        assertEquals(expected, actual);
    }

    @Test
    void crashWithExceptionFacts() throws Exception {
        try (PdbFile pdb = PdbFile.open(TestData.pdb("CrashWithException.pdb"))) {
            assertEquals(4096, pdb.msf().blockSize());
            assertEquals(67, pdb.msf().streamCount());
            assertEquals(20000404, pdb.info().version());
            assertEquals(UUID.fromString("F535C5FB-2AE8-4BB8-AA20-6C30BE566C5A"), pdb.info().guid());
            assertEquals(1, pdb.dbiAge());
            assertEquals(0x8664, pdb.machine());
            assertEquals(258, pdb.publics().size());
            assertEquals("F535C5FB2AE84BB8AA206C30BE566C5A1", pdb.identity("CrashWithException.pdb").key());
            assertFalse(pdb.hasOmap());
            assertEquals(List.of(".text", ".rdata", ".data", ".pdata", ".rsrc", ".reloc"),
                    pdb.sections().stream().map(s -> s.name()).toList());
            assertTrue(pdb.modules().stream().anyMatch(m -> m.moduleName().endsWith("CrashWithException.obj")),
                    () -> pdb.toString());
        }
    }

    @Test
    void cppConHasAgeFiveAndX86Machine() throws Exception {
        try (PdbFile pdb = PdbFile.open(TestData.pdb("CppCon.pdb"))) {
            assertEquals(5, pdb.info().age());
            assertEquals(5, pdb.dbiAge());
            assertEquals(0x14C, pdb.machine());
            assertEquals(198, pdb.publics().size());
            PdbIdentity id = pdb.identity("CppCon.pdb");
            assertEquals("12DC0A4FBD7D4F2AA9BE263BACAEB4675", id.key());
            assertEquals("CppCon.pdb/12DC0A4FBD7D4F2AA9BE263BACAEB4675/CppCon.pdb", id.storePath());
            assertTrue(pdb.matches(id));
            assertFalse(pdb.matches(new PdbIdentity("CppCon.pdb", id.guid(), 4)));
            assertFalse(pdb.matches(new PdbIdentity("CppCon.pdb", UUID.randomUUID(), 5)));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"CrashWithException", "CppCon", "CsDesktopProj"})
    void publicsAndProceduresEqualLlvmPdbutilDump(String base) throws Exception {
        Assumptions.assumeTrue(LlvmPdbUtilOracle.tool() != null,
                "llvm-pdbutil-19 not installed (apt-get install llvm-19); cross-check skipped");
        Path file = TestData.pdb(base + ".pdb");
        LlvmPdbUtilOracle.Dump dump = LlvmPdbUtilOracle.dump(file);
        List<String> pubs = new ArrayList<>();
        List<String> procs = new ArrayList<>();
        try (PdbFile pdb = PdbFile.open(file)) {
            for (PublicSymbol p : pdb.publics()) {
                pubs.add(p.segment() + ":" + p.offset() + " " + p.name());
            }
            for (ProcedureSymbol p : pdb.procedures()) {
                procs.add(p.segment() + ":" + p.offset() + " " + p.sizeBytes() + " " + p.name());
            }
        }
        List<String> expPubs = new ArrayList<>(dump.publics());
        List<String> expProcs = new ArrayList<>(dump.procedures());
        for (List<String> l : List.of(pubs, procs, expPubs, expProcs)) {
            l.sort(null);
        }
        assertEquals(expPubs, pubs);
        assertEquals(expProcs, procs);
        if (!base.equals("CsDesktopProj")) {
            assertFalse(procs.isEmpty());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"CrashWithException", "CppCon"})
    void globalDataEqualsLlvmPdbutilGlobals(String base) throws Exception {
        Assumptions.assumeTrue(LlvmPdbUtilOracle.tool() != null,
                "llvm-pdbutil-19 not installed (apt-get install llvm-19); cross-check skipped");
        Path file = TestData.pdb(base + ".pdb");
        List<String> expected = new ArrayList<>(LlvmPdbUtilOracle.globalData(file));
        List<String> actual = new ArrayList<>();
        try (PdbFile pdb = PdbFile.open(file)) {
            for (DataSymbol d : pdb.globalData()) {
                actual.add((d.global() ? "S_GDATA32 " : "S_LDATA32 ") + d.name());
            }
        }
        expected.sort(null);
        actual.sort(null);
        assertFalse(expected.isEmpty());
        assertEquals(expected, actual);
    }

    @Test
    void omapLookupUsesTheLastEntryAtOrBelowAndZeroMeansUnmapped() throws Exception {
        java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(32).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        b.putInt(0x1000).putInt(0x5000).putInt(0x1100).putInt(0).putInt(0x1200).putInt(0x2000).putInt(0x3000).putInt(0x7000);
        Omap omap = Omap.parse(org.handlelens.symbols.io.LeReader.of(b.array(), "omap"));
        assertEquals(4, omap.size());
        assertEquals(-1, omap.map(0xFFF));
        assertEquals(0x5010, omap.map(0x1010));
        assertEquals(-1, omap.map(0x1150));
        assertEquals(0x2034, omap.map(0x1234));
        assertEquals(0x7001, omap.map(0x3001));
        java.nio.ByteBuffer bad = java.nio.ByteBuffer.allocate(16).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        bad.putInt(0x2000).putInt(1).putInt(0x1000).putInt(2);
        CorruptFileException e = assertThrows(CorruptFileException.class,
                () -> Omap.parse(org.handlelens.symbols.io.LeReader.of(bad.array(), "omap")));
        assertEquals(8, e.offset());
    }

    @Test
    void managedMsfPdbHasNoNativeProcedures() throws Exception {
        try (PdbFile pdb = PdbFile.open(TestData.pdb("CsDesktopProj.pdb"))) {
            assertEquals(512, pdb.msf().blockSize());
            assertEquals(UUID.fromString("CB95DFEE-56C9-4BC5-B548-EFA50F7902CC"), pdb.info().guid());
            assertTrue(pdb.procedures().isEmpty());
            assertTrue(pdb.publics().stream().allMatch(p -> p.rva() < 0));
        }
    }

    @Test
    void portablePdbIsRejectedClearly() {
        CorruptFileException e = assertThrows(CorruptFileException.class,
                () -> PdbFile.open(TestData.pdb("CsPortablePdb1.pdb")));
        assertTrue(e.getMessage().contains("Portable PDB, not MSF"), e.getMessage());
        assertTrue(e.getMessage().contains("CsPortablePdb1.pdb"), e.getMessage());
        assertEquals(0, e.offset());
    }

    @Test
    void executableIsNotAPdb() {
        CorruptFileException e = assertThrows(CorruptFileException.class,
                () -> PdbFile.open(TestData.pdb("foo.exe")));
        assertTrue(e.getMessage().contains("not an MSF 7.00 PDB"), e.getMessage());
    }
}
