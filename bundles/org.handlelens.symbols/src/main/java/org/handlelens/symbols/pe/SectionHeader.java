package org.handlelens.symbols.pe;

import org.handlelens.symbols.io.CorruptFileException;
import org.handlelens.symbols.io.LeReader;

import java.nio.charset.StandardCharsets;

/**
 * IMAGE_SECTION_HEADER (40 bytes); the same layout is used by the PDB section-header streams.
 *
 * @param name                  section name (up to 8 bytes, NUL padding removed)
 * @param virtualSizeBytes      VirtualSize
 * @param virtualAddress        RVA of the section start
 * @param sizeOfRawDataBytes    SizeOfRawData
 * @param pointerToRawData      file offset of the raw data
 * @param characteristics       IMAGE_SCN_* flags
 */
public record SectionHeader(String name, long virtualSizeBytes, long virtualAddress, long sizeOfRawDataBytes,
                            long pointerToRawData, long characteristics) {
    /** Size of one header in bytes. */
    public static final int SIZE_BYTES = 40;
    /** IMAGE_SCN_CNT_CODE. */
    public static final long CNT_CODE = 0x20;

    /** Reads one header at {@code offset}. */
    public static SectionHeader read(LeReader r, long offset) throws CorruptFileException {
        r.require(offset, SIZE_BYTES, "IMAGE_SECTION_HEADER");
        byte[] raw = r.bytes(offset, 8);
        int len = 0;
        while (len < 8 && raw[len] != 0) {
            len++;
        }
        return new SectionHeader(new String(raw, 0, len, StandardCharsets.UTF_8), r.u32(offset + 8), r.u32(offset + 12),
                r.u32(offset + 16), r.u32(offset + 20), r.u32(offset + 36));
    }

    /** Mapped extent: max(VirtualSize, SizeOfRawData). */
    public long extentBytes() {
        return Math.max(virtualSizeBytes, sizeOfRawDataBytes);
    }

    /** True when {@code rva} falls inside this section. */
    public boolean containsRva(long rva) {
        return rva >= virtualAddress && rva < virtualAddress + extentBytes();
    }
}
