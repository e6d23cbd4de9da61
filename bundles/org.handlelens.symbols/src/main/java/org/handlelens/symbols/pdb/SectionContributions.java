package org.handlelens.symbols.pdb;

import org.handlelens.symbols.AddressSearch;

/**
 * The DBI section-contribution substream as a sorted RVA → module-index map: which compiland contributed
 * the code at an address. Used to load only the line table of the module that holds a queried address.
 */
public final class SectionContributions {
    private static final SectionContributions EMPTY = new SectionContributions(new long[0], new long[0], new int[0]);

    private final long[] starts;
    private final long[] ends; // exclusive
    private final int[] modules;

    SectionContributions(long[] starts, long[] ends, int[] modules) {
        this.starts = starts;
        this.ends = ends;
        this.modules = modules;
    }

    /** No contributions. */
    public static SectionContributions empty() {
        return EMPTY;
    }

    /** Number of contributions that map to an RVA. */
    public int size() {
        return starts.length;
    }

    /** Index of the module whose contribution contains {@code rva}, or -1. */
    public int moduleAt(long rva) {
        int found = AddressSearch.lastAtOrBelow(starts, rva);
        // contributions do not overlap in a linked image; look back a little in case a zero-size one sits on top
        for (int k = found; k >= 0 && k > found - 4; k--) {
            if (rva < ends[k]) {
                return modules[k];
            }
        }
        return -1;
    }
}
