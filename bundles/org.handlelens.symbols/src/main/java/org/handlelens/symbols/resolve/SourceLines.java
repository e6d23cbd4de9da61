package org.handlelens.symbols.resolve;

import org.handlelens.symbols.pdb.SourceLine;

import java.util.List;

/** RVA → source file and line for one image; {@link #NONE} when its symbols carry no line tables. */
public interface SourceLines {
    /** No line information (public-only or stripped PDBs, export tables, missing symbols). */
    SourceLines NONE = new SourceLines() {
        @Override
        public SourceLine lookup(long rva) {
            return null;
        }

        @Override
        public boolean available() {
            return false;
        }
    };

    /** The source position of {@code rva}, or {@code null} when unknown. May read the PDB on first use. */
    SourceLine lookup(long rva);

    /** True when the symbols have line tables at all. */
    default boolean available() {
        return true;
    }

    /** Problems met while reading line tables (damaged modules are treated as having no lines). */
    default List<String> warnings() {
        return List.of();
    }
}
