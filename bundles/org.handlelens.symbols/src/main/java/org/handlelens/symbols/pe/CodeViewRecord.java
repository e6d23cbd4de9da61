package org.handlelens.symbols.pe;

import org.handlelens.symbols.PdbIdentity;

import java.util.UUID;

/**
 * The CodeView debug record of an image: RSDS (GUID) or legacy NB10 (signature).
 *
 * @param format    "RSDS" or "NB10"
 * @param guid      RSDS GUID; for NB10 {@code null}
 * @param signature NB10 time-stamp signature; 0 for RSDS
 * @param age       the age
 * @param pdbPath   PDB path as given to the linker
 */
public record CodeViewRecord(String format, UUID guid, long signature, long age, String pdbPath) {
    /** The symbol-server identity of the matching PDB (RSDS only). */
    public PdbIdentity pdbIdentity() {
        if (guid == null) {
            throw new IllegalStateException("NB10 records have no GUID; key is " + nb10Key());
        }
        return PdbIdentity.fromPath(pdbPath, guid, age);
    }

    /** NB10 symbol key {@code %08X(Signature)%X(Age)}. */
    public String nb10Key() {
        return String.format("%08X%X", signature, age);
    }
}
