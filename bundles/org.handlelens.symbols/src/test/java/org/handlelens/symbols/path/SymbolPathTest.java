package org.handlelens.symbols.path;

import org.junit.jupiter.api.Test;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SymbolPathTest {
    private final Path root = Path.of("/var/hl/win");
    private final Path defCache = Path.of("/var/hl/cache");
    private final PathMapper linux = new PathMapper(root, false);

    private SymbolPath parse(String s) {
        return SymbolPath.parse(s, defCache, linux);
    }

    @Test
    void msdlWithCacheAndPrivateFolder() {
        SymbolPath p = parse("srv*C:\\symbols*https://msdl.microsoft.com/download/symbols;D:\\private\\pdbs");
        assertEquals(2, p.elements().size());
        SymbolPathElement.Server s = assertInstanceOf(SymbolPathElement.Server.class, p.elements().get(0));
        assertEquals(List.of(root.resolve("c/symbols")), s.caches());
        assertEquals(new SymbolPathElement.HttpStore(URI.create("https://msdl.microsoft.com/download/symbols")), s.target());
        SymbolPathElement.Folder f = assertInstanceOf(SymbolPathElement.Folder.class, p.elements().get(1));
        assertEquals(root.resolve("d/private/pdbs"), f.folder());
    }

    @Test
    void srvWithoutCacheUsesDefaultCacheAndEmptyCacheEntryToo() {
        SymbolPathElement.Server s = (SymbolPathElement.Server) parse("SRV*https://example.test/sym/").elements().get(0);
        assertEquals(List.of(defCache), s.caches());
        assertEquals(URI.create("https://example.test/sym"), ((SymbolPathElement.HttpStore) s.target()).baseUri());
        s = (SymbolPathElement.Server) parse("srv**https://example.test/sym").elements().get(0);
        assertEquals(List.of(defCache), s.caches());
    }

    @Test
    void chainsOfDownstreamStoresAndUncShares() {
        SymbolPathElement.Server s = (SymbolPathElement.Server) parse(
                "srv*c:\\localcache*\\\\fileserver\\symbols*https://msdl.microsoft.com/download/symbols").elements().get(0);
        assertEquals(List.of(root.resolve("c/localcache"), root.resolve("unc/fileserver/symbols")), s.caches());
        s = (SymbolPathElement.Server) parse("srv*/home/me/cache*\\\\server\\share\\store").elements().get(0);
        assertEquals(List.of(Path.of("/home/me/cache")), s.caches());
        assertEquals(new SymbolPathElement.FolderStore(root.resolve("unc/server/share/store")), s.target());
    }

    @Test
    void symsrvLongFormIgnoresTheDllName() {
        SymbolPathElement.Server s = (SymbolPathElement.Server) parse(
                "symsrv*symsrv.dll*C:\\symbols*http://symweb").elements().get(0);
        assertEquals(List.of(root.resolve("c/symbols")), s.caches());
        assertEquals(URI.create("http://symweb"), ((SymbolPathElement.HttpStore) s.target()).baseUri());
    }

    @Test
    void cacheDirectiveAppliesToFollowingFolders() {
        SymbolPath p = parse(" cache*C:\\cache ; C:\\a ;; cache* ; /b ");
        assertEquals(4, p.elements().size());
        assertEquals(root.resolve("c/cache"), ((SymbolPathElement.Folder) p.elements().get(1)).cache());
        assertEquals(root.resolve("c/a"), ((SymbolPathElement.Folder) p.elements().get(1)).folder());
        assertEquals(defCache, ((SymbolPathElement.Folder) p.elements().get(3)).cache());
    }

    @Test
    void malformedElementsAreRejectedWithPosition() {
        SymbolPathSyntaxException e = assertThrows(SymbolPathSyntaxException.class, () -> parse("C:\\a;srv*"));
        assertEquals(5, e.position());
        assertTrue(e.getMessage().contains("no store"), e.getMessage());
        e = assertThrows(SymbolPathSyntaxException.class, () -> parse("foo*bar"));
        assertTrue(e.getMessage().contains("unknown keyword \"foo\""), e.getMessage());
        e = assertThrows(SymbolPathSyntaxException.class, () -> parse("srv*c:\\x*ftp://host/sym"));
        assertTrue(e.getMessage().contains("http or https only"), e.getMessage());
        e = assertThrows(SymbolPathSyntaxException.class, () -> parse("https://msdl.microsoft.com/download/symbols"));
        assertTrue(e.getMessage().contains("srv*https://"), e.getMessage());
        e = assertThrows(SymbolPathSyntaxException.class, () -> parse("symsrv*"));
        assertTrue(e.getMessage().contains("DLL name"), e.getMessage());
        e = assertThrows(SymbolPathSyntaxException.class, () -> parse("srv*C:\\..\\..\\etc*http://h"));
        assertTrue(e.getMessage().contains("'..'"), e.getMessage());
        assertThrows(SymbolPathSyntaxException.class, () -> parse("srv*c:\\x*http://h/sym?x=1"));
    }

    @Test
    void environmentDefaultJoinsAltPathFirst() {
        SymbolPath p = SymbolPath.fromEnvironment(Map.of("_NT_SYMBOL_PATH", "srv*http://a.test/s",
                "_NT_ALT_SYMBOL_PATH", "C:\\alt"), defCache, linux);
        assertEquals(2, p.elements().size());
        assertInstanceOf(SymbolPathElement.Folder.class, p.elements().get(0));
        assertTrue(SymbolPath.fromEnvironment(Map.of(), defCache, linux).elements().isEmpty());
    }

    @Test
    void windowsMapperKeepsPathsAsTyped() {
        PathMapper onWindows = new PathMapper(root, true);
        assertEquals(Path.of("C:\\symbols"), onWindows.map("C:\\symbols"));
        assertEquals(Path.of("/opt/sym"), linux.map("/opt/sym"));
        assertEquals(root.resolve("c"), linux.map("C:"));
    }
}
