package org.handlelens.symbols;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * What identifies an executable image (exe/dll/sys) on a symbol server.
 *
 * @param fileName         image file name, e.g. {@code ntdll.dll}
 * @param timeDateStamp    COFF header TimeDateStamp (unsigned 32-bit)
 * @param sizeOfImageBytes optional-header SizeOfImage (unsigned 32-bit)
 */
public record ImageIdentity(String fileName, long timeDateStamp, long sizeOfImageBytes) {
    public ImageIdentity {
        Objects.requireNonNull(fileName, "fileName");
        if (timeDateStamp < 0 || timeDateStamp > 0xFFFF_FFFFL || sizeOfImageBytes < 0 || sizeOfImageBytes > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException("TimeDateStamp/SizeOfImage out of u32 range");
        }
    }

    /** SymStore key: TimeDateStamp as 8 upper-case hex digits followed by SizeOfImage in hex, unpadded. */
    public String key() {
        return String.format(Locale.ROOT, "%08X%x", timeDateStamp, sizeOfImageBytes);
    }

    /**
     * Alternative keys tried when the primary one is not found: upper-case size, and PerfView's unpadded
     * lower-case form (differs only when the timestamp is below 0x10000000).
     */
    public List<String> alternativeKeys() {
        LinkedHashSet<String> keys = new LinkedHashSet<>();
        keys.add(String.format(Locale.ROOT, "%08X%X", timeDateStamp, sizeOfImageBytes));
        keys.add(String.format(Locale.ROOT, "%x%x", timeDateStamp, sizeOfImageBytes));
        keys.add(String.format(Locale.ROOT, "%X%X", timeDateStamp, sizeOfImageBytes));
        keys.remove(key());
        return List.copyOf(keys);
    }

    /** Relative store path {@code {name}/{KEY}/{name}}. */
    public String storePath() {
        return fileName + "/" + key() + "/" + fileName;
    }

    @Override
    public String toString() {
        return storePath();
    }
}
