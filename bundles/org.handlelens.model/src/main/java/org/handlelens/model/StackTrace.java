package org.handlelens.model;

import java.util.Arrays;

/**
 * An interned call stack, innermost frame first. A frame may have an address, a text
 * ({@code "module!func+0x1f"}), or both; unknown address is 0, unknown text is null.
 */
public final class StackTrace {
    private final long[] frameAddresses;
    private final String[] frameNames;

    /**
     * @param frameAddresses addresses (0 where unknown), or null when the source gives text only
     * @param frameNames     frame texts (null entries where unknown), or null when the source gives addresses only
     */
    public StackTrace(long[] frameAddresses, String[] frameNames) {
        if (frameAddresses == null && frameNames == null) {
            throw new IllegalArgumentException("a stack needs addresses or names");
        }
        if (frameAddresses != null && frameNames != null && frameAddresses.length != frameNames.length) {
            throw new IllegalArgumentException("addresses and names differ in length: "
                    + frameAddresses.length + " vs " + frameNames.length);
        }
        int n = frameAddresses != null ? frameAddresses.length : frameNames.length;
        this.frameAddresses = frameAddresses != null ? frameAddresses.clone() : new long[n];
        this.frameNames = frameNames != null ? frameNames.clone() : new String[n];
    }

    /** Number of frames. */
    public int frameCount() {
        return frameAddresses.length;
    }

    /** Address of frame {@code i}, 0 when unknown. */
    public long frameAddress(int i) {
        return frameAddresses[i];
    }

    /** Text of frame {@code i} as the source gave it, null when none. */
    public String frameName(int i) {
        return frameNames[i];
    }

    /** Display text of frame {@code i}: its name, else {@code 0x}-hex address. */
    public String frameText(int i) {
        String name = frameNames[i];
        return name != null ? name : "0x" + Long.toHexString(frameAddresses[i]);
    }

    /** Display texts of all frames, innermost first. */
    public String[] frameTexts() {
        String[] out = new String[frameCount()];
        for (int i = 0; i < out.length; i++) {
            out[i] = frameText(i);
        }
        return out;
    }

    /** Copy of the addresses. */
    public long[] frameAddresses() {
        return frameAddresses.clone();
    }

    /** Copy of the names (entries may be null). */
    public String[] frameNames() {
        return frameNames.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof StackTrace s && Arrays.equals(frameAddresses, s.frameAddresses)
                && Arrays.equals(frameNames, s.frameNames);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(frameAddresses) + Arrays.hashCode(frameNames);
    }

    @Override
    public String toString() {
        return String.join(" <- ", frameTexts());
    }
}
