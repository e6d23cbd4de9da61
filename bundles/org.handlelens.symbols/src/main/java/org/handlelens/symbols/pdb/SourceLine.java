package org.handlelens.symbols.pdb;

/**
 * A source position from a PDB line table.
 *
 * @param file   source file path as the compiler recorded it (often a Windows path, case as stored)
 * @param line   1-based line number
 * @param column 1-based start column, or 0 when the PDB records no columns (the usual case)
 */
public record SourceLine(String file, int line, int column) {
    /** {@code file:line}. */
    public String display() {
        return file + ":" + line;
    }

    /** The file name without its directory (splits on both {@code \} and {@code /}). */
    public String fileName() {
        int cut = Math.max(file.lastIndexOf('\\'), file.lastIndexOf('/'));
        return file.substring(cut + 1);
    }

    @Override
    public String toString() {
        return display();
    }
}
