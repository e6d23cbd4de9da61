package org.handlelens.symbols.pdb;

import org.handlelens.symbols.AddressSearch;
import org.handlelens.symbols.io.CorruptFileException;
import org.handlelens.symbols.io.LeReader;

/**
 * An OMAP table ({@code {u32 from, u32 to}} pairs sorted by {@code from}) mapping addresses between the
 * original and the re-laid-out image. Entry N covers {@code [from[N], from[N+1])}; target 0 means unmapped.
 */
public final class Omap {
    private final long[] from;
    private final long[] to;

    private Omap(long[] from, long[] to) {
        this.from = from;
        this.to = to;
    }

    /** Parses an OMAP stream. */
    public static Omap parse(LeReader r) throws CorruptFileException {
        int n = r.size() / 8;
        long[] from = new long[n];
        long[] to = new long[n];
        for (int i = 0; i < n; i++) {
            from[i] = r.u32(8L * i);
            to[i] = r.u32(8L * i + 4);
            if (i > 0 && from[i] < from[i - 1]) {
                throw r.error(8L * i, "OMAP entries not sorted");
            }
        }
        return new Omap(from, to);
    }

    /** Maps an address, or returns -1 when it is unmapped. */
    public long map(long address) {
        int found = AddressSearch.lastAtOrBelow(from, address);
        if (found < 0 || to[found] == 0) {
            return -1;
        }
        return to[found] + (address - from[found]);
    }

    /** Number of entries. */
    public int size() {
        return from.length;
    }
}
