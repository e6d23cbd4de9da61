package org.handlelens.symbols.pdb;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.handlelens.symbols.io.CorruptFileException;
import org.handlelens.symbols.pe.SectionHeader;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Timeout;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Jazzer fuzz target for {@link MsfFile} + {@link PdbFile}: MSF superblock and directory, info stream,
 * DBI (modules, section contributions, section headers, OMAP), the public, global-data and procedure symbol
 * records, the info stream's named-stream map, {@code /names} and every module's C13 line table. Seeds
 * ({@code PdbFileFuzzTestInputs/read/}): the real CsDesktopProj.pdb (MSF, 512-byte blocks), the Portable
 * PDB CsPortablePdb1.pdb (rejected), the first 4 KB of CrashWithException.pdb, and a clang-cl/lld-link PDB
 * with publics, globals and procedures repacked to 512- and 1024-byte blocks (12 and 19 KB instead of 72).
 * The only accepted exception is {@link CorruptFileException}.
 */
@Timeout(value = 10, unit = TimeUnit.SECONDS)
class PdbFileFuzzTest {
    private static Path dir;

    @BeforeAll
    static void createDir() throws Exception {
        dir = Files.createTempDirectory("hl-pdb-fuzz");
    }

    @AfterAll
    static void deleteDir() throws Exception {
        Files.deleteIfExists(dir.resolve("fuzz.pdb"));
        Files.delete(dir);
    }

    @FuzzTest(maxDuration = "20s")
    void read(byte[] input) throws Exception {
        Path file = dir.resolve("fuzz.pdb");
        Files.write(file, input);
        try (PdbFile pdb = PdbFile.open(file)) {
            pdb.info().toString();
            pdb.dbiAge();
            pdb.machine();
            pdb.modules().forEach(Object::toString);
            pdb.sections().forEach(SectionHeader::toString);
            pdb.hasOmap();
            pdb.publics().forEach(p -> p.toString());
            pdb.globalData().forEach(Object::toString);
            pdb.procedures().forEach(Object::toString);
            pdb.toRva(1, 0x10);
            pdb.sectionContributions().moduleAt(0x1000);
            for (PdbModule m : pdb.modules()) {
                pdb.lineTable(m).lookup(0x1010);
            }
        } catch (CorruptFileException expected) {
            // documented: damaged / truncated / not an MSF 7.00 PDB (file + offset)
        }
    }
}
