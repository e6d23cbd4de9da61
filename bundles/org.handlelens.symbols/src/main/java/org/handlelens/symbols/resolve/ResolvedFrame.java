package org.handlelens.symbols.resolve;

import org.handlelens.symbols.pdb.SourceLine;

/**
 * One resolved stack frame.
 *
 * @param address     the frame's virtual address
 * @param module      WinDbg-style module name, or {@code null} when no module contains the address
 * @param function    function name, or {@code null} when the module has no symbol for it
 * @param offsetBytes offset from the function start, or from the module base when {@code function} is null
 * @param source      source file and line from the PDB's line tables, or {@code null} when unknown
 */
public record ResolvedFrame(long address, String module, String function, long offsetBytes, SourceLine source) {
    /** A frame without source position. */
    public ResolvedFrame(long address, String module, String function, long offsetBytes) {
        this(address, module, function, offsetBytes, null);
    }

    /** {@code file:line}, or {@code null} when the source position is unknown. */
    public String sourceText() {
        return source == null ? null : source.display();
    }

    /** {@code module!function+0xNN}, {@code module!function} at offset 0, {@code module+0xNN}, or the hex address. */
    public String display() {
        if (module == null) {
            return "0x" + Long.toHexString(address);
        }
        if (function == null) {
            return module + "+0x" + Long.toHexString(offsetBytes);
        }
        return offsetBytes == 0 ? module + "!" + function : module + "!" + function + "+0x" + Long.toHexString(offsetBytes);
    }

    @Override
    public String toString() {
        return display();
    }
}
