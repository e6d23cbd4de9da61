package org.handlelens.symbols;

/**
 * The lookup every address table here does (symbols, section contributions, line tables, OMAP, module
 * bases): the index of the last ascending start at or below an address, or -1 when all starts lie above.
 */
public final class AddressSearch {
    private AddressSearch() {
    }

    /** In {@code starts} (ascending, signed). */
    public static int lastAtOrBelow(long[] starts, long address) {
        int lo = 0;
        int hi = starts.length - 1;
        int found = -1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            if (starts[mid] <= address) {
                found = mid;
                lo = mid + 1;
            } else {
                hi = mid - 1;
            }
        }
        return found;
    }

    /** In {@code starts} (ascending as unsigned 64-bit values, e.g. kernel-space module bases). */
    public static int lastAtOrBelowUnsigned(long[] starts, long address) {
        int lo = 0;
        int hi = starts.length - 1;
        int found = -1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            if (Long.compareUnsigned(starts[mid], address) <= 0) {
                found = mid;
                lo = mid + 1;
            } else {
                hi = mid - 1;
            }
        }
        return found;
    }

    /** In {@code starts} (ascending as unsigned 32-bit RVAs). */
    public static int lastAtOrBelowUnsigned(int[] starts, long address) {
        int lo = 0;
        int hi = starts.length - 1;
        int found = -1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            if (Integer.toUnsignedLong(starts[mid]) <= address) {
                found = mid;
                lo = mid + 1;
            } else {
                hi = mid - 1;
            }
        }
        return found;
    }
}
