package org.handlelens.ui.symbols;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.handlelens.symbols.path.PathMapper;
import org.handlelens.symbols.path.SymbolPath;
import org.handlelens.symbols.path.SymbolPathElement;

/**
 * The symbol path as the preference page edits it: a list of element texts joined with {@code ;}. Every
 * edit is checked with the symbols bundle's parser, so the page never stores a path that does not parse.
 */
public final class SymbolPathElements {
    private final Path defaultCache;
    private final PathMapper mapper;
    private final List<String> elements = new ArrayList<>();

    /** @param defaultCache cache for {@code srv*url}; @param mapper folder-name mapper (both for parsing) */
    public SymbolPathElements(Path defaultCache, PathMapper mapper) {
        this.defaultCache = defaultCache;
        this.mapper = mapper;
    }

    /**
     * Replaces the elements with those of {@code text}.
     *
     * @throws org.handlelens.symbols.path.SymbolPathSyntaxException when the text does not parse
     */
    public void setText(String text) {
        SymbolPath parsed = SymbolPath.parse(text, defaultCache, mapper);
        elements.clear();
        for (SymbolPathElement e : parsed.elements()) {
            elements.add(e.text());
        }
    }

    /** The path text ({@code ;}-joined elements). */
    public String text() {
        return String.join(";", elements);
    }

    /** Element texts in search order. */
    public List<String> elements() {
        return List.copyOf(elements);
    }

    /** The parsed form of element {@code index}. */
    public SymbolPathElement parsed(int index) {
        return parse(elements.get(index));
    }

    /** Parses one element text. */
    public SymbolPathElement parse(String element) {
        List<SymbolPathElement> p = SymbolPath.parse(element, defaultCache, mapper).elements();
        if (p.size() != 1) {
            throw new IllegalArgumentException("expected one symbol path element, got " + p.size() + ": " + element);
        }
        return p.get(0);
    }

    /** Appends an element (validated); returns its index. */
    public int add(String element) {
        parse(element);
        elements.add(element.strip());
        return elements.size() - 1;
    }

    /** Replaces element {@code index} (validated). */
    public void set(int index, String element) {
        parse(element);
        elements.set(index, element.strip());
    }

    /** Removes element {@code index}. */
    public void remove(int index) {
        elements.remove(index);
    }

    /** Swaps element {@code index} with its neighbour ({@code delta} -1 = up, +1 = down); returns the new index. */
    public int move(int index, int delta) {
        int to = index + delta;
        if (to < 0 || to >= elements.size()) {
            return index;
        }
        String e = elements.remove(index);
        elements.add(to, e);
        return to;
    }

    /** {@code srv*cache*url}, or {@code srv*url} when the cache is blank (downloads then go to the default cache). */
    public static String serverElement(String url, String cache) {
        String u = url.strip();
        return cache == null || cache.isBlank() ? "srv*" + u : "srv*" + cache.strip() + "*" + u;
    }

    /** Short kind of an element for the list: "Server", "Server (folder store)", "Folder", "Cache". */
    public static String kind(SymbolPathElement e) {
        return switch (e) {
            case SymbolPathElement.Server s -> s.target() instanceof SymbolPathElement.HttpStore ? "Server"
                    : "Store folder";
            case SymbolPathElement.Folder f -> "Folder";
            case SymbolPathElement.Cache c -> "Cache";
        };
    }

    /** Where an element looks and caches, for the list's detail column. */
    public static String detail(SymbolPathElement e) {
        return switch (e) {
            case SymbolPathElement.Server s -> {
                String target = s.target() instanceof SymbolPathElement.HttpStore h ? h.baseUri().toString()
                        : ((SymbolPathElement.FolderStore) s.target()).folder().toString();
                yield s.caches().isEmpty() ? target
                        : target + "  (cache " + String.join(", ", s.caches().stream().map(Path::toString).toList()) + ")";
            }
            case SymbolPathElement.Folder f -> f.folder().toString();
            case SymbolPathElement.Cache c -> c.folder().toString();
        };
    }
}
