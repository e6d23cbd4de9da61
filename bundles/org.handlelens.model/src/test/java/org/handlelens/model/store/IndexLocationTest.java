package org.handlelens.model.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;

import org.handlelens.model.HandleModel;
import org.handlelens.model.HandleModelBuilder;
import org.handlelens.model.HandleRecord;
import org.handlelens.model.ProcessRecord;
import org.handlelens.model.SourceInfo;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** design.md "The index": beside the trace when its folder is writable, else in the per-user cache. */
class IndexLocationTest {
    @TempDir
    Path tmp;
    private Path traceDir;
    private Path trace;
    private Path cache;

    @BeforeEach
    void copyTrace() throws IOException {
        String shared = System.getProperty("handlelens.shared");
        assertNotNull(shared, "system property handlelens.shared is not set (path of the shared folder)");
        traceDir = Files.createDirectories(tmp.resolve("traces"));
        trace = traceDir.resolve("AMSITrace.etl");
        Files.copy(Paths.get(shared, "testdata", "etl", "AMSITrace.etl"), trace);
        cache = tmp.resolve("cache");
    }

    private static HandleModel model() {
        HandleModelBuilder b = new HandleModelBuilder(new SourceInfo("etl", "AMSITrace.etl", null, null, 8));
        int p = b.addProcess(ProcessRecord.of(4321, "app.exe"));
        for (int i = 0; i < 10; i++) {
            b.addHandle(new HandleRecord(p, 4L * (i + 1), 0x1000L + i, "Event", null, 0x1f0003, null, p,
                    HandleRecord.UNKNOWN_PROCESS, 7, i * 1000L, HandleRecord.TIME_UNKNOWN, HandleRecord.NO_STACK,
                    HandleRecord.NO_STACK, -1, -1));
        }
        return b.build();
    }

    @Test
    void writableFolderKeepsTheIndexBesideTheTrace() {
        assertEquals(traceDir.resolve("AMSITrace.etl.hlidx"), HandleModelIndex.locationFor(trace, cache, d -> true));
        assertEquals(traceDir.resolve("AMSITrace.etl.hlidx"), HandleModelIndex.locationFor(trace, cache));
    }

    @Test
    void readOnlyFolderFallsBackToTheCacheAndTheSecondOpenFindsIt() throws IOException {
        Path first = HandleModelIndex.locationFor(trace, cache, d -> !d.equals(traceDir));
        assertEquals(cache, first.getParent());
        assertTrue(first.getFileName().toString().startsWith("AMSITrace.etl-"), first.toString());
        assertTrue(first.getFileName().toString().endsWith(HandleModelIndex.SUFFIX), first.toString());
        assertNull(HandleModelIndex.openOrNull(trace, first), "nothing cached yet");
        HandleModel m = model();
        HandleModelIndex.write(m, trace, first); // creates the cache folder
        Path second = HandleModelIndex.locationFor(trace, cache, d -> !d.equals(traceDir));
        assertEquals(first, second, "same trace, same cache entry");
        HandleModel again = HandleModelIndex.openOrNull(trace, second);
        assertNotNull(again, "second open reads the cached index");
        assertEquals(m.rowCount(), again.rowCount());
        assertEquals(m.row(9), again.row(9));
        assertFalse(Files.exists(HandleModelIndex.besideTrace(trace)), "nothing written beside the trace");
    }

    @Test
    void equallyNamedTracesInOtherFoldersGetOtherCacheEntries() throws IOException {
        Path other = Files.createDirectories(tmp.resolve("elsewhere")).resolve("AMSITrace.etl");
        Path a = HandleModelIndex.cachedLocation(trace, cache);
        Path b = HandleModelIndex.cachedLocation(other, cache);
        assertNotEquals(a, b);
        // relative and absolute spellings of one file share the entry
        assertEquals(a, HandleModelIndex.cachedLocation(traceDir.resolve("../traces/AMSITrace.etl"), cache));
    }

    @Test
    void realReadOnlyFolderUsesTheCache() throws IOException {
        assumeTrue(Files.getFileStore(traceDir).supportsFileAttributeView("posix"), "POSIX permissions needed");
        Files.setPosixFilePermissions(traceDir, PosixFilePermissions.fromString("r-xr-xr-x"));
        try {
            // root (e.g. in a container) may write into read-only folders: then this case cannot be shown
            assumeFalse(Files.isWritable(traceDir), "running as root: folder permissions are not enforced");
            Path index = HandleModelIndex.locationFor(trace, cache);
            assertEquals(HandleModelIndex.cachedLocation(trace, cache), index);
            HandleModelIndex.write(model(), trace, index);
            assertNotNull(HandleModelIndex.openOrNull(trace, HandleModelIndex.locationFor(trace, cache)));
        } finally {
            Files.setPosixFilePermissions(traceDir, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
    }

    @Test
    void userCacheRootPerOperatingSystem() {
        Path home = Path.of("/home/ann");
        assertEquals(Path.of("/x/cache"), HandleModelIndex.userCacheRoot(Map.of("HANDLELENS_CACHE_DIR", "/x/cache",
                "XDG_CACHE_HOME", "/xdg"), "Linux", home));
        assertEquals(Path.of("/xdg/handlelens"), HandleModelIndex.userCacheRoot(Map.of("XDG_CACHE_HOME", "/xdg"),
                "Linux", home));
        assertEquals(home.resolve(".cache/handlelens"), HandleModelIndex.userCacheRoot(Map.of(), "Linux", home));
        assertEquals(home.resolve(".cache/handlelens"),
                HandleModelIndex.userCacheRoot(Map.of("XDG_CACHE_HOME", "relative"), "Linux", home),
                "the XDG spec ignores relative paths");
        assertEquals(home.resolve("Library/Caches/HandleLens"), HandleModelIndex.userCacheRoot(Map.of(), "Mac OS X", home));
        assertEquals(Path.of("/lad", "HandleLens", "cache"),
                HandleModelIndex.userCacheRoot(Map.of("LOCALAPPDATA", "/lad"), "Windows 11", home));
        assertEquals(home.resolve("AppData/Local/HandleLens/cache"),
                HandleModelIndex.userCacheRoot(Map.of(), "Windows 11", home));
    }
}
