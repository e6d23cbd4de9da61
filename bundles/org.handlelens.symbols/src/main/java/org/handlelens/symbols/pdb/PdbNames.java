package org.handlelens.symbols.pdb;

import org.handlelens.symbols.io.CorruptFileException;
import org.handlelens.symbols.io.LeReader;

/**
 * The PDB string table (the named stream {@code /names}): file names of line tables are offsets into its
 * string buffer. Layout: u32 signature 0xEFFEEFFE, u32 hash version, u32 buffer size, the NUL-terminated
 * strings, then a hash table this reader does not need.
 */
public final class PdbNames {
    static final long SIGNATURE = 0xEFFE_EFFEL;
    private static final int HEADER_BYTES = 12;

    private final LeReader reader;
    private final long bufferBytes;

    private PdbNames(LeReader reader, long bufferBytes) {
        this.reader = reader;
        this.bufferBytes = bufferBytes;
    }

    /** Checks the header of a {@code /names} stream. */
    public static PdbNames parse(LeReader r) throws CorruptFileException {
        r.require(0, HEADER_BYTES, "/names header");
        if (r.u32(0) != SIGNATURE) {
            throw r.error(0, "/names stream signature is 0x" + Long.toHexString(r.u32(0)) + ", expected 0xeffeeffe");
        }
        long size = r.u32(8);
        r.require(HEADER_BYTES, size, "/names string buffer");
        return new PdbNames(r, size);
    }

    /** The string at {@code offset} into the string buffer. */
    public String at(long offset) throws CorruptFileException {
        if (offset < 0 || offset >= bufferBytes) {
            throw reader.error(8, "string offset " + offset + " outside the /names buffer of " + bufferBytes + " bytes");
        }
        return reader.cstring(HEADER_BYTES + offset, HEADER_BYTES + bufferBytes);
    }
}
