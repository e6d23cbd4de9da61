package org.handlelens.windbg.parse;

/**
 * The kernel {@code Handle table at <addr> with <n> Entries in use} line.
 *
 * @param owner           process whose table it is (the PROCESS header printed before it)
 * @param tableAddress    table address
 * @param entriesInUse    entries in use as printed
 * @param kernelTable     "Kernel ... handle table" (the system-wide kernel handle table)
 * @param lineNumber      1-based line
 */
public record HandleTable(ProcessRef owner, long tableAddress, long entriesInUse, boolean kernelTable,
        int lineNumber) {
}
