package org.handlelens.symbols.resolve;

import java.nio.file.Path;
import java.util.Objects;

/**
 * The symbols of one module and how they were obtained.
 *
 * @param status status in the shared vocabulary
 * @param reason human-readable detail (e.g. the error or mismatch), empty when none
 * @param table  RVA lookup table (empty for Mismatched / Not found / Error)
 * @param source file the symbols came from (PDB or image), or {@code null}
 * @param lines  RVA → source file/line ({@link SourceLines#NONE} when the symbols have no line tables)
 */
public record ModuleSymbols(SymbolStatus status, String reason, SymbolTable table, Path source, SourceLines lines) {
    public ModuleSymbols {
        Objects.requireNonNull(status, "status");
        reason = reason == null ? "" : reason;
        table = table == null ? SymbolTable.empty() : table;
        lines = lines == null ? SourceLines.NONE : lines;
    }

    /** Symbols without line information. */
    public ModuleSymbols(SymbolStatus status, String reason, SymbolTable table, Path source) {
        this(status, reason, table, source, SourceLines.NONE);
    }

    /** A result without symbols. */
    public static ModuleSymbols without(SymbolStatus status, String reason) {
        return new ModuleSymbols(status, reason, SymbolTable.empty(), null);
    }

    /** "Status" or "Status: reason". */
    public String describe() {
        return reason.isEmpty() ? status.label() : status.label() + ": " + reason;
    }
}
