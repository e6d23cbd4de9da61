package org.handlelens.symbols.resolve;

/**
 * One resolved stack frame.
 *
 * @param address     the frame's virtual address
 * @param module      WinDbg-style module name, or {@code null} when no module contains the address
 * @param function    function name, or {@code null} when the module has no symbol for it
 * @param offsetBytes offset from the function start, or from the module base when {@code function} is null
 */
public record ResolvedFrame(long address, String module, String function, long offsetBytes) {
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
