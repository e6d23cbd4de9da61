package org.handlelens.symbols.pe;

/**
 * One entry of the export table.
 *
 * @param name      exported name, or {@code null} for ordinal-only exports
 * @param ordinal   biased ordinal
 * @param rva       RVA of the exported code/data (for forwarders the RVA of the forwarder string)
 * @param forwarder forwarder target such as {@code NTDLL.RtlAllocateHeap}, or {@code null}
 */
public record PeExport(String name, int ordinal, long rva, String forwarder) {
    /** Display name: the name or {@code #ordinal}. */
    public String displayName() {
        return name != null ? name : "#" + ordinal;
    }
}
