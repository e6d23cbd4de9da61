package org.handlelens.symbols.resolve;

import org.handlelens.symbols.ExternalTools;
import org.handlelens.symbols.TestData;
import org.handlelens.symbols.pdb.SourceLine;
import org.handlelens.symbols.pe.PeImage;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Source file/line of resolved frames from CrashWithException.pdb against Breakpad and llvm-symbolizer-19. */
class SourceLinesTest {
    private static final long BASE = 0x140000000L;
    private static final LoadedModule CRASH = new LoadedModule("CrashWithException.exe", BASE, 0x9000, null, null);

    @TempDir
    Path tmp;

    @Test
    void everyBreakpadLineRecordAgrees() throws Exception {
        BreakpadOracle sym = BreakpadOracle.read(TestData.pdb("CrashWithException.pdb.sym"));
        ModuleSymbols ms = ModuleSymbolsLoader.fromPdb(TestData.pdb("CrashWithException.pdb"), null);
        assertEquals(SymbolStatus.LOADED, ms.status());
        assertTrue(ms.lines().available());
        FrameResolver fr = new FrameResolver(m -> ms);
        int checked = 0;
        for (BreakpadOracle.Line l : sym.lines) {
            if (l.sizeBytes() == 0) {
                continue; // zero-length record: the next one at the same address applies
            }
            for (long rva : new long[] {l.rva(), l.rva() + l.sizeBytes() / 2, l.rva() + l.sizeBytes() - 1}) {
                ResolvedFrame f = fr.resolveWithSource(CRASH, BASE + rva);
                assertTrue(f.source() != null, "no line at rva 0x" + Long.toHexString(rva));
                // dump_syms lower-cases paths; this PDB's /names already holds them in lower case
                assertEquals(l.file() + ":" + l.line(), f.sourceText().toLowerCase(Locale.ROOT),
                        "rva 0x" + Long.toHexString(rva));
                checked++;
            }
        }
        assertTrue(checked > 800, "checked " + checked);
        assertEquals(List.of(), ms.lines().warnings());
    }

    @Test
    void frameKeepsItsTextAndOnlyTheQueriedModulesLinesAreRead() throws Exception {
        ModuleSymbols ms = ModuleSymbolsLoader.fromPdb(TestData.pdb("CrashWithException.pdb"), null);
        PdbSourceLines lines = assertInstanceOf(PdbSourceLines.class, ms.lines());
        assertEquals(0, lines.loadedModuleCount());
        FrameResolver fr = new FrameResolver(m -> ms);
        ResolvedFrame f = fr.resolveWithSource(CRASH, BASE + 0x1130);
        assertEquals("CrashWithException!crashing_function+0x10", f.display());
        assertEquals("CrashWithException!crashing_function+0x10", f.toString());
        assertNull(fr.resolve(CRASH, BASE + 0x1130).source(), "the fast path reads no lines");
        assertEquals(new SourceLine("c:\\users\\sentry\\source\\repos\\crashwithexception\\crashwithexception"
                + "\\crashwithexception.cpp", 18, 0), f.source());
        assertEquals("crashwithexception.cpp", f.source().fileName());
        assertEquals(1, lines.loadedModuleCount(), "only CrashWithException.obj's lines are read");
        ResolvedFrame past = fr.resolveWithSource(CRASH, BASE + 0x114D); // one past crashing_function's last line
        assertNull(past.source());
        assertNull(past.sourceText());
        fr.resolveWithSource(CRASH, BASE + 0x1170); // main: the same compiland
        assertEquals(1, lines.loadedModuleCount());
    }

    @Test
    void agreesWithLlvmSymbolizerOnTheRealExe() throws Exception {
        Path symbolizer = ExternalTools.find("llvm-symbolizer-19");
        Assumptions.assumeTrue(symbolizer != null, "llvm-symbolizer-19 not installed (apt-get install llvm-19)");
        // llvm-symbolizer finds the PDB next to the exe
        Files.copy(TestData.pdb("CrashWithException.exe"), tmp.resolve("CrashWithException.exe"));
        Files.copy(TestData.pdb("CrashWithException.pdb"), tmp.resolve("CrashWithException.pdb"));
        PeImage pe = PeImage.read(tmp.resolve("CrashWithException.exe"));
        ModuleSymbols ms = ModuleSymbolsLoader.fromPdb(tmp.resolve("CrashWithException.pdb"),
                pe.codeView().orElseThrow().pdbIdentity());
        FrameResolver fr = new FrameResolver(m -> ms);
        LoadedModule mod = new LoadedModule(pe.fileName(), pe.imageBase(), pe.sizeOfImageBytes(), null, null);
        List<String> cmd = new ArrayList<>(List.of(symbolizer.toString(), "--obj=" + tmp.resolve("CrashWithException.exe"),
                "--no-inlines", "--output-style=JSON"));
        List<Long> rvas = new ArrayList<>();
        for (long rva = 0x1000; rva < 0x1700; rva += 3) { // all of the first 1.75 KB of .text, gaps included
            rvas.add(rva);
            cmd.add("0x" + Long.toHexString(pe.imageBase() + rva));
        }
        ExternalTools.Result r = ExternalTools.run(tmp, cmd.toArray(String[]::new));
        assertEquals(0, r.exitCode(), r.stderr());
        Matcher m = Pattern.compile("\"FileName\":\"((?:[^\"\\\\]|\\\\.)*)\",\"FunctionName\":\"[^\"]*\",\"Line\":(\\d+)")
                .matcher(r.stdout());
        List<String> expected = new ArrayList<>();
        while (m.find()) {
            expected.add(m.group(2).equals("0") ? null : m.group(1).replace("\\\\", "\\") + ":" + m.group(2));
        }
        assertEquals(rvas.size(), expected.size(), r.stdout());
        // Where several lines start at one address (the first ones zero-length, Breakpad size 0) llvm-symbolizer
        // reports the first, DIA/Breakpad and we the last (the one that covers bytes): not compared.
        java.util.Set<Long> ambiguous = new java.util.HashSet<>();
        for (BreakpadOracle.Line l : BreakpadOracle.read(TestData.pdb("CrashWithException.pdb.sym")).lines) {
            if (l.sizeBytes() == 0) {
                ambiguous.add(l.rva());
            }
        }
        int withLine = 0;
        int skipped = 0;
        for (int i = 0; i < rvas.size(); i++) {
            if (ambiguous.contains(rvas.get(i))) {
                skipped++;
                continue;
            }
            String got = fr.resolveWithSource(mod, pe.imageBase() + rvas.get(i)).sourceText();
            assertEquals(expected.get(i), got, "rva 0x" + Long.toHexString(rvas.get(i)));
            withLine += got != null ? 1 : 0;
        }
        assertTrue(withLine > 300 && withLine < rvas.size() - skipped, withLine + " of " + rvas.size() + " with a line");
        assertTrue(skipped < 10, skipped + " ambiguous addresses");
    }

    @Test
    void damagedLineBlockCostsThatModulesLinesNotTheNames() throws Exception {
        // Patch the first DEBUG_S_LINES block's line count of CrashWithException.obj (module 1, stream 12) in a
        // copy, found in the file by its first 40 bytes (from the C13LinesFuzzTest seed).
        byte[] pdb = Files.readAllBytes(TestData.pdb("CrashWithException.pdb"));
        byte[] c13;
        try (var in = SourceLinesTest.class.getResourceAsStream(
                "/org/handlelens/symbols/pdb/C13LinesFuzzTestInputs/parse/CrashWithException-module1.c13")) {
            c13 = in.readAllBytes();
        }
        int p = 0;
        while (java.nio.ByteBuffer.wrap(c13, p, 4).order(java.nio.ByteOrder.LITTLE_ENDIAN).getInt() != 0xF2) {
            p += 8 + ((java.nio.ByteBuffer.wrap(c13, p + 4, 4).order(java.nio.ByteOrder.LITTLE_ENDIAN).getInt() + 3) & ~3);
        }
        int at = indexOf(pdb, java.util.Arrays.copyOfRange(c13, p, p + 40)); // subsection + block header + lines
        assertTrue(at > 0, "first DEBUG_S_LINES of module 1 found in the file");
        java.nio.ByteBuffer.wrap(pdb, at + 8 + 12 + 4, 4).order(java.nio.ByteOrder.LITTLE_ENDIAN).putInt(0x7FFF_FFFF);
        Path damaged = tmp.resolve("CrashWithException.pdb");
        Files.write(damaged, pdb);

        ModuleSymbols ms = ModuleSymbolsLoader.fromPdb(damaged, null);
        assertEquals(SymbolStatus.LOADED, ms.status());
        ResolvedFrame f = new FrameResolver(m -> ms).resolveWithSource(CRASH, BASE + 0x1130);
        assertEquals("CrashWithException!crashing_function+0x10", f.display());
        assertNull(f.source());
        assertEquals(1, ms.lines().warnings().size(), ms.lines().warnings().toString());
        String w = ms.lines().warnings().get(0);
        assertTrue(w.contains("CrashWithException.obj") && w.contains("stream 12 at byte offset")
                && w.contains("line block claims 2147483647 lines"), w);
    }

    @Test
    void aPdbReplacedAfterLoadingGivesNoLinesRatherThanWrongOnes() throws Exception {
        Path copy = tmp.resolve("CrashWithException.pdb");
        Files.copy(TestData.pdb("CrashWithException.pdb"), copy);
        ModuleSymbols ms = ModuleSymbolsLoader.fromPdb(copy, null);
        Files.copy(TestData.pdb("CppCon.pdb"), copy, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        ResolvedFrame f = new FrameResolver(m -> ms).resolveWithSource(CRASH, BASE + 0x1130);
        assertEquals("CrashWithException!crashing_function+0x10", f.display());
        assertNull(f.source());
        assertTrue(ms.lines().warnings().get(0).contains("was replaced by another PDB"), ms.lines().warnings().toString());
    }

    private static int indexOf(byte[] hay, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= hay.length; i++) {
            for (int k = 0; k < needle.length; k++) {
                if (hay[i + k] != needle[k]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    @Test
    void publicOnlyAndExportSymbolsHaveNoLines() {
        ModuleSymbols cppCon = ModuleSymbolsLoader.fromPdb(TestData.pdb("CppCon.pdb"), null);
        assertTrue(cppCon.lines().available(), "CppCon.pdb has full debug info");
        ModuleSymbols none = ModuleSymbols.without(SymbolStatus.NOT_FOUND, "x");
        assertFalse(none.lines().available());
        assertNull(new FrameResolver(m -> none).resolveWithSource(CRASH, BASE + 0x1130).source());
    }
}
