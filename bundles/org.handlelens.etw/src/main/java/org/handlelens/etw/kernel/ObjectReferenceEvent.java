package org.handlelens.etw.kernel;

/** ReferenceObject (0x1132) / DereferenceObject (0x1133); tag is a pool-tag-like u32 ("Dflt"). */
public record ObjectReferenceEvent(boolean reference, long object, int tag, int count) {
    /** The tag as 4 ASCII characters. */
    public String tagAscii() {
        char[] c = new char[4];
        for (int i = 0; i < 4; i++) {
            c[i] = (char) ((tag >>> (8 * i)) & 0xFF);
        }
        return new String(c);
    }
}
