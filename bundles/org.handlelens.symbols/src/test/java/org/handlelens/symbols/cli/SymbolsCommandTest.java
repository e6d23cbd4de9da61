package org.handlelens.symbols.cli;

import org.handlelens.symbols.TestData;
import org.handlelens.symbols.cab.TestCabWriter;
import org.handlelens.symbols.server.LocalSymbolServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SymbolsCommandTest {
    private static final String CRASH_KEY = "F535C5FB2AE84BB8AA206C30BE566C5A1";

    @TempDir
    Path tmp;

    private record Run(int exit, String out, String err) {
    }

    private Run run(Map<String, String> env, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = new SymbolsCommand(env).run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private Run run(String... args) {
        return run(Map.of("HOME", tmp.toString()), args);
    }

    @Test
    void publicsJsonEqualsTheOracle() throws Exception {
        Run r = run("publics", TestData.pdb("CppCon.pdb").toString(), "--json");
        assertEquals(0, r.exit(), r.err());
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> ours = (List<Map<String, Object>>) TestData.json(r.out());
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> oracle = (List<Map<String, Object>>) TestData.json(
                Files.readString(TestData.pdb("CppCon.publics.json")));
        assertEquals(188, ours.size());
        List<String> a = new ArrayList<>();
        List<String> b = new ArrayList<>();
        for (Map<String, Object> m : ours) {
            assertEquals(2, m.size());
            assertTrue(m.get("rva") instanceof Long, "rva is a number");
            a.add(m.get("rva") + " " + m.get("name"));
        }
        oracle.forEach(m -> b.add(m.get("rva") + " " + m.get("name")));
        a.sort(null);
        b.sort(null);
        assertEquals(b, a);
    }

    @Test
    void publicsTextAndSymbolsPrefixTolerated() {
        Run r = run("symbols", "publics", TestData.pdb("CrashWithException.pdb").toString());
        assertEquals(0, r.exit());
        assertTrue(r.out().startsWith("0x00001000 __local_stdio_printf_options\n"), r.out());
        assertEquals(250, r.out().lines().count());
    }

    @Test
    void fetchDownloadsThroughTheSymbolPathAndPrintsTheCachedPath() throws Exception {
        Path www = tmp.resolve("www");
        Path p = www.resolve("sym/CrashWithException.pdb/" + CRASH_KEY + "/CrashWithException.pd_");
        Files.createDirectories(p.getParent());
        byte[] pdb = Files.readAllBytes(TestData.pdb("CrashWithException.pdb"));
        Files.write(p, TestCabWriter.write("CrashWithException.pdb", pdb, true));
        try (LocalSymbolServer server = new LocalSymbolServer(www)) {
            Path cache = tmp.resolve("cache");
            Run r = run("fetch", "--symbol-path", "srv*" + cache + "*" + server.url("sym"),
                    TestData.pdb("CrashWithException.exe").toString());
            assertEquals(0, r.exit(), r.err());
            Path expected = cache.resolve("CrashWithException.pdb/" + CRASH_KEY + "/CrashWithException.pdb").toAbsolutePath();
            assertEquals(expected.toString(), r.out().strip());
            assertArrayEquals(pdb, Files.readAllBytes(expected));
            // the same through _NT_SYMBOL_PATH and a PDB argument (its own identity), now from the cache
            Run r2 = run(Map.of("HOME", tmp.toString(), "_NT_SYMBOL_PATH", "srv*" + cache + "*" + server.url("sym")),
                    "fetch", TestData.pdb("CrashWithException.pdb").toString());
            assertEquals(0, r2.exit(), r2.err());
            assertEquals(expected.toString(), r2.out().strip());
            Run miss = run("fetch", "--symbol-path", "srv*" + cache + "*" + server.url("sym"),
                    TestData.pdb("foo.exe").toString());
            assertEquals(SymbolsCommand.EXIT_NOT_FOUND, miss.exit());
            assertTrue(miss.err().contains("foo.pdb/2B3C3FA55A2E44B88BBAC3300FF69F621/foo.pdb not found"), miss.err());
        }
    }

    @Test
    void resolvePrintsOneLinePerAddressAndAgreesWithBreakpad() throws Exception {
        Path store = Files.createDirectories(tmp.resolve("flat"));
        Files.copy(TestData.pdb("CrashWithException.pdb"), store.resolve("CrashWithException.pdb"));
        Run r = run("resolve", "--symbol-path", store.toString(), TestData.pdb("CrashWithException.exe").toString(),
                "0x140001170", "+0x1125", "140001104", "+0x8ff0", "0x150000000");
        assertEquals(0, r.exit(), r.err());
        // lines from the .sym's line records: main 1170 → 29, 1124+29 → 18, 1100+c → 10 (file 19)
        String cpp = "c:\\users\\sentry\\source\\repos\\crashwithexception\\crashwithexception\\crashwithexception.cpp";
        assertEquals(List.of("0x140001170 CrashWithException!main at " + cpp + ":29",
                "+0x1125 CrashWithException!crashing_function+0x5 at " + cpp + ":18",
                "140001104 CrashWithException!X::foo+0x4 at " + cpp + ":10",
                "+0x8ff0 CrashWithException+0x8ff0",
                "0x150000000 (outside CrashWithException.exe)"), r.out().lines().toList());
        assertTrue(r.err().startsWith("CrashWithException: Loaded"), r.err());

        Run j = run("resolve", "--json", "--symbol-path", store.toString(), TestData.pdb("CrashWithException.exe").toString(),
                "+0x1125", "+0x114d", "0x150000000");
        assertEquals(0, j.exit(), j.err());
        String jsonCpp = cpp.replace("\\", "\\\\");
        assertEquals(List.of("[",
                "  {\"input\": \"+0x1125\", \"address\": \"0x140001125\", \"frame\": \"CrashWithException!crashing_function+0x5\", "
                        + "\"module\": \"CrashWithException\", \"function\": \"crashing_function\", \"offset\": 5, "
                        + "\"file\": \"" + jsonCpp + "\", \"line\": 18},",
                // one past crashing_function (0x1120 + 0x2d): padding, no function and no line
                "  {\"input\": \"+0x114d\", \"address\": \"0x14000114d\", \"frame\": \"CrashWithException+0x114d\", "
                        + "\"module\": \"CrashWithException\", \"function\": null, \"offset\": 4429, "
                        + "\"file\": null, \"line\": null},",
                "  {\"input\": \"0x150000000\", \"address\": \"0x150000000\", \"frame\": null, "
                        + "\"error\": \"outside CrashWithException.exe\"}",
                "]"), j.out().lines().toList());
    }

    @Test
    void usageAndInputErrorsUseTheContractExitCodes() {
        assertEquals(2, run().exit());
        assertEquals(2, run("frobnicate").exit());
        assertEquals(2, run("publics").exit());
        assertEquals(2, run("publics", "a.pdb", "--bogus").exit());
        Run noPath = run("fetch", TestData.pdb("CrashWithException.exe").toString());
        assertEquals(2, noPath.exit());
        assertTrue(noPath.err().contains("_NT_SYMBOL_PATH"), noPath.err());
        assertEquals(2, run("resolve", "--symbol-path", "srv*", TestData.pdb("foo.exe").toString(), "+0x10").exit());
        assertEquals(2, run("resolve", "--symbol-path", tmp.toString(), TestData.pdb("foo.exe").toString(), "xyz").exit());
        Run portable = run("publics", TestData.pdb("CsPortablePdb1.pdb").toString());
        assertEquals(3, portable.exit());
        assertTrue(portable.err().contains("Portable PDB, not MSF"), portable.err());
        Run missing = run("publics", tmp.resolve("nope.pdb").toString());
        assertEquals(3, missing.exit());
        assertTrue(missing.err().contains("nope.pdb"), missing.err());
        Run notPe = run("resolve", "--symbol-path", tmp.toString(), TestData.pdb("CppCon.pdb").toString(), "+0x10");
        assertEquals(3, notPe.exit());
        assertTrue(notPe.err().contains("no MZ signature"), notPe.err());
        assertEquals(0, run("--help").exit());
    }

    @Test
    void jsonStringEscapes() {
        assertEquals("\"a\\\"b\\\\c\\n\\u0001\"", SymbolsCommand.jsonString("a\"b\\c\n\u0001"));
    }
}
