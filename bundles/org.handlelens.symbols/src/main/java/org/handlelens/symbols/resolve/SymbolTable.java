package org.handlelens.symbols.resolve;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

import org.handlelens.symbols.AddressSearch;

/**
 * Immutable RVA → symbol lookup for one module. Sized symbols (PDB procedures) win when they contain the
 * address; otherwise the nearest unsized symbol (public or export) at or below the address is used, as long
 * as no sized symbol ends in between and it lies in the same section bound. Arrays, not objects, so that a
 * million lookups per second stay cheap.
 */
public final class SymbolTable {
    /** One input symbol; {@code sizeBytes} is -1 when unknown (publics, exports). */
    public record Entry(long rva, long sizeBytes, String name) {
    }

    /** A lookup result: the symbol and the address's offset into it. */
    public record Hit(String name, long startRva, long offsetBytes) {
    }

    private static final SymbolTable EMPTY = new SymbolTable(List.of(), new long[0]);

    private final long[] starts;
    private final long[] ends; // exclusive; -1 = unknown size
    private final String[] names;
    private final long[] boundaries; // sorted section ends etc.: unsized symbols do not extend across them

    private SymbolTable(List<Entry> entries, long[] boundaries) {
        List<Entry> sorted = new ArrayList<>(entries);
        // sized before unsized at the same start so that procedures win ties
        sorted.sort(Comparator.comparingLong(Entry::rva).thenComparing(e -> e.sizeBytes() < 0));
        starts = new long[sorted.size()];
        ends = new long[sorted.size()];
        names = new String[sorted.size()];
        for (int i = 0; i < sorted.size(); i++) {
            Entry e = sorted.get(i);
            starts[i] = e.rva();
            ends[i] = e.sizeBytes() < 0 ? -1 : e.rva() + e.sizeBytes();
            names[i] = e.name();
        }
        this.boundaries = boundaries.clone();
        Arrays.sort(this.boundaries);
    }

    /**
     * Builds a table.
     *
     * @param entries    symbols; entries with a negative RVA are ignored
     * @param boundaries RVAs an unsized symbol never extends across (e.g. section ends); may be empty
     */
    public static SymbolTable of(List<Entry> entries, long[] boundaries) {
        return new SymbolTable(entries.stream().filter(e -> e.rva() >= 0).toList(), boundaries);
    }

    /** A table with no symbols. */
    public static SymbolTable empty() {
        return EMPTY;
    }

    /** Number of symbols. */
    public int size() {
        return starts.length;
    }

    /** The symbol covering {@code rva}, or {@code null}. */
    public Hit lookup(long rva) {
        int i = AddressSearch.lastAtOrBelow(starts, rva);
        if (i < 0) {
            return null;
        }
        // Among symbols starting at the same address prefer the first (sized) one.
        int first = i;
        while (first > 0 && starts[first - 1] == starts[i]) {
            first--;
        }
        for (int k = first; k <= i; k++) {
            if (ends[k] >= 0 && rva < ends[k]) {
                return new Hit(names[k], starts[k], rva - starts[k]);
            }
        }
        // No sized symbol at that start contains it: a containing procedure further down?
        for (int k = first - 1, seen = 0; k >= 0 && seen < 64; k--, seen++) {
            if (ends[k] >= 0 && rva < ends[k]) {
                return new Hit(names[k], starts[k], rva - starts[k]);
            }
        }
        // Nearest unsized symbol at or below, not separated by the end of a sized symbol or a boundary.
        for (int k = i; k >= 0; k--) {
            if (ends[k] >= 0) {
                if (ends[k] <= rva) {
                    return null; // a procedure ended between the candidate and rva: rva is padding
                }
                continue;
            }
            for (int s = k - 1; s >= 0 && starts[s] == starts[k]; s--) {
                if (ends[s] >= 0 && ends[s] <= rva) {
                    return null;
                }
            }
            if (crossesBoundary(starts[k], rva)) {
                return null;
            }
            return new Hit(names[k], starts[k], rva - starts[k]);
        }
        return null;
    }

    private boolean crossesBoundary(long from, long to) {
        int idx = Arrays.binarySearch(boundaries, from + 1);
        int pos = idx >= 0 ? idx : -idx - 1;
        return pos < boundaries.length && boundaries[pos] <= to;
    }

}
