package org.handlelens.symbols.pdb;

/**
 * An S_PUB32 record.
 *
 * @param name    decorated name as stored
 * @param rva     relative virtual address in the final image, or -1 when it maps to no section
 * @param segment 1-based section number
 * @param offset  offset within the section
 * @param flags   CVPSF_* bits: 1 code, 2 function, 4 managed, 8 MSIL
 */
public record PublicSymbol(String name, long rva, int segment, long offset, int flags) {
    /** True when the function or code flag is set. */
    public boolean isCode() {
        return (flags & 3) != 0;
    }
}
