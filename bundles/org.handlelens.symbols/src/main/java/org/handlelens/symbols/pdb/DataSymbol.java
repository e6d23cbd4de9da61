package org.handlelens.symbols.pdb;

/**
 * An S_GDATA32 / S_LDATA32 record of the global symbol stream.
 *
 * @param name   name
 * @param rva    RVA, or -1 when it maps to no section
 * @param global true for S_GDATA32
 */
public record DataSymbol(String name, long rva, boolean global) {
}
