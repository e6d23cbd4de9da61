package org.handlelens.symbols.resolve;

import org.handlelens.symbols.ImageIdentity;
import org.handlelens.symbols.PdbIdentity;

import java.util.Locale;
import java.util.Objects;

/**
 * An image mapped into a process (from an ETW Image event or a module list).
 *
 * @param fileName    image file name, e.g. {@code ntdll.dll}
 * @param baseAddress load address
 * @param sizeBytes   mapped size (SizeOfImage)
 * @param image       symbol-store identity of the image, or {@code null} when unknown
 * @param pdb         PDB identity (from the RSDS record / DbgID event), or {@code null} when unknown
 */
public record LoadedModule(String fileName, long baseAddress, long sizeBytes, ImageIdentity image, PdbIdentity pdb) {
    public LoadedModule {
        Objects.requireNonNull(fileName, "fileName");
        if (sizeBytes <= 0) {
            throw new IllegalArgumentException("module size must be positive: " + sizeBytes);
        }
    }

    /** WinDbg-style module name: the file name without its extension ({@code ntdll}). */
    public String moduleName() {
        String n = PdbIdentity.fileNamePart(fileName);
        int dot = n.lastIndexOf('.');
        return dot > 0 ? n.substring(0, dot) : n;
    }

    /** True when the address falls inside the module. */
    public boolean contains(long address) {
        return Long.compareUnsigned(address, baseAddress) >= 0 && Long.compareUnsigned(address - baseAddress, sizeBytes) < 0;
    }

    /** Cache key: identities, not load addresses, decide whether two modules share symbols. */
    String symbolsKey() {
        if (pdb != null) {
            return "pdb:" + pdb.storePath().toLowerCase(Locale.ROOT);
        }
        if (image != null) {
            return "img:" + image.storePath().toLowerCase(Locale.ROOT);
        }
        return "name:" + fileName.toLowerCase(Locale.ROOT) + ":" + sizeBytes;
    }
}
