package org.handlelens.symbols;

import java.util.Locale;
import java.util.Objects;
import java.util.UUID;

/**
 * What identifies a PDB on a symbol server: its file name (from the CodeView record or the ETW DbgID
 * event), GUID and age.
 *
 * @param pdbName file-name part of the PDB path, e.g. {@code ntdll.pdb}
 * @param guid    the RSDS GUID
 * @param age     the RSDS age (unsigned 32-bit)
 */
public record PdbIdentity(String pdbName, UUID guid, long age) {
    public PdbIdentity {
        Objects.requireNonNull(pdbName, "pdbName");
        Objects.requireNonNull(guid, "guid");
        if (age < 0 || age > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException("age out of u32 range: " + age);
        }
    }

    /** Builds the identity from a full PDB path as stored by the linker (Windows or POSIX separators). */
    public static PdbIdentity fromPath(String pdbPath, UUID guid, long age) {
        return new PdbIdentity(fileNamePart(pdbPath), guid, age);
    }

    /** Symbol-store key: upper-case GUID (N format) followed by the age in upper-case hex, no leading zeros. */
    public String key() {
        return Guids.toNHexUpper(guid) + Long.toHexString(age).toUpperCase(Locale.ROOT);
    }

    /** Relative store path {@code {pdb}/{KEY}/{pdb}} with forward slashes. */
    public String storePath() {
        return pdbName + "/" + key() + "/" + pdbName;
    }

    /** The last component of a Windows or POSIX path. */
    public static String fileNamePart(String path) {
        int cut = Math.max(path.lastIndexOf('\\'), path.lastIndexOf('/'));
        return path.substring(cut + 1);
    }

    @Override
    public String toString() {
        return storePath();
    }
}
