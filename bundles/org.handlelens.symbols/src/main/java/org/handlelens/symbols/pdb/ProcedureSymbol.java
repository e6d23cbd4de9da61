package org.handlelens.symbols.pdb;

/**
 * An S_GPROC32 / S_LPROC32 (or their _ID variants) record from a module symbol stream.
 *
 * @param name      undecorated (qualified) name as stored, e.g. {@code X::foo}
 * @param rva       start RVA in the final image, or -1 when it maps to no section
 * @param sizeBytes code size
 * @param segment   1-based section number
 * @param offset    offset within the section
 * @param global    true for S_GPROC32(_ID), false for file-static S_LPROC32(_ID)
 * @param module    index of the module that holds the record
 */
public record ProcedureSymbol(String name, long rva, long sizeBytes, int segment, long offset, boolean global, int module) {
}
