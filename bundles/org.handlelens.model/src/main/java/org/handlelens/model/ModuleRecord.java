package org.handlelens.model;

import java.util.UUID;

/**
 * An image loaded into a process; identity fields are nullable/-1 until a source or the symbolizer fills them.
 *
 * @param imageBase        load address
 * @param imageSizeBytes   size of the mapped image, -1 when unknown
 * @param path             file path as the trace gives it (device path or DOS path)
 * @param timeDateStamp    PE header TimeDateStamp, -1 when unknown
 * @param checksum         PE header checksum, -1 when unknown
 * @param pdbGuid          CodeView RSDS GUID, null when unknown
 * @param pdbAge           CodeView age, -1 when unknown
 * @param pdbName          PDB file name from the RSDS record, null when unknown
 * @param loadTimeNanos    nanoseconds since trace start, {@link ModelConstants#TIME_UNKNOWN} when loaded before
 * @param unloadTimeNanos  nanoseconds since trace start, {@link ModelConstants#TIME_UNKNOWN} when still loaded
 */
public record ModuleRecord(long imageBase, long imageSizeBytes, String path, long timeDateStamp, long checksum,
        UUID pdbGuid, int pdbAge, String pdbName, long loadTimeNanos, long unloadTimeNanos) {

    /** Module known by base, size and path only. */
    public static ModuleRecord of(long imageBase, long imageSizeBytes, String path) {
        return new ModuleRecord(imageBase, imageSizeBytes, path, -1, -1, null, -1, null,
                ModelConstants.TIME_UNKNOWN, ModelConstants.TIME_UNKNOWN);
    }

    /** True when {@code address} lies inside this image. */
    public boolean contains(long address) {
        return imageSizeBytes > 0 && Long.compareUnsigned(address, imageBase) >= 0
                && Long.compareUnsigned(address - imageBase, imageSizeBytes) < 0;
    }

    /** File name part of {@link #path()} (after the last / or \). */
    public String fileName() {
        if (path == null) {
            return "";
        }
        int cut = Math.max(path.lastIndexOf('\\'), path.lastIndexOf('/'));
        return path.substring(cut + 1);
    }
}
