package org.handlelens.etw.kernel;

/**
 * Reused frame arrays for stack-walk and stack-key events, one per length (frames are delivered as
 * exact-length arrays): two thirds of the bytes a reader allocates per GB are frames, and each
 * array is dead once the visitor returned. Only for visitors that copy what they keep
 * ({@code EtwEventVisitor.reusesFrameArrays()}); single-threaded.
 */
public final class FrameArrays {
    /** Longer stacks (rare) get a fresh array. */
    private static final int MAX_REUSED = 256;
    private final long[][] byLength = new long[MAX_REUSED + 1][];

    /** An array of exactly {@code n} elements, the same one for every call with this {@code n}. */
    public long[] get(int n) {
        if (n > MAX_REUSED) {
            return new long[n];
        }
        long[] a = byLength[n];
        if (a == null) {
            a = new long[n];
            byLength[n] = a;
        }
        return a;
    }
}
