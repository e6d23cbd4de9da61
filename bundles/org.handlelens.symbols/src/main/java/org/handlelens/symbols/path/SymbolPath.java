package org.handlelens.symbols.path;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A parsed {@code _NT_SYMBOL_PATH}: elements in search order. Grammar: elements separated by {@code ;}
 * (empty ones ignored, whitespace around them trimmed); {@code srv*[cache*...]target};
 * {@code symsrv*<dll>*[cache*...]target}; {@code cache*[folder]}; anything else is a folder. Keywords are
 * case-insensitive; an empty cache entry means the default cache.
 *
 * @param text         the path as written
 * @param elements     parsed elements
 * @param defaultCache cache used when an element names none
 */
public record SymbolPath(String text, List<SymbolPathElement> elements, Path defaultCache) {
    /** Environment variables read by {@link #fromEnvironment}, searched in this order. */
    public static final List<String> ENV_VARIABLES = List.of("_NT_ALT_SYMBOL_PATH", "_NT_SYMBOL_PATH");

    public SymbolPath {
        elements = List.copyOf(elements);
    }

    /**
     * Parses a symbol path.
     *
     * @param text         e.g. {@code srv*C:\symbols*https://msdl.microsoft.com/download/symbols;D:\private}
     * @param defaultCache cache for {@code srv*url} and {@code cache*} without a folder
     * @param mapper       maps folder names (Windows paths on Linux) to local paths
     * @throws SymbolPathSyntaxException when an element is malformed
     */
    public static SymbolPath parse(String text, Path defaultCache, PathMapper mapper) {
        List<SymbolPathElement> out = new ArrayList<>();
        Path cache = null;
        int pos = 0;
        for (String raw : text.split(";", -1)) {
            int at = pos + (raw.length() - raw.stripLeading().length());
            pos += raw.length() + 1;
            String el = raw.strip();
            if (el.isEmpty()) {
                continue;
            }
            String lower = el.toLowerCase(Locale.ROOT);
            if (lower.startsWith("srv*") || lower.equals("srv")) {
                out.add(server(text, at, el, el.length() > 4 ? el.substring(4) : "", defaultCache, mapper));
            } else if (lower.startsWith("symsrv*") || lower.equals("symsrv")) {
                String rest = el.length() > 7 ? el.substring(7) : "";
                int star = rest.indexOf('*');
                if (star <= 0) {
                    throw new SymbolPathSyntaxException(text, at, "symsrv* needs a DLL name and a store, e.g. "
                            + "symsrv*symsrv.dll*C:\\symbols*https://msdl.microsoft.com/download/symbols");
                }
                out.add(server(text, at, el, rest.substring(star + 1), defaultCache, mapper));
            } else if (lower.startsWith("cache*") || lower.equals("cache")) {
                String dir = el.length() > 6 ? el.substring(6).strip() : "";
                if (dir.contains("*")) {
                    throw new SymbolPathSyntaxException(text, at, "cache* takes one folder, got \"" + dir + "\"");
                }
                cache = dir.isEmpty() ? defaultCache : folder(text, at, dir, mapper);
                out.add(new SymbolPathElement.Cache(el, cache));
            } else if (el.contains("*")) {
                throw new SymbolPathSyntaxException(text, at, "unknown keyword \"" + el.substring(0, el.indexOf('*'))
                        + "\" (expected srv*, symsrv*, cache* or a folder)");
            } else if (isUrl(el)) {
                throw new SymbolPathSyntaxException(text, at, "a URL must be written as srv*" + el);
            } else {
                out.add(new SymbolPathElement.Folder(el, folder(text, at, el, mapper), cache));
            }
        }
        return new SymbolPath(text, out, defaultCache);
    }

    /**
     * The path from the environment ({@code _NT_ALT_SYMBOL_PATH} then {@code _NT_SYMBOL_PATH}, joined), or an
     * empty path when neither is set.
     */
    public static SymbolPath fromEnvironment(Map<String, String> env, Path defaultCache, PathMapper mapper) {
        List<String> parts = new ArrayList<>();
        for (String name : ENV_VARIABLES) {
            String v = env.get(name);
            if (v != null && !v.isBlank()) {
                parts.add(v);
            }
        }
        return parse(String.join(";", parts), defaultCache, mapper);
    }

    private static SymbolPathElement server(String text, int at, String el, String spec, Path defaultCache,
                                            PathMapper mapper) {
        List<String> parts = List.of(spec.split("\\*", -1));
        String target = parts.get(parts.size() - 1).strip();
        if (target.isEmpty()) {
            throw new SymbolPathSyntaxException(text, at, "symbol server element \"" + el
                    + "\" has no store after the last '*' (e.g. srv*C:\\symbols*https://msdl.microsoft.com/download/symbols)");
        }
        List<Path> caches = new ArrayList<>();
        for (String c : parts.subList(0, parts.size() - 1)) {
            caches.add(c.isBlank() ? defaultCache : folder(text, at, c.strip(), mapper));
        }
        SymbolPathElement.Store store;
        if (isUrl(target)) {
            store = new SymbolPathElement.HttpStore(uri(text, at, target));
            if (caches.isEmpty()) {
                caches.add(defaultCache);
            }
        } else if (target.contains("://")) {
            throw new SymbolPathSyntaxException(text, at, "unsupported URL scheme in \"" + target + "\" (http or https only)");
        } else {
            store = new SymbolPathElement.FolderStore(folder(text, at, target, mapper));
        }
        return new SymbolPathElement.Server(el, caches, store);
    }

    private static boolean isUrl(String s) {
        String l = s.toLowerCase(Locale.ROOT);
        return l.startsWith("http://") || l.startsWith("https://");
    }

    private static URI uri(String text, int at, String s) {
        try {
            URI u = new URI(s.endsWith("/") ? s.substring(0, s.length() - 1) : s);
            if (u.getHost() == null || u.getHost().isEmpty()) {
                throw new SymbolPathSyntaxException(text, at, "URL without host: " + s);
            }
            if (u.getQuery() != null || u.getFragment() != null) {
                throw new SymbolPathSyntaxException(text, at, "symbol server URL must not have a query or fragment: " + s);
            }
            return u;
        } catch (URISyntaxException e) {
            throw new SymbolPathSyntaxException(text, at, "malformed URL: " + e.getMessage());
        }
    }

    private static Path folder(String text, int at, String dir, PathMapper mapper) {
        try {
            return mapper.map(dir);
        } catch (IllegalArgumentException e) {
            throw new SymbolPathSyntaxException(text, at, "\"" + dir + "\": " + e.getMessage());
        }
    }
}
