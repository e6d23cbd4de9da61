package org.handlelens.symbols.server;

import org.handlelens.model.store.AtomicFile;
import org.handlelens.symbols.io.CorruptFileException;
import org.handlelens.symbols.path.PathMapper;
import org.handlelens.symbols.path.SymbolPath;
import org.handlelens.symbols.path.SymbolPathElement;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Semaphore;

/**
 * Searches a {@link SymbolPath} for one file (a PDB or an image) identified by name and symbol-store key,
 * downloading from servers into the downstream caches in symsrv's layout. Candidates are verified by the
 * caller's {@link Verifier}; a rejected candidate (e.g. a PDB with another GUID) does not stop the search.
 */
public final class SymbolFetcher {
    /** Checks a candidate file; returns null when it is the wanted one, else the reason for rejecting it. */
    @FunctionalInterface
    public interface Verifier {
        String reject(Path candidate) throws IOException;
    }

    private final SymbolPath path;
    private final PathMapper mapper;
    private final FetchOptions options;
    private final HttpClient client;
    private final NegativeCache misses;
    private final Semaphore slots;

    /**
     * @param path    the symbol path
     * @param mapper  maps folder names found in {@code file.ptr} files
     * @param options download limits
     * @param client  HTTP client, or {@code null} to create one from the options
     * @param clock   clock for the negative cache
     */
    public SymbolFetcher(SymbolPath path, PathMapper mapper, FetchOptions options, HttpClient client, Clock clock) {
        this.path = path;
        this.mapper = mapper;
        this.options = options;
        this.client = client != null ? client : HttpSymbolStore.newClient(options);
        this.misses = new NegativeCache(clock, options.negativeCacheTtl());
        this.slots = new Semaphore(options.maxParallelDownloads());
    }

    /** The symbol path searched. */
    public SymbolPath symbolPath() {
        return path;
    }

    /** Search state shared by the steps of one fetch. */
    private final class Search {
        final String name;
        final List<String> keys;
        final Verifier verifier;
        final FetchMonitor monitor;
        final List<String> rejected = new ArrayList<>();
        final List<String> errors = new ArrayList<>();

        Search(String name, List<String> keys, Verifier verifier, FetchMonitor monitor) {
            this.name = name;
            this.keys = keys;
            this.verifier = verifier;
            this.monitor = monitor;
        }

        boolean accept(Path candidate, String where) {
            try {
                String why = verifier.reject(candidate);
                if (why == null) {
                    return true;
                }
                rejected.add(where + ": " + why);
            } catch (IOException e) {
                errors.add(where + ": " + e.getMessage());
            }
            return false;
        }

        FetchResult result(Path file, String origin) {
            return new FetchResult(file, origin, rejected, errors);
        }
    }

    /**
     * Searches for a file.
     *
     * @param name     file name (PDB name or image name); must be a plain file name
     * @param keys     symbol-store keys to try, preferred first
     * @param verifier accepts or rejects candidates
     * @throws FetchException only when cancelled; other failures are collected in the result
     * @throws IllegalArgumentException when the name or a key would escape the store (path traversal)
     */
    public FetchResult fetch(String name, List<String> keys, Verifier verifier, FetchMonitor monitor)
            throws FetchException {
        SafeNames.fileName(name);
        keys.forEach(SafeNames::key);
        Search s = new Search(name, keys, verifier, monitor);
        for (SymbolPathElement el : path.elements()) {
            if (monitor.isCancelled()) {
                throw new FetchException(FetchException.Reason.CANCELLED, "cancelled while looking for " + name);
            }
            try {
                FetchResult r = switch (el) {
                    case SymbolPathElement.Cache c -> null;
                    case SymbolPathElement.Folder f -> searchFolder(s, f);
                    case SymbolPathElement.Server srv -> searchServer(s, srv);
                };
                if (r != null) {
                    return r;
                }
            } catch (FetchException e) {
                if (e.reason() == FetchException.Reason.CANCELLED) {
                    throw e;
                }
                s.errors.add(e.getMessage());
            } catch (IOException e) {
                s.errors.add(el.text() + ": " + e.getMessage());
            }
        }
        return s.result(null, "");
    }

    private FetchResult searchFolder(Search s, SymbolPathElement.Folder f) throws IOException {
        if (!Files.isDirectory(f.folder())) {
            return null;
        }
        // flat layout: dir/name (case-insensitive)
        Path flat = f.folder().resolve(s.name);
        if (!Files.isRegularFile(flat)) {
            flat = null;
            try (DirectoryStream<Path> ds = Files.newDirectoryStream(f.folder())) {
                for (Path c : ds) {
                    if (c.getFileName().toString().equalsIgnoreCase(s.name) && Files.isRegularFile(c)) {
                        flat = c;
                        break;
                    }
                }
            }
        }
        if (flat != null && s.accept(flat, flat.toString())) {
            return s.result(intoCache(f.cache(), s, flat, false), flat.toString());
        }
        FolderStore store = new FolderStore(f.folder());
        Path got = fromFolderStore(s, store);
        if (got != null) {
            return s.result(f.cache() != null ? intoCache(f.cache(), s, got, false) : got, store.root().toString());
        }
        return null;
    }

    private Path intoCache(Path cache, Search s, Path file, boolean move) throws IOException {
        if (cache == null) {
            return file;
        }
        return new FolderStore(cache).store(s.name, s.keys.get(0), file, move);
    }

    /** Finds, expands / follows and verifies a file in a folder store; returns a usable path or null. */
    private Path fromFolderStore(Search s, FolderStore store) throws IOException {
        // variants in order; a damaged or mismatched one does not hide the next (as for HTTP stores)
        for (FolderStore.Hit hit : store.findAll(s.name, s.keys)) {
            Path got = fromHit(s, hit);
            if (got != null) {
                return got;
            }
        }
        return null;
    }

    private Path fromHit(Search s, FolderStore.Hit hit) throws IOException {
        if (!hit.compressed() && !hit.pointer()) {
            return s.accept(hit.file(), hit.file().toString()) ? hit.file() : null;
        }
        Path tmp = tempIn(path.defaultCache());
        try {
            boolean ok = hit.compressed()
                    ? expandInto(hit.file(), tmp, s)
                    : followPointer(Files.readString(hit.file(), StandardCharsets.UTF_8), hit.file().toString(), tmp, s);
            if (!ok || !s.accept(tmp, hit.file().toString())) {
                return null;
            }
            // expanded content must live somewhere stable: the default cache, in symsrv layout
            return new FolderStore(path.defaultCache()).store(s.name, s.keys.get(0), tmp, true);
        } finally {
            HttpSymbolStore.deleteQuietly(tmp);
        }
    }

    private boolean expandInto(Path packed, Path out, Search s) {
        try {
            Payloads.expand(packed, s.name, out, options.maxDownloadBytes());
            return true;
        } catch (IOException e) {
            s.errors.add(e.getMessage());
            return false;
        }
    }

    /** Follows a {@code file.ptr}: {@code MSG:...} = not available, else {@code [PATH:]target}. */
    private boolean followPointer(String content, String where, Path out, Search s) throws IOException {
        String t = content.strip();
        if (t.regionMatches(true, 0, "MSG:", 0, 4)) {
            s.errors.add(where + " says: " + t.substring(4).strip());
            return false;
        }
        if (t.regionMatches(true, 0, "PATH:", 0, 5)) {
            t = t.substring(5).strip();
        }
        if (t.isEmpty() || t.contains("\n")) {
            s.errors.add(where + ": unusable file.ptr content");
            return false;
        }
        String lower = t.toLowerCase(Locale.ROOT);
        boolean packed = t.endsWith("_");
        Path fetched = packed ? tempIn(path.defaultCache()) : out;
        try {
            if (lower.startsWith("http://") || lower.startsWith("https://")) {
                HttpSymbolStore http = new HttpSymbolStore(URI.create(t), client, options, misses, slots);
                if (!http.downloadUri(URI.create(t), fetched, s.name, s.monitor)) {
                    s.errors.add(where + " points to " + t + ", which is not found");
                    return false;
                }
            } else {
                Path target = mapper.map(t);
                if (!Files.isRegularFile(target)) {
                    s.errors.add(where + " points to " + target + ", which does not exist");
                    return false;
                }
                Files.copy(target, fetched, StandardCopyOption.REPLACE_EXISTING);
            }
            return !packed || expandInto(fetched, out, s);
        } finally {
            if (packed) {
                HttpSymbolStore.deleteQuietly(fetched);
            }
        }
    }

    private FetchResult searchServer(Search s, SymbolPathElement.Server srv) throws IOException {
        List<FolderStore> caches = srv.caches().stream().map(FolderStore::new).toList();
        for (FolderStore c : caches) {
            Path got = fromFolderStore(s, c);
            if (got != null) {
                return s.result(got, c.root().toString());
            }
        }
        Path downloaded;
        String origin;
        Path tempDir = caches.isEmpty() ? path.defaultCache() : caches.get(0).root();
        switch (srv.target()) {
            case SymbolPathElement.FolderStore fs -> {
                FolderStore store = new FolderStore(fs.folder());
                Path got = fromFolderStore(s, store);
                if (got == null) {
                    return null;
                }
                if (caches.isEmpty()) {
                    return s.result(got, store.root().toString());
                }
                downloaded = tempIn(tempDir);
                Files.copy(got, downloaded, StandardCopyOption.REPLACE_EXISTING);
                origin = store.root().toString();
            }
            case SymbolPathElement.HttpStore hs -> {
                HttpSymbolStore http = new HttpSymbolStore(hs.baseUri(), client, options, misses, slots);
                downloaded = tempIn(tempDir);
                try {
                    origin = fromHttp(s, http, downloaded); // verified there, variant by variant
                } catch (IOException | RuntimeException e) {
                    HttpSymbolStore.deleteQuietly(downloaded);
                    throw e;
                }
                if (origin == null) {
                    HttpSymbolStore.deleteQuietly(downloaded);
                    return null;
                }
            }
        }
        try {
            if (srv.target() instanceof SymbolPathElement.FolderStore && !s.accept(downloaded, origin)) {
                return null;
            }
            Path first = null;
            for (FolderStore c : caches) {
                Path stored = c.store(s.name, s.keys.get(0), downloaded, false);
                if (first == null) {
                    first = stored;
                }
            }
            return s.result(first, origin);
        } finally {
            HttpSymbolStore.deleteQuietly(downloaded);
        }
    }

    /** Tries plain, compressed and file.ptr in the single-tier then the two-tier layout; returns the URL used. */
    private String fromHttp(Search s, HttpSymbolStore http, Path out) throws IOException {
        for (boolean twoTier : new boolean[] {false, true}) {
            for (String key : s.keys) {
                // every variant is checked as soon as it arrives: a web page answered with 200 (proxy, login wall),
                // a damaged cabinet or a PDB with another GUID must not hide the next variant
                List<String> plain = FolderStore.segments(s.name, key, s.name, twoTier);
                if (http.download(plain, out, s.name, s.monitor) && s.accept(out, http.uri(plain).toString())) {
                    return http.uri(plain).toString();
                }
                List<String> packedSegs = FolderStore.segments(s.name, key, FolderStore.compressedName(s.name), twoTier);
                Path packed = tempIn(out.getParent());
                try {
                    if (http.download(packedSegs, packed, s.name, s.monitor)) {
                        String where = http.uri(packedSegs).toString();
                        Payloads.expand(packed, s.name, out, options.maxDownloadBytes());
                        if (s.accept(out, where)) {
                            return where;
                        }
                    }
                } catch (CorruptFileException e) {
                    s.errors.add(http.uri(packedSegs) + ": " + e.getMessage());
                } finally {
                    HttpSymbolStore.deleteQuietly(packed);
                }
                List<String> ptrSegs = FolderStore.segments(s.name, key, FolderStore.FILE_PTR, twoTier);
                Path ptr = tempIn(out.getParent());
                try {
                    if (http.download(ptrSegs, ptr, s.name, s.monitor)) {
                        String where = http.uri(ptrSegs).toString();
                        if (Files.size(ptr) > 4096) {
                            throw new FetchException(FetchException.Reason.BAD_CONTENT, where + " is too large for a pointer");
                        }
                        if (followPointer(Files.readString(ptr, StandardCharsets.UTF_8), where, out, s)
                                && s.accept(out, where)) {
                            return where;
                        }
                        return null; // a pointer is the last word of this store for this key
                    }
                } finally {
                    HttpSymbolStore.deleteQuietly(ptr);
                }
            }
        }
        return null;
    }

    private static Path tempIn(Path dir) throws IOException {
        return AtomicFile.createSibling(dir, ".hl-", ".tmp");
    }
}
