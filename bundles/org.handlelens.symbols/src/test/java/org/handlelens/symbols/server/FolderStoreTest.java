package org.handlelens.symbols.server;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FolderStoreTest {
    @TempDir
    Path tmp;

    @Test
    void twoTierStoreIsReadAndWrittenWithThePrefixAndMatchedCaseInsensitively() throws Exception {
        FolderStore store = new FolderStore(tmp);
        assertFalse(store.isTwoTier());
        Files.writeString(tmp.resolve("index2.txt"), "irrelevant");
        assertTrue(store.isTwoTier());
        Path src = Files.writeString(tmp.resolve("src.bin"), "payload");
        Path stored = store.store("ntdll.pdb", "1B2A6F4C1E7D4B0A9C3E0123456789AB2A", src, false);
        assertEquals(tmp.resolve("nt/ntdll.pdb/1B2A6F4C1E7D4B0A9C3E0123456789AB2A/ntdll.pdb"), stored);
        assertEquals("payload", Files.readString(stored));
        FolderStore.Hit hit = store.find("NTDLL.PDB", List.of("1b2a6f4c1e7d4b0a9c3e0123456789ab2a"));
        assertEquals(stored, hit.file());
        assertFalse(hit.compressed());
        assertNull(store.find("ntdll.pdb", List.of("00000000000000000000000000000000" + "1")));
        try (Stream<Path> s = Files.walk(tmp)) {
            assertTrue(s.noneMatch(p -> p.getFileName().toString().endsWith(".tmp")));
        }
    }

    @Test
    void singleTierStoreFindsCompressedAndPointerVariants() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("a.dll/5C9E09599000"));
        Files.write(dir.resolve("a.dl_"), new byte[] {1});
        FolderStore.Hit hit = new FolderStore(tmp).find("a.dll", List.of("5C9E09599000"));
        assertTrue(hit.compressed());
        Files.delete(dir.resolve("a.dl_"));
        Files.writeString(dir.resolve("file.ptr"), "PATH:\\\\server\\share\\a.dll");
        assertTrue(new FolderStore(tmp).find("a.dll", List.of("5C9E09599000")).pointer());
        Files.write(dir.resolve("a.dll"), new byte[] {2});
        Files.write(dir.resolve("a.dl_"), new byte[] {1});
        assertEquals(List.of(false, true, false), new FolderStore(tmp).findAll("a.dll", List.of("5C9E09599000"))
                .stream().map(FolderStore.Hit::compressed).toList(), "plain, compressed, pointer");
    }

    @Test
    void keysAndNamesCannotLeaveTheStore() {
        FolderStore store = new FolderStore(tmp);
        assertThrows(IllegalArgumentException.class, () -> store.pathFor("..", "ABC"));
        assertThrows(IllegalArgumentException.class, () -> store.pathFor("a.pdb", ".."));
        assertThrows(IllegalArgumentException.class, () -> store.pathFor("a.pdb", "AB/CD"));
        assertThrows(IllegalArgumentException.class, () -> store.pathFor("x/../../a.pdb", "ABC"));
        assertEquals(tmp.resolve("a.pdb/ABC/a.pdb"), store.pathFor("a.pdb", "ABC"));
    }
}
