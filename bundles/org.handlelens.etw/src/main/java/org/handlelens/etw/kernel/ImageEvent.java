package org.handlelens.etw.kernel;

/**
 * Image load (0x030A), unload (0x1402) and rundown (0x1403/0x1404), versions 0 to 3 (fields a version lacks
 * are 0; V0 has no process id).
 *
 * @param processId 0 for kernel-mode images
 * @param fileName  NT path as logged
 */
public record ImageEvent(LifecycleKind kind, int version, long imageBase, long imageSize, int processId,
        int checksum, int timeDateStamp, int signatureLevel, int signatureType, long defaultBase, String fileName) {
}
