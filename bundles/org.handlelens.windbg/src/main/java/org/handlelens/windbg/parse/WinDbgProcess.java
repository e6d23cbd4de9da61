package org.handlelens.windbg.parse;

/**
 * One {@code PROCESS} block ({@code !process 0 0}, or the header {@code !handle} prints).
 *
 * @param eprocessAddress the EPROCESS address after {@code PROCESS}
 * @param pid             {@code Cid} (hex in the text), null when missing
 * @param parentPid       {@code ParentCid}, null when missing
 * @param sessionId       {@code SessionId} (decimal), null for {@code none} or when absent (NT4)
 * @param pebAddress      {@code Peb}, null when missing
 * @param dirBase         {@code DirBase}, null when missing
 * @param objectTableAddress {@code ObjectTable}, null when missing
 * @param handleCount     {@code HandleCount} (or NT4 {@code TableSize}, which counts the same entries),
 *                        null for {@code <Data Not Accessible>} or when absent
 * @param image           {@code Image} (rest of its line), null when the block has none
 * @param lineNumber      1-based line of the {@code PROCESS} token
 */
public record WinDbgProcess(long eprocessAddress, Long pid, Long parentPid, Integer sessionId, Long pebAddress,
        Long dirBase, Long objectTableAddress, Long handleCount, String image, int lineNumber) {

    /** The reference other blocks use for this process. */
    public ProcessRef ref() {
        return new ProcessRef(eprocessAddress, pid);
    }
}
