package org.handlelens.symbols.server;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * A symbol store or cache in a folder, in symsrv's layout: {@code name/KEY/name}, or the two-tier
 * {@code na/name/KEY/name} when the store root holds {@code index2.txt}. Lookups try exact names first,
 * then case-insensitive matches (caches written on Windows may differ in case). Writes are atomic.
 */
public final class FolderStore {
    /** File that switches a store to the two-tier layout. */
    public static final String INDEX2 = "index2.txt";
    /** Pointer file name. */
    public static final String FILE_PTR = "file.ptr";

    private final Path root;

    public FolderStore(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    /** The store root. */
    public Path root() {
        return root;
    }

    /** True when the store uses the two-tier layout. */
    public boolean isTwoTier() {
        return Files.isRegularFile(root.resolve(INDEX2));
    }

    /** Relative path segments of a file: {@code [name, key, file]} or two-tier {@code [na, name, key, file]}. */
    public static List<String> segments(String name, String key, String file, boolean twoTier) {
        SafeNames.fileName(name);
        SafeNames.key(key);
        SafeNames.fileName(file);
        List<String> out = new ArrayList<>(4);
        if (twoTier) {
            out.add(prefix(name));
        }
        out.add(name);
        out.add(key);
        out.add(file);
        return out;
    }

    /** The two-tier prefix: the first two characters of the name (case kept). */
    static String prefix(String name) {
        return name.length() >= 2 ? name.substring(0, 2) : name;
    }

    /** What a lookup found. */
    public record Hit(Path file, boolean compressed, boolean pointer) {
    }

    /**
     * Finds {@code name} under one of {@code keys}: plain file, then the compressed {@code _} variant, then
     * {@code file.ptr}; the layout announced by {@code index2.txt} first, the other one after it.
     */
    public Hit find(String name, List<String> keys) throws IOException {
        List<Hit> all = findAll(name, keys);
        return all.isEmpty() ? null : all.get(0);
    }

    /**
     * Every variant of {@code name} present under {@code keys}, in the order of {@link #find}, so that a caller
     * whose first candidate turns out damaged or mismatched can go on with the next.
     */
    public List<Hit> findAll(String name, List<String> keys) throws IOException {
        List<Hit> hits = new java.util.ArrayList<>();
        boolean twoTier = isTwoTier();
        for (boolean layout : new boolean[] {twoTier, !twoTier}) {
            for (String key : keys) {
                // child() matches case-insensitively, so one probe per key covers upper/lower-case keys
                List<String> dirs = segments(name, key, name, layout).subList(0, layout ? 3 : 2);
                Path dir = resolveCaseInsensitive(root, dirs);
                if (dir == null) {
                    continue;
                }
                Path plain = child(dir, name);
                if (plain != null && Files.isRegularFile(plain)) {
                    hits.add(new Hit(plain, false, false));
                }
                Path packed = child(dir, compressedName(name));
                if (packed != null && Files.isRegularFile(packed)) {
                    hits.add(new Hit(packed, true, false));
                }
                Path ptr = child(dir, FILE_PTR);
                if (ptr != null && Files.isRegularFile(ptr)) {
                    hits.add(new Hit(ptr, false, true));
                }
            }
        }
        return hits;
    }

    /** {@code ntdll.pdb} → {@code ntdll.pd_}. */
    public static String compressedName(String name) {
        return name.substring(0, name.length() - 1) + "_";
    }

    private static Path resolveCaseInsensitive(Path start, List<String> parts) throws IOException {
        Path p = start;
        for (String part : parts) {
            p = child(p, part);
            if (p == null || !Files.isDirectory(p)) {
                return null;
            }
        }
        return p;
    }

    private static Path child(Path dir, String name) throws IOException {
        Path exact = dir.resolve(SafeNames.fileName(name));
        if (Files.exists(exact)) {
            return exact;
        }
        if (!Files.isDirectory(dir)) {
            return null;
        }
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir)) {
            for (Path c : ds) {
                if (c.getFileName().toString().equalsIgnoreCase(name)) {
                    return c;
                }
            }
        }
        return null;
    }

    /** Where {@code name} under {@code key} is (or would be) stored, uncompressed, in this store's layout. */
    public Path pathFor(String name, String key) {
        return SafeNames.under(root, segments(name, key, name, isTwoTier()).toArray(String[]::new));
    }

    /**
     * Moves {@code source} (a temp file) into the store atomically: copy/move to a hidden temp name in the
     * destination folder, then rename. Existing files are replaced.
     *
     * @param move true to move {@code source}, false to copy it
     */
    public Path store(String name, String key, Path source, boolean move) throws IOException {
        Path dest = pathFor(name, key);
        Files.createDirectories(dest.getParent());
        Path tmp = dest.resolveSibling("." + dest.getFileName() + "." + UUID.randomUUID() + ".tmp");
        try {
            if (move) {
                Files.move(source, tmp, StandardCopyOption.REPLACE_EXISTING);
            } else {
                Files.copy(source, tmp, StandardCopyOption.REPLACE_EXISTING);
            }
            try {
                Files.move(tmp, dest, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, dest, StandardCopyOption.REPLACE_EXISTING);
            }
            return dest;
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
