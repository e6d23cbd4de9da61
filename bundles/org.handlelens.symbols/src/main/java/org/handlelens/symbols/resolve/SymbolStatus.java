package org.handlelens.symbols.resolve;

/** Per-module symbol status; the labels are the one vocabulary used by the Modules view, CLI and reports. */
public enum SymbolStatus {
    /** Full PDB: procedures (with sizes) and publics. */
    LOADED("Loaded"),
    /** Stripped PDB: publics, no procedures. */
    PUBLIC_ONLY("Public only"),
    /** No PDB; names from the PE export table. */
    EXPORTS_ONLY("Exports only"),
    /** A PDB of that name was found but its GUID/age differ. */
    MISMATCHED("Mismatched"),
    /** Nothing found on the symbol path. */
    NOT_FOUND("Not found"),
    /** Something failed; the reason is reported alongside. */
    ERROR("Error");

    private final String label;

    SymbolStatus(String label) {
        this.label = label;
    }

    /** User-facing label, e.g. "Public only". */
    public String label() {
        return label;
    }

    @Override
    public String toString() {
        return label;
    }
}
