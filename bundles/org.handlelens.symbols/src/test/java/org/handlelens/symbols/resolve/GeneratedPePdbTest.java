package org.handlelens.symbols.resolve;

import org.handlelens.symbols.ExternalTools;
import org.handlelens.symbols.SymbolService;
import org.handlelens.symbols.path.PathMapper;
import org.handlelens.symbols.path.SymbolPath;
import org.handlelens.symbols.pdb.LlvmLinesOracle;
import org.handlelens.symbols.pdb.PdbFile;
import org.handlelens.symbols.pdb.ProcedureSymbol;
import org.handlelens.symbols.pdb.PublicSymbol;
import org.handlelens.symbols.pe.CodeViewRecord;
import org.handlelens.symbols.pe.PeImage;
import org.handlelens.symbols.server.FetchMonitor;
import org.handlelens.symbols.server.FetchOptions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Real PE + PDB pairs built here with Debian's clang-cl-19 + lld-link-19 (apt packages clang-19, lld-19),
 * cross-checked with llvm-pdbutil-19 and llvm-symbolizer-19 (llvm-19). Skipped when the tools are absent.
 */
class GeneratedPePdbTest {
    private static final int FUNCTIONS = 120;

    @TempDir
    Path tmp;
    private Path clang;
    private Path lld;

    @BeforeEach
    void tools() {
        clang = ExternalTools.find("clang-cl-19");
        lld = ExternalTools.find("lld-link-19");
        Assumptions.assumeTrue(clang != null && lld != null,
                "clang-cl-19/lld-link-19 not installed (apt-get install clang-19 lld-19); generated PE+PDB tests skipped");
    }

    /** C source: a call chain of noinline functions (every third one file-static), two exported. */
    private static String source() {
        StringBuilder sb = new StringBuilder("__declspec(noinline) int f0(int x) { return x * 3 + 1; }\n");
        for (int i = 1; i < FUNCTIONS; i++) {
            String st = i % 3 == 0 ? "static " : "";
            sb.append(st).append("__declspec(noinline) int f").append(i).append("(int x) { int y = f").append(i - 1)
                    .append("(x + ").append(i).append("); for (int k = 0; k < (x & ").append(i % 7 + 1)
                    .append("); k++) y ^= k * ").append(i).append("; return y; }\n");
        }
        sb.append("__declspec(dllexport) __declspec(noinline) int OpenConfig(int x) { return f")
                .append(FUNCTIONS - 1).append("(x) + 1; }\n");
        sb.append("__declspec(dllexport) int CloseConfig(int x) { return OpenConfig(x) * 2; }\n");
        sb.append("int entry(void) { return CloseConfig(7); }\n");
        return sb.toString();
    }

    /** Builds app.exe + app.pdb; returns the exe. */
    private Path build(String target, boolean debugInfo, String machine) throws Exception {
        return build(target, debugInfo, machine, "/DEBUG");
    }

    /** Builds app.exe (+ app.pdb when {@code /DEBUG} is among the linker options); returns the exe. */
    private Path build(String target, boolean debugInfo, String machine, String... linkOptions) throws Exception {
        Path dir = Files.createDirectories(tmp.resolve(target + (debugInfo ? "" : "-nodebug")
                + String.join("", linkOptions).replaceAll("[^A-Za-z0-9]", "")));
        Files.writeString(dir.resolve("app.c"), source());
        List<String> cc = new ArrayList<>(List.of(clang.toString(), "--target=" + target, "/c", "/O1", "/GS-"));
        if (debugInfo) {
            cc.add("/Z7");
        }
        cc.addAll(List.of("app.c", "/Foapp.obj"));
        ExternalTools.Result r = ExternalTools.run(dir, cc.toArray(String[]::new));
        assertEquals(0, r.exitCode(), r.stderr());
        List<String> link = new ArrayList<>(List.of(lld.toString()));
        link.addAll(List.of(linkOptions));
        link.addAll(List.of("/PDB:app.pdb", "/OUT:app.exe", "/ENTRY:entry", "/SUBSYSTEM:CONSOLE", "/NODEFAULTLIB",
                "/MACHINE:" + machine, "app.obj"));
        r = ExternalTools.run(dir, link.toArray(String[]::new));
        assertEquals(0, r.exitCode(), r.stderr());
        return dir.resolve("app.exe");
    }

    @Test
    void x64PairMatchesAndEveryProcedureResolvesLikeLlvmSymbolizer() throws Exception {
        Path exe = build("x86_64-pc-windows-msvc", true, "X64");
        PeImage pe = PeImage.read(exe);
        assertTrue(pe.isPe32Plus());
        assertEquals(0x8664, pe.machine());
        CodeViewRecord cv = pe.codeView().orElseThrow();
        assertEquals("app.pdb", cv.pdbIdentity().pdbName());
        List<ProcedureSymbol> procs;
        try (PdbFile pdb = PdbFile.open(exe.resolveSibling("app.pdb"))) {
            assertTrue(pdb.matches(cv.pdbIdentity()));
            procs = pdb.procedures();
            assertEquals(FUNCTIONS + 3, procs.size());
            assertTrue(procs.stream().anyMatch(p -> p.name().equals("f3") && !p.global()), "static → S_LPROC32");
            assertTrue(pdb.publics().stream().map(PublicSymbol::name).toList().contains("OpenConfig"));
        }
        ModuleSymbols ms = ModuleSymbolsLoader.fromPdb(exe.resolveSibling("app.pdb"), cv.pdbIdentity());
        assertEquals(SymbolStatus.LOADED, ms.status());

        Path symbolizer = ExternalTools.find("llvm-symbolizer-19");
        Assumptions.assumeTrue(symbolizer != null, "llvm-symbolizer-19 not installed (apt-get install llvm-19)");
        List<String> cmd = new ArrayList<>(List.of(symbolizer.toString(), "--obj=" + exe, "--no-inlines",
                "--output-style=JSON"));
        List<Long> rvas = new ArrayList<>();
        for (ProcedureSymbol p : procs) {
            for (long rva : new long[] {p.rva(), p.rva() + p.sizeBytes() / 2, p.rva() + p.sizeBytes() - 1,
                    p.rva() + p.sizeBytes()}) {
                rvas.add(rva);
                cmd.add("0x" + Long.toHexString(pe.imageBase() + rva));
            }
        }
        ExternalTools.Result r = ExternalTools.run(tmp, cmd.toArray(String[]::new));
        assertEquals(0, r.exitCode(), r.stderr());
        Matcher m = Pattern.compile("\"FunctionName\":\"([^\"]*)\"").matcher(r.stdout());
        List<String> expected = new ArrayList<>();
        while (m.find()) {
            expected.add(m.group(1));
        }
        assertEquals(rvas.size(), expected.size(), r.stdout());
        Matcher fl = Pattern.compile("\"FileName\":\"((?:[^\"\\\\]|\\\\.)*)\",\"FunctionName\":\"[^\"]*\",\"Line\":(\\d+)")
                .matcher(r.stdout());
        List<String> expectedLines = new ArrayList<>();
        while (fl.find()) {
            expectedLines.add(fl.group(2).equals("0") ? null : fl.group(1).replace("\\\\", "\\") + ":" + fl.group(2));
        }
        assertEquals(rvas.size(), expectedLines.size(), r.stdout());
        FrameResolver fr = new FrameResolver(x -> ms);
        LoadedModule mod = new LoadedModule("app.exe", pe.imageBase(), pe.sizeOfImageBytes(), null, null);
        int withLine = 0;
        for (int i = 0; i < rvas.size(); i++) {
            long rva = rvas.get(i);
            if (i % 4 != 3) { // the first byte after a procedure is padding or the next function: names not compared
                SymbolTable.Hit hit = ms.table().lookup(rva);
                assertEquals(expected.get(i), hit == null ? null : hit.name(), "rva 0x" + Long.toHexString(rva));
            }
            String line = fr.resolveWithSource(mod, pe.imageBase() + rva).sourceText();
            assertEquals(expectedLines.get(i), line, "source of rva 0x" + Long.toHexString(rva));
            withLine += line != null ? 1 : 0;
        }
        assertTrue(withLine >= 3 * procs.size(), withLine + " of " + rvas.size() + " addresses with a line");
        assertTrue(expectedLines.contains(null), "some first-bytes-after-a-function are padding without a line");
        // and the whole line table against llvm-pdbutil-19 dump -l
        assertTrue(LlvmLinesOracle.assertMatches(exe.resolveSibling("app.pdb")) > 3 * FUNCTIONS);
    }

    @Test
    void x86PairIsPe32WithDecoratedPublicsShownUndecorated() throws Exception {
        Path exe = build("i686-pc-windows-msvc", true, "X86");
        PeImage pe = PeImage.read(exe);
        assertFalse(pe.isPe32Plus());
        assertEquals(0x14C, pe.machine());
        assertEquals(0x400000L, pe.imageBase());
        try (PdbFile pdb = PdbFile.open(exe.resolveSibling("app.pdb"))) {
            assertTrue(pdb.matches(pe.codeView().orElseThrow().pdbIdentity()));
            assertTrue(pdb.publics().stream().map(PublicSymbol::name).toList().contains("_OpenConfig"));
        }
        // 32-bit image, same line-table reader: every block against llvm-pdbutil-19 dump -l
        Assumptions.assumeTrue(ExternalTools.find("llvm-pdbutil-19") != null, "llvm-pdbutil-19 not installed");
        assertTrue(LlvmLinesOracle.assertMatches(exe.resolveSibling("app.pdb")) > 3 * FUNCTIONS);
    }

    @Test
    void pdbWithoutDebugInfoIsPublicOnlyAndMissingPdbFallsBackToExports() throws Exception {
        Path exe = build("x86_64-pc-windows-msvc", false, "X64");
        PeImage pe = PeImage.read(exe);
        CodeViewRecord cv = pe.codeView().orElseThrow();
        ModuleSymbols pub = ModuleSymbolsLoader.fromPdb(exe.resolveSibling("app.pdb"), cv.pdbIdentity());
        assertEquals(SymbolStatus.PUBLIC_ONLY, pub.status(), pub.describe());

        long openRva = pe.exports().stream().filter(e -> "OpenConfig".equals(e.name())).findFirst().orElseThrow().rva();
        assertEquals("OpenConfig", pub.table().lookup(openRva + 2).name());

        // no PDB anywhere on the symbol path: names come from the export table
        Files.delete(exe.resolveSibling("app.pdb"));
        Path empty = Files.createDirectories(tmp.resolve("empty"));
        PathMapper mapper = new PathMapper(tmp.resolve("win"), false);
        SymbolService svc = new SymbolService(SymbolPath.parse(empty.toString(), tmp.resolve("cache"), mapper), mapper,
                FetchOptions.defaults());
        LoadedModule mod = new LoadedModule("app.exe", pe.imageBase(), pe.sizeOfImageBytes(), pe.imageIdentity(),
                cv.pdbIdentity());
        ModuleSymbols ex = svc.moduleSymbols(mod, exe, FetchMonitor.NONE);
        assertEquals(SymbolStatus.EXPORTS_ONLY, ex.status(), ex.describe());
        assertTrue(ex.reason().contains("app.pdb/" + cv.pdbIdentity().key() + "/app.pdb not found"), ex.reason());
        FrameResolver fr = new FrameResolver(m -> ex);
        assertEquals("app!OpenConfig+0x2", fr.resolve(mod, pe.imageBase() + openRva + 2).display());
    }

    @Test
    void arm64PairIsPe32PlusWithArm64MachineInImageAndPdb() throws Exception {
        Path exe = build("aarch64-pc-windows-msvc", true, "ARM64");
        PeImage pe = PeImage.read(exe);
        assertTrue(pe.isPe32Plus());
        assertEquals(0xAA64, pe.machine());
        try (PdbFile pdb = PdbFile.open(exe.resolveSibling("app.pdb"))) {
            assertTrue(pdb.matches(pe.codeView().orElseThrow().pdbIdentity()));
            assertEquals(0xAA64, pdb.machine());
            assertEquals(FUNCTIONS + 3, pdb.procedures().size());
        }
        ModuleSymbols ms = ModuleSymbolsLoader.fromPdb(exe.resolveSibling("app.pdb"), pe.codeView().orElseThrow().pdbIdentity());
        assertEquals(SymbolStatus.LOADED, ms.status(), ms.describe());
        long openRva = pe.exports().stream().filter(e -> "OpenConfig".equals(e.name())).findFirst().orElseThrow().rva();
        assertEquals("OpenConfig", ms.table().lookup(openRva + 4).name()); // fixed 4-byte instructions
        Assumptions.assumeTrue(ExternalTools.find("llvm-pdbutil-19") != null, "llvm-pdbutil-19 not installed");
        assertTrue(LlvmLinesOracle.assertMatches(exe.resolveSibling("app.pdb")) > 3 * FUNCTIONS);
    }

    @Test
    void linkerPageSizes8192And32768ReadLikeTheDefault() throws Exception {
        // lld-link /PDBPAGESIZE accepts 4096..32768 (512 is refused); link.exe uses it for PDBs over 4 GB
        List<ProcedureSymbol> reference = null;
        for (String pageSize : List.of("4096", "8192", "32768")) {
            Path exe = build("x86_64-pc-windows-msvc", true, "X64", "/DEBUG", "/PDBPAGESIZE:" + pageSize);
            Path pdbPath = exe.resolveSibling("app.pdb");
            try (PdbFile pdb = PdbFile.open(pdbPath)) {
                assertEquals(Integer.parseInt(pageSize), pdb.msf().blockSize());
                assertTrue(pdb.matches(PeImage.read(exe).codeView().orElseThrow().pdbIdentity()));
                List<ProcedureSymbol> procs = pdb.procedures();
                assertEquals(FUNCTIONS + 3, procs.size());
                if (reference == null) {
                    reference = procs;
                } else {
                    assertEquals(reference, procs, "page size " + pageSize);
                }
            }
            if (ExternalTools.find("llvm-pdbutil-19") != null) {
                assertTrue(LlvmLinesOracle.assertMatches(pdbPath) > 3 * FUNCTIONS);
            }
        }
    }

    @Test
    void reproEntryBesideCodeViewAndImageWithoutDebugDirectory() throws Exception {
        // /Brepro: the debug directory holds CodeView and REPRO (type 16, no data); the CodeView one is used
        Path repro = build("x86_64-pc-windows-msvc", true, "X64", "/DEBUG", "/Brepro");
        PeImage pe = PeImage.read(repro);
        assertEquals(List.of(2, 16), pe.debugEntries().stream().map(e -> e.type()).toList());
        assertTrue(pe.codeView().isPresent());
        // without /DEBUG lld writes no debug directory at all: no CodeView, no PDB to look for, exports still work
        Path plain = build("x86_64-pc-windows-msvc", false, "X64", "/DEBUG:NONE");
        PeImage nodebug = PeImage.read(plain);
        assertEquals(0, nodebug.dataDirectory(PeImage.DIR_DEBUG)[1]);
        assertEquals(List.of(), nodebug.debugEntries());
        assertTrue(nodebug.codeView().isEmpty());
        ModuleSymbols ex = ModuleSymbolsLoader.fromExports(nodebug, plain, "image has no CodeView record");
        assertEquals(SymbolStatus.EXPORTS_ONLY, ex.status(), ex.describe());
    }
}
