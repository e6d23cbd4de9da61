package org.handlelens.symbols.pe;

/**
 * IMAGE_DEBUG_DIRECTORY entry.
 *
 * @param type             IMAGE_DEBUG_TYPE_* (2 = CodeView)
 * @param timeDateStamp    entry time stamp
 * @param sizeOfDataBytes  size of the data
 * @param addressOfRawData RVA of the data
 * @param pointerToRawData file offset of the data
 */
public record DebugDirectoryEntry(int type, long timeDateStamp, long sizeOfDataBytes, long addressOfRawData,
                                  long pointerToRawData) {
    /** IMAGE_DEBUG_TYPE_CODEVIEW. */
    public static final int TYPE_CODEVIEW = 2;
}
