package org.handlelens.model;

/**
 * Object details a WinDbg {@code !handle} listing prints per handle. Stored in a sparse side table
 * (most ETL rows have none). All fields -1 when not given.
 *
 * @param objectHandleCount  the object's HandleCount
 * @param objectPointerCount the object's PointerCount
 * @param objectHeaderAddress ObjectHeader address
 * @param entryAddress        handle table entry address ("Entry:")
 * @param typeObjectAddress   address of the type object ("Type: (8a5258b8) KeyedEvent")
 * @param directoryObjectAddress address of the directory object holding the name
 */
public record HandleDetail(long objectHandleCount, long objectPointerCount, long objectHeaderAddress,
        long entryAddress, long typeObjectAddress, long directoryObjectAddress) {

    /** Detail with no field known. */
    public static final HandleDetail NONE = new HandleDetail(-1, -1, -1, -1, -1, -1);

    /** True when no field is known. */
    public boolean isEmpty() {
        return equals(NONE);
    }
}
