package org.handlelens.symbols.resolve;

import org.handlelens.symbols.TestData;
import org.handlelens.symbols.pdb.PdbFile;
import org.handlelens.symbols.pdb.ProcedureSymbol;
import org.handlelens.symbols.pe.PeImage;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Address → function resolution must agree with the Breakpad .sym made from the same PDB by another tool. */
class BreakpadCrossCheckTest {

    @Test
    void everyFuncStartAndInteriorAddressResolvesToThatFunction() throws Exception {
        BreakpadOracle sym = BreakpadOracle.read(TestData.pdb("CrashWithException.pdb.sym"));
        assertEquals(66, sym.funcs.size());
        ModuleSymbols ms = ModuleSymbolsLoader.fromPdb(TestData.pdb("CrashWithException.pdb"),
                PeImage.read(TestData.pdb("CrashWithException.exe")).codeView().orElseThrow().pdbIdentity());
        assertEquals(SymbolStatus.LOADED, ms.status(), ms.describe());
        List<ProcedureSymbol> procs;
        try (PdbFile pdb = PdbFile.open(TestData.pdb("CrashWithException.pdb"))) {
            procs = pdb.procedures();
        }
        int checked = 0;
        for (BreakpadOracle.Func f : sym.funcs) {
            Set<String> namesAtStart = procs.stream().filter(p -> p.rva() == f.rva() && p.sizeBytes() == f.sizeBytes())
                    .map(ProcedureSymbol::name).collect(Collectors.toSet());
            String expected = BreakpadOracle.bareName(f.name());
            assertTrue(namesAtStart.stream().anyMatch(n -> n.equals(expected) || n.equals("_" + expected)),
                    () -> "FUNC " + Long.toHexString(f.rva()) + " " + f.name() + " vs PDB " + namesAtStart);
            for (long rva : new long[] {f.rva(), f.rva() + f.sizeBytes() / 2, f.rva() + f.sizeBytes() - 1}) {
                SymbolTable.Hit hit = ms.table().lookup(rva);
                assertNotNull(hit, "no symbol for " + Long.toHexString(rva));
                assertEquals(f.rva(), hit.startRva(), () -> "start for " + Long.toHexString(rva) + " (" + f.name() + ")");
                assertEquals(rva - f.rva(), hit.offsetBytes());
                assertTrue(namesAtStart.contains(hit.name()), hit.name());
                checked++;
            }
        }
        assertEquals(66 * 3, checked);
    }

    @Test
    void breakpadPublicsWithoutFuncResolveToThePublicName() throws Exception {
        BreakpadOracle sym = BreakpadOracle.read(TestData.pdb("CrashWithException.pdb.sym"));
        ModuleSymbols ms = ModuleSymbolsLoader.fromPdb(TestData.pdb("CrashWithException.pdb"), null);
        int checked = 0;
        for (BreakpadOracle.Public p : sym.publics) {
            SymbolTable.Hit hit = ms.table().lookup(p.rva());
            assertNotNull(hit, p.name());
            assertEquals(p.rva(), hit.startRva(), p.name());
            // Breakpad strips one leading underscore from C names; our publics keep the stored x64 name.
            assertTrue(hit.name().equals(p.name()) || hit.name().equals("_" + p.name())
                    || hit.name().equals("__" + p.name()), () -> hit.name() + " vs " + p.name());
            checked++;
        }
        assertTrue(checked >= 10, "only " + checked + " PUBLIC records");
    }

    @Test
    void frameResolverPrintsModuleFunctionOffset() throws Exception {
        PeImage pe = PeImage.read(TestData.pdb("CrashWithException.exe"));
        long base = 0x7FF6_1234_0000L;
        LoadedModule m = new LoadedModule("CrashWithException.exe", base, pe.sizeOfImageBytes(),
                pe.imageIdentity(), pe.codeView().orElseThrow().pdbIdentity());
        int[] loads = {0};
        FrameResolver r = new FrameResolver(mod -> {
            loads[0]++;
            return ModuleSymbolsLoader.fromPdb(TestData.pdb("CrashWithException.pdb"), mod.pdb());
        });
        ProcessModuleMap proc = new ProcessModuleMap(List.of(m));
        assertEquals("CrashWithException!main", r.resolve(proc, base + 0x1170).display());
        assertEquals("CrashWithException!crashing_function+0x1c", r.resolve(proc, base + 0x1120 + 0x1c).display());
        assertEquals("CrashWithException!X::foo+0x4", r.resolve(proc, base + 0x1104).display());
        // .rdata has publics only for data; an address after the last .text symbol in padding has no function
        assertEquals("CrashWithException+0x8ff0", r.resolve(proc, base + 0x8FF0).display());
        assertEquals("0x1000", r.resolve(proc, 0x1000).display());
        assertEquals(1, loads[0], "symbols are loaded once per module");
    }
}
