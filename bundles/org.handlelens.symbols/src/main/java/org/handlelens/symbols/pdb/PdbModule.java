package org.handlelens.symbols.pdb;

/**
 * One DBI module info entry (a compiland / object file).
 *
 * @param index             0-based module index
 * @param moduleName        module name (object file path or import library member)
 * @param objFileName       object or library file name
 * @param symbolStream      stream index of the module's symbols, or -1 when none
 * @param symbolBytes       SymByteSize: bytes of symbol records including the 4-byte signature
 */
public record PdbModule(int index, String moduleName, String objFileName, int symbolStream, long symbolBytes) {
}
