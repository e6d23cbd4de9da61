package org.handlelens.windbg.parse;

/**
 * One {@code !htrace} frame line: {@code 0x7c90e8e5: ntdll!ZwOpenKey+0x0000000c}.
 *
 * @param address      the return address
 * @param module       module name, null when unresolved ({@code +0x00101991})
 * @param function     function name, null when only {@code module+0x...} was printed
 * @param offset       displacement after {@code +}, null when none
 * @param symbolText   the text after the colon as printed (trimmed)
 */
public record StackFrame(long address, String module, String function, Long offset, String symbolText) {

    /** Text for display and interning: {@code module!function+0xoff}, with leading zeros of the offset dropped. */
    public String displayText() {
        if (module == null && function == null) {
            return offset == null ? symbolText : "0x" + Long.toHexString(address);
        }
        StringBuilder sb = new StringBuilder();
        if (module != null) {
            sb.append(module);
        }
        if (function != null) {
            sb.append('!').append(function);
        }
        if (offset != null) {
            sb.append("+0x").append(Long.toHexString(offset));
        }
        return sb.toString();
    }

    /** True when the debugger had no module for the address. */
    public boolean isUnresolved() {
        return module == null && function == null;
    }
}
