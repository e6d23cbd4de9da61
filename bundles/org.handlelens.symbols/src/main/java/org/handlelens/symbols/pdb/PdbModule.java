package org.handlelens.symbols.pdb;

/**
 * One DBI module info entry (a compiland / object file).
 *
 * @param index             0-based module index
 * @param moduleName        module name (object file path or import library member)
 * @param objFileName       object or library file name
 * @param symbolStream      stream index of the module's symbols, or -1 when none
 * @param symbolBytes       SymByteSize: bytes of symbol records including the 4-byte signature
 * @param c11LineBytes      C11ByteSize: bytes of old-style (C11) line information after the symbols (not read)
 * @param c13LineBytes      C13ByteSize: bytes of C13 debug subsections (line tables, file checksums) after those
 */
public record PdbModule(int index, String moduleName, String objFileName, int symbolStream, long symbolBytes,
                        long c11LineBytes, long c13LineBytes) {
}
