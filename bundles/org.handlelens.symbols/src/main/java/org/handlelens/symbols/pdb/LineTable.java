package org.handlelens.symbols.pdb;

import java.util.List;

import org.handlelens.symbols.AddressSearch;

/**
 * Immutable RVA → (file, line, column) lookup for one PDB module (compiland), built from its C13
 * {@code DEBUG_S_LINES} subsections. Parallel primitive arrays sorted by RVA (12-16 bytes per line entry):
 * entry {@code i} covers {@code [rva[i], rva[i+1])}. Entries with line 0 mark a gap (the end of a function's
 * code, or a compiler-hidden line such as 0xFEEFEE), where there is no source position.
 */
public final class LineTable {
    private static final LineTable EMPTY = new LineTable(new int[0], new int[0], null, new int[0], new String[0]);

    private final int[] rvas; // unsigned 32-bit RVAs, ascending, unique
    private final int[] lines; // 0 = gap
    private final int[] columns; // null when no subsection had columns
    private final int[] fileIndexes;
    private final String[] files;

    LineTable(int[] rvas, int[] lines, int[] columns, int[] fileIndexes, String[] files) {
        this.rvas = rvas;
        this.lines = lines;
        this.columns = columns;
        this.fileIndexes = fileIndexes;
        this.files = files;
    }

    /** A table without lines. */
    public static LineTable empty() {
        return EMPTY;
    }

    /** Number of entries, gap markers included. */
    public int entryCount() {
        return rvas.length;
    }

    /** The distinct source files referenced by the table. */
    public List<String> files() {
        return List.of(files);
    }

    /** The source position covering {@code rva}, or {@code null} when no line range contains it. */
    public SourceLine lookup(long rva) {
        if (rva < 0 || rva > 0xFFFF_FFFFL) {
            return null;
        }
        int found = AddressSearch.lastAtOrBelowUnsigned(rvas, rva);
        if (found < 0 || lines[found] == 0) {
            return null;
        }
        return new SourceLine(files[fileIndexes[found]], lines[found], columns == null ? 0 : columns[found]);
    }
}
