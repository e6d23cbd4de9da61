package org.handlelens.symbols.path;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;

/** One {@code ;}-separated element of a symbol path. */
public sealed interface SymbolPathElement {
    /** The element as written. */
    String text();

    /** Where a symbol store lives: an HTTP(S) server or a folder (local or share). */
    sealed interface Store {
    }

    /** An HTTP(S) symbol server. */
    record HttpStore(URI baseUri) implements Store {
    }

    /** A symbol store in a folder (symstore layout, possibly with {@code index2.txt}). */
    record FolderStore(Path folder) implements Store {
    }

    /**
     * A plain folder searched flat ({@code dir/name}) and in symstore layout ({@code dir/name/KEY/name}).
     *
     * @param folder folder to search
     * @param cache  cache from a preceding {@code cache*} element, or {@code null}
     */
    record Folder(String text, Path folder, Path cache) implements SymbolPathElement {
    }

    /**
     * {@code srv*cache1*cache2*target} or {@code symsrv*symsrv.dll*...}: downstream caches are searched first
     * and filled from the target on a hit.
     *
     * @param caches downstream stores in order (the default cache when none was written)
     * @param target the upstream store
     */
    record Server(String text, List<Path> caches, Store target) implements SymbolPathElement {
        public Server {
            caches = List.copyOf(caches);
        }
    }

    /** {@code cache*dir}: a cache for the elements that follow. */
    record Cache(String text, Path folder) implements SymbolPathElement {
    }
}
