package org.handlelens.symbols.server;

import org.handlelens.symbols.ImageIdentity;
import org.handlelens.symbols.PdbIdentity;
import org.handlelens.symbols.SymbolService;
import org.handlelens.symbols.TestData;
import org.handlelens.symbols.cab.TestCabWriter;
import org.handlelens.symbols.path.PathMapper;
import org.handlelens.symbols.path.SymbolPath;
import org.handlelens.symbols.pe.PeImage;
import org.handlelens.symbols.resolve.LoadedModule;
import org.handlelens.symbols.resolve.ModuleSymbols;
import org.handlelens.symbols.resolve.SymbolStatus;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** End-to-end symbol-server tests against a real HTTP server on 127.0.0.1 serving a symstore folder. */
class SymbolServerTest {
    private static final String CRASH_KEY = "F535C5FB2AE84BB8AA206C30BE566C5A1";
    private static final String CPPCON_KEY = "12DC0A4FBD7D4F2AA9BE263BACAEB4675";

    @TempDir
    Path tmp;
    private Path store;
    private Path cache;
    private LocalSymbolServer server;
    private byte[] crashPdb;
    private byte[] crashExe;
    private byte[] cppconPdb;
    private byte[] fooExe;
    private PdbIdentity crashId;
    private PdbIdentity cppconId;

    /** A clock the tests move forward. */
    private static final class TestClock extends Clock {
        final AtomicLong millis = new AtomicLong(1_700_000_000_000L);

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return Instant.ofEpochMilli(millis.get());
        }
    }

    private final TestClock clock = new TestClock();

    @BeforeEach
    void setUp() throws Exception {
        store = tmp.resolve("www");
        cache = tmp.resolve("cache");
        crashPdb = Files.readAllBytes(TestData.pdb("CrashWithException.pdb"));
        crashExe = Files.readAllBytes(TestData.pdb("CrashWithException.exe"));
        cppconPdb = Files.readAllBytes(TestData.pdb("CppCon.pdb"));
        fooExe = Files.readAllBytes(TestData.pdb("foo.exe"));
        crashId = PeImage.read(TestData.pdb("CrashWithException.exe")).codeView().orElseThrow().pdbIdentity();
        cppconId = new PdbIdentity("CppCon.pdb", UUID.fromString("12DC0A4F-BD7D-4F2A-A9BE-263BACAEB467"), 5);
        // compressed PDB
        put("sym/CrashWithException.pdb/" + CRASH_KEY + "/CrashWithException.pd_",
                TestCabWriter.write("CrashWithException.pdb", crashPdb, true));
        // plain PDB
        put("sym/CppCon.pdb/" + CPPCON_KEY + "/CppCon.pdb", cppconPdb);
        // image through file.ptr pointing at a local file
        Path elsewhere = tmp.resolve("elsewhere/CrashWithException.exe");
        Files.createDirectories(elsewhere.getParent());
        Files.write(elsewhere, crashExe);
        put("sym/CrashWithException.exe/5C9E09599000/file.ptr", ("PATH:" + elsewhere + "\r\n").getBytes());
        // two-tier layout (tried last)
        put("sym/fo/foo.exe/587BA6217b000/foo.exe", fooExe);
        // a PDB with the right name but another GUID
        put("sym/CppCon.pdb/" + CRASH_KEY + "/CppCon.pdb", cppconPdb);
        // pointer saying "not available"
        put("sym/gone.pdb/" + CRASH_KEY + "/file.ptr", "MSG: withdrawn by the owner".getBytes());
        server = new LocalSymbolServer(store);
    }

    @AfterEach
    void tearDown() {
        server.close();
    }

    private void put(String rel, byte[] content) throws IOException {
        Path p = store.resolve(rel);
        Files.createDirectories(p.getParent());
        Files.write(p, content);
    }

    private SymbolService service(String symbolPath, FetchOptions options) {
        PathMapper mapper = new PathMapper(tmp.resolve("win"), false);
        return new SymbolService(SymbolPath.parse(symbolPath, cache, mapper), mapper, options, null, clock);
    }

    private SymbolService service(String prefix) {
        return service("srv*" + cache + "*" + server.url(prefix), FetchOptions.defaults());
    }

    private List<Path> leftovers() throws IOException {
        try (Stream<Path> s = Files.walk(tmp)) {
            return s.filter(p -> p.getFileName().toString().endsWith(".tmp")).toList();
        }
    }

    @Test
    void compressedPdbIsExpandedIntoTheCacheInSymsrvLayout() throws Exception {
        SymbolService svc = service("sym");
        List<Long> progress = new java.util.concurrent.CopyOnWriteArrayList<>();
        FetchResult r = svc.fetchPdb(crashId, new FetchMonitor() {
            @Override
            public void progress(String item, long done, long total) {
                assertEquals("CrashWithException.pdb", item);
                progress.add(done);
            }
        });
        assertTrue(r.found(), r.toString());
        Path expected = cache.resolve("CrashWithException.pdb").resolve(CRASH_KEY).resolve("CrashWithException.pdb");
        assertEquals(expected.toAbsolutePath(), r.file());
        assertArrayEquals(crashPdb, Files.readAllBytes(expected));
        assertTrue(r.origin().endsWith("/CrashWithException.pd_"), r.origin());
        assertEquals(1, server.count("/CrashWithException.pdb/" + CRASH_KEY + "/CrashWithException.pdb"), "plain tried first");
        assertEquals(1, server.count("/CrashWithException.pd_"));
        assertTrue(server.requests.stream().allMatch(q -> FetchOptions.SYMSRV_USER_AGENT.equals(q.userAgent())));
        assertFalse(progress.isEmpty());
        assertTrue(leftovers().isEmpty(), leftovers().toString());
        // second time: served from the cache, no HTTP
        int before = server.requests.size();
        assertEquals(expected.toAbsolutePath(), service("sym").fetchPdb(crashId, FetchMonitor.NONE).file());
        assertEquals(before, server.requests.size());
    }

    @Test
    void symstoreStyleLzxPdbIsExpandedIntoTheCache() throws Exception {
        // symstore /compress writes LZX cabinets (MSCF + LZX:21); the writer's output is checked with cabextract in
        // LzxCabTest
        put("lzx/CppCon.pdb/" + CPPCON_KEY + "/CppCon.pd_",
                org.handlelens.symbols.cab.TestLzx.cab("CppCon.pdb", cppconPdb));
        FetchResult r = service("lzx").fetchPdb(cppconId, FetchMonitor.NONE);
        assertTrue(r.found(), r.toString());
        assertArrayEquals(cppconPdb, Files.readAllBytes(r.file()));
        assertTrue(r.origin().endsWith("/CppCon.pd_"), r.origin());
    }

    @Test
    void htmlPageServedAsAPdbIsRejectedNotCachedAndTheCompressedOneIsUsed() throws Exception {
        // proxies and login walls answer 200 with a web page; the PDB check rejects it and the search goes on
        put("html/CppCon.pdb/" + CPPCON_KEY + "/CppCon.pdb", "<html><body>Sign in</body></html>".getBytes());
        put("html/CppCon.pdb/" + CPPCON_KEY + "/CppCon.pd_", TestCabWriter.write("CppCon.pdb", cppconPdb, true));
        FetchResult r = service("html").fetchPdb(cppconId, FetchMonitor.NONE);
        assertTrue(r.found(), r.toString());
        assertArrayEquals(cppconPdb, Files.readAllBytes(r.file()));
        assertTrue(r.errors().stream().anyMatch(x -> x.contains("/html/CppCon.pdb/") && x.contains("not an MSF 7.00 PDB")),
                r.errors().toString());
        assertTrue(leftovers().isEmpty(), leftovers().toString());
        // a second service finds the good copy in the cache, not the page
        assertArrayEquals(cppconPdb, Files.readAllBytes(service("html").fetchPdb(cppconId, FetchMonitor.NONE).file()));
    }

    @Test
    void damagedPlainFileInALocalStoreDoesNotHideItsCompressedVariant() throws Exception {
        Path local = tmp.resolve("local");
        Path dir = Files.createDirectories(local.resolve("CppCon.pdb").resolve(CPPCON_KEY));
        Files.write(dir.resolve("CppCon.pdb"), Arrays.copyOf(cppconPdb, 4096)); // cut copy
        Files.write(dir.resolve("CppCon.pd_"), org.handlelens.symbols.cab.TestLzx.cab("CppCon.pdb", cppconPdb));
        FetchResult r = service(local.toString(), FetchOptions.defaults()).fetchPdb(cppconId, FetchMonitor.NONE);
        assertTrue(r.found(), r.toString());
        assertArrayEquals(cppconPdb, Files.readAllBytes(r.file()));
        assertTrue(r.errors().stream().anyMatch(x -> x.contains("truncated")), r.errors().toString());
    }

    @Test
    void missesAreRememberedUntilTheNegativeCacheExpires() throws Exception {
        SymbolService svc = service("srv*" + cache + "*" + server.url("sym"),
                FetchOptions.defaults().withNegativeCacheTtl(Duration.ofMinutes(10)));
        PdbIdentity missing = new PdbIdentity("missing.pdb", UUID.randomUUID(), 1);
        assertFalse(svc.fetchPdb(missing, FetchMonitor.NONE).found());
        long first = server.count("/missing.pdb");
        assertTrue(first >= 1);
        assertFalse(svc.fetchPdb(missing, FetchMonitor.NONE).found());
        assertEquals(first, server.count("/missing.pdb"), "404 remembered");
        clock.millis.addAndGet(Duration.ofMinutes(11).toMillis());
        assertFalse(svc.fetchPdb(missing, FetchMonitor.NONE).found());
        assertEquals(2 * first, server.count("/missing.pdb"), "asked again after expiry");
        assertFalse(Files.exists(cache.resolve("missing.pdb")), "no cache entry for a miss");
    }

    @Test
    void filePtrRedirectToALocalFile() throws Exception {
        FetchResult r = service("sym").fetchImage("CrashWithException.exe", 0x5C9E0959L, 0x9000, FetchMonitor.NONE);
        assertTrue(r.found(), r.toString());
        assertEquals(cache.resolve("CrashWithException.exe/5C9E09599000/CrashWithException.exe").toAbsolutePath(), r.file());
        assertArrayEquals(crashExe, Files.readAllBytes(r.file()));
    }

    @Test
    void filePtrWithMsgStopsWithTheMessage() throws Exception {
        FetchResult r = service("sym").fetchPdb(new PdbIdentity("gone.pdb", crashId.guid(), 1), FetchMonitor.NONE);
        assertFalse(r.found());
        assertTrue(r.errors().toString().contains("withdrawn by the owner"), r.errors().toString());
    }

    @Test
    void twoTierLayoutOnTheServerIsFoundAndCacheHonoursIndex2() throws Exception {
        Files.createDirectories(cache);
        Files.writeString(cache.resolve("index2.txt"), "");
        FetchResult r = service("sym").fetchImage("foo.exe", 0x587BA621L, 0x7B000, FetchMonitor.NONE);
        assertTrue(r.found(), r.toString());
        assertEquals(cache.resolve("fo/foo.exe/587BA6217b000/foo.exe").toAbsolutePath(), r.file());
        assertTrue(r.origin().contains("/fo/foo.exe/"), r.origin());
    }

    @Test
    void redirectsAreFollowed() throws Exception {
        FetchResult r = service("redirect").fetchPdb(cppconId, FetchMonitor.NONE);
        assertTrue(r.found(), r.toString());
        assertArrayEquals(cppconPdb, Files.readAllBytes(r.file()));
        assertEquals(1, server.count("/redirect/CppCon.pdb/" + CPPCON_KEY + "/CppCon.pdb"));
        assertEquals(1, server.count("/sym/CppCon.pdb/" + CPPCON_KEY + "/CppCon.pdb"));
    }

    @Test
    void slowServerTimesOutAndIsRetriedOnce() throws Exception {
        FetchOptions fast = FetchOptions.defaults().withTimeouts(Duration.ofSeconds(2), Duration.ofMillis(300),
                Duration.ofMillis(300)).withRetries(1);
        long t0 = System.nanoTime();
        FetchResult r = service("srv*" + cache + "*" + server.url("slow"), fast).fetchPdb(cppconId, FetchMonitor.NONE);
        long ms = (System.nanoTime() - t0) / 1_000_000;
        assertFalse(r.found());
        assertTrue(r.errors().toString().contains("no response within 300 ms"), r.errors().toString());
        assertEquals(2, server.count("/slow/CppCon.pdb/" + CPPCON_KEY + "/CppCon.pdb"));
        assertTrue(ms < 2500, "took " + ms + " ms");
    }

    @Test
    void stalledBodyHitsTheIdleTimeout() throws Exception {
        FetchOptions fast = FetchOptions.defaults().withTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(2),
                Duration.ofMillis(300)).withRetries(0);
        FetchResult r = service("srv*" + cache + "*" + server.url("stall"), fast).fetchPdb(cppconId, FetchMonitor.NONE);
        assertFalse(r.found());
        assertTrue(r.errors().toString().contains("no data for 300 ms"), r.errors().toString());
        assertTrue(leftovers().isEmpty(), leftovers().toString());
        assertFalse(Files.exists(cache.resolve("CppCon.pdb")));
    }

    @Test
    void sizeCapRejectsLargeDownloads() throws Exception {
        FetchResult r = service("srv*" + cache + "*" + server.url("sym"),
                FetchOptions.defaults().withMaxDownloadBytes(1000)).fetchPdb(cppconId, FetchMonitor.NONE);
        assertFalse(r.found());
        assertTrue(r.errors().toString().contains("above the limit of 1000"), r.errors().toString());
    }

    @Test
    void unauthorizedAndServerErrorsAreReported() throws Exception {
        FetchResult r = service("auth").fetchPdb(cppconId, FetchMonitor.NONE);
        assertTrue(r.errors().toString().contains("needs credentials"), r.errors().toString());
        FetchResult b = service("srv*" + cache + "*" + server.url("broken"),
                FetchOptions.defaults().withRetries(1)).fetchPdb(cppconId, FetchMonitor.NONE);
        assertTrue(b.errors().toString().contains("HTTP 500"), b.errors().toString());
        assertEquals(2, server.count("/broken/CppCon.pdb/" + CPPCON_KEY + "/CppCon.pdb"), "5xx retried");
    }

    @Test
    void cancellationAbortsTheFetch() {
        server.slowMillis = 5000;
        long t0 = System.nanoTime();
        FetchException e = assertThrows(FetchException.class, () -> service("slow").fetchPdb(cppconId, new FetchMonitor() {
            @Override
            public boolean isCancelled() {
                return System.nanoTime() - t0 > 200_000_000L;
            }
        }));
        assertEquals(FetchException.Reason.CANCELLED, e.reason());
        assertTrue((System.nanoTime() - t0) / 1_000_000 < 2000);
    }

    @Test
    void namesThatWouldEscapeTheCacheAreRejected() {
        for (String bad : List.of("..", ".", "a/b.pdb", "a\\b.pdb", "c:x.pdb", "x\u0000.pdb")) {
            assertThrows(IllegalArgumentException.class,
                    () -> service("sym").fetchPdb(new PdbIdentity(bad, crashId.guid(), 1), FetchMonitor.NONE), bad);
        }
        // RSDS path ending in ".." (hostile image) is reduced to ".." and rejected too
        PdbIdentity fromRsds = PdbIdentity.fromPath("C:\\build\\..", crashId.guid(), 1);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> service("sym").fetchPdb(fromRsds, FetchMonitor.NONE));
        assertTrue(e.getMessage().contains("path traversal rejected"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> SafeNames.key("../x"));
        assertThrows(IllegalArgumentException.class,
                () -> new FolderStore(cache).pathFor("ok.pdb", "ABC/../../x"));
        assertFalse(Files.exists(tmp.resolve("x")));
    }

    @Test
    void moduleStatusesThroughTheService() throws Exception {
        SymbolService svc = service("sym");
        PeImage exe = PeImage.read(TestData.pdb("CrashWithException.exe"));
        LoadedModule crash = new LoadedModule("CrashWithException.exe", 0x140000000L, 0x9000, exe.imageIdentity(), null);
        ModuleSymbols loaded = svc.moduleSymbols(crash, null, FetchMonitor.NONE);
        assertEquals(SymbolStatus.LOADED, loaded.status(), loaded.describe());
        assertEquals("CrashWithException!main",
                svc.frameResolver(FetchMonitor.NONE).resolve(crash, 0x140001170L).display());

        LoadedModule wrongGuid = new LoadedModule("CppCon.exe", 0x400000, 0x10000, null,
                new PdbIdentity("CppCon.pdb", crashId.guid(), 1));
        ModuleSymbols mm = svc.moduleSymbols(wrongGuid, null, FetchMonitor.NONE);
        assertEquals(SymbolStatus.MISMATCHED, mm.status(), mm.describe());
        assertTrue(mm.reason().contains(CPPCON_KEY), mm.reason());

        LoadedModule foo = new LoadedModule("foo.exe", 0x140000000L, 0x7B000, new ImageIdentity("foo.exe", 0x587BA621L, 0x7B000), null);
        ModuleSymbols fooSyms = svc.moduleSymbols(foo, null, FetchMonitor.NONE);
        assertEquals(SymbolStatus.NOT_FOUND, fooSyms.status(), fooSyms.describe());
        assertTrue(fooSyms.reason().contains("foo.pdb/2B3C3FA55A2E44B88BBAC3300FF69F621/foo.pdb not found"), fooSyms.reason());

        ModuleSymbols broken = service("broken").moduleSymbols(
                new LoadedModule("CppCon.exe", 0x400000, 0x10000, null, cppconId), null, FetchMonitor.NONE);
        assertEquals(SymbolStatus.ERROR, broken.status(), broken.describe());
        assertTrue(broken.reason().contains("HTTP 500"), broken.reason());
    }

    @Test
    void filePtrToAnotherUrlZipPayloadsAndDamagedCabinets() throws Exception {
        // file.ptr naming a URL elsewhere on the server, whose target is a ZIP-compressed _ file
        java.io.ByteArrayOutputStream zip = new java.io.ByteArrayOutputStream();
        try (java.util.zip.ZipOutputStream z = new java.util.zip.ZipOutputStream(zip)) {
            z.putNextEntry(new java.util.zip.ZipEntry("CppCon.pdb"));
            z.write(cppconPdb);
        }
        put("elsewhere/CppCon.pd_", zip.toByteArray());
        put("sym2/CppCon.pdb/" + CPPCON_KEY + "/file.ptr", ("PATH:" + server.url("elsewhere/CppCon.pd_")).getBytes());
        FetchResult r = service("sym2").fetchPdb(cppconId, FetchMonitor.NONE);
        assertTrue(r.found(), r.toString());
        assertArrayEquals(cppconPdb, Files.readAllBytes(r.file()));
        assertEquals(cache.resolve("CppCon.pdb/" + CPPCON_KEY + "/CppCon.pdb").toAbsolutePath(), r.file());

        // a truncated cabinet is an error with the offset, and nothing lands in the cache
        byte[] cab = TestCabWriter.write("CrashWithException.pdb", crashPdb, true);
        put("sym3/CrashWithException.pdb/" + CRASH_KEY + "/CrashWithException.pd_", java.util.Arrays.copyOf(cab, cab.length / 3));
        FetchResult bad = service("sym3").fetchPdb(crashId, FetchMonitor.NONE);
        assertFalse(bad.found());
        assertTrue(bad.errors().toString().contains("at byte offset"), bad.errors().toString());
        assertFalse(Files.exists(cache.resolve("CrashWithException.pdb")));
        assertTrue(leftovers().isEmpty(), leftovers().toString());
    }

    @Test
    void localShareStoreWithCompressedFilesAndPointersFillsTheCache() throws Exception {
        Path share = tmp.resolve("share");
        Path packed = share.resolve("CrashWithException.pdb/" + CRASH_KEY + "/CrashWithException.pd_");
        Files.createDirectories(packed.getParent());
        Files.write(packed, TestCabWriter.write("CrashWithException.pdb", crashPdb, true));
        Path real = Files.write(Files.createDirectories(tmp.resolve("real")).resolve("CppCon.pdb"), cppconPdb);
        Path ptr = share.resolve("CppCon.pdb/" + CPPCON_KEY + "/file.ptr");
        Files.createDirectories(ptr.getParent());
        Files.writeString(ptr, real.toString());
        SymbolService svc = service("srv*" + cache + "*" + share, FetchOptions.defaults());
        FetchResult a = svc.fetchPdb(crashId, FetchMonitor.NONE);
        assertEquals(cache.resolve("CrashWithException.pdb/" + CRASH_KEY + "/CrashWithException.pdb").toAbsolutePath(), a.file());
        assertArrayEquals(crashPdb, Files.readAllBytes(a.file()));
        FetchResult b = svc.fetchPdb(cppconId, FetchMonitor.NONE);
        assertEquals(cache.resolve("CppCon.pdb/" + CPPCON_KEY + "/CppCon.pdb").toAbsolutePath(), b.file());
        assertTrue(leftovers().isEmpty(), leftovers().toString());
        assertTrue(server.requests.isEmpty(), "no HTTP for a share");
    }

    @Test
    void cancellingModuleLoadingThrowsCancellationException() {
        server.slowMillis = 5000;
        long t0 = System.nanoTime();
        FetchMonitor cancelSoon = new FetchMonitor() {
            @Override
            public boolean isCancelled() {
                return System.nanoTime() - t0 > 200_000_000L;
            }
        };
        SymbolService svc = service("slow");
        assertThrows(java.util.concurrent.CancellationException.class, () -> svc.moduleSymbolsAll(List.of(
                new LoadedModule("CppCon.exe", 0x400000, 0x10000, null, cppconId),
                new LoadedModule("CrashWithException.exe", 0x140000000L, 0x9000, null, crashId)), cancelSoon));
        assertTrue((System.nanoTime() - t0) / 1_000_000 < 3000);
    }

    @Test
    void manyModulesLoadInParallelInInputOrder() {
        SymbolService svc = service("sym");
        List<LoadedModule> mods = List.of(
                new LoadedModule("CppCon.exe", 0x400000, 0x10000, null, cppconId),
                new LoadedModule("CrashWithException.exe", 0x140000000L, 0x9000, null, crashId),
                new LoadedModule("missing.dll", 0x10000000L, 0x1000, null, new PdbIdentity("missing.pdb", UUID.randomUUID(), 2)));
        List<ModuleSymbols> all = svc.moduleSymbolsAll(mods, FetchMonitor.NONE);
        assertEquals(List.of(SymbolStatus.LOADED, SymbolStatus.LOADED, SymbolStatus.NOT_FOUND),
                all.stream().map(ModuleSymbols::status).toList());
        assertTrue(Files.isRegularFile(cache.resolve("CppCon.pdb/" + CPPCON_KEY + "/CppCon.pdb")));
        assertTrue(Files.isRegularFile(cache.resolve("CrashWithException.pdb/" + CRASH_KEY + "/CrashWithException.pdb")));
    }

    @Test
    void plainFoldersFlatAndSymstoreLayoutWithCacheDirective() throws Exception {
        Path flat = Files.createDirectories(tmp.resolve("flat"));
        Files.write(flat.resolve("cppcon.PDB"), cppconPdb); // case differs from the wanted name
        Path priv = Files.createDirectories(tmp.resolve("private"));
        Files.createDirectories(priv.resolve("CrashWithException.pdb/" + CRASH_KEY.toLowerCase()));
        Files.write(priv.resolve("CrashWithException.pdb/" + CRASH_KEY.toLowerCase() + "/CrashWithException.pdb"), crashPdb);
        Path localCache = tmp.resolve("lc");
        SymbolService svc = service("cache*" + localCache + ";" + flat + ";" + priv, FetchOptions.defaults());
        FetchResult r = svc.fetchPdb(cppconId, FetchMonitor.NONE);
        assertEquals(localCache.resolve("CppCon.pdb/" + CPPCON_KEY + "/CppCon.pdb").toAbsolutePath(), r.file());
        FetchResult r2 = svc.fetchPdb(crashId, FetchMonitor.NONE);
        assertTrue(r2.found(), r2.toString());
        assertArrayEquals(crashPdb, Files.readAllBytes(r2.file()));
        // the flat CppCon.pdb is offered for another GUID: rejected as a mismatch, search continues
        FetchResult r3 = svc.fetchPdb(new PdbIdentity("CppCon.pdb", crashId.guid(), 1), FetchMonitor.NONE);
        assertFalse(r3.found());
        assertTrue(r3.rejected().get(0).contains("GUID/age differ"), r3.rejected().toString());
    }
}
