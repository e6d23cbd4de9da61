package org.handlelens.model;

import java.util.Objects;

/**
 * One handle lifetime as an importer reports it (input to {@link HandleModelBuilder#addHandle}).
 * Semantics follow WPA: closing process Unknown (-1) and no close time means the handle was still
 * open when the trace ended ("outstanding"); creating process Unknown and no create time means it
 * existed before the trace started ("pre-existing"). A WinDbg {@code !handle} snapshot row is open
 * at snapshot time: creating and closing process both Unknown, no times.
 *
 * @param owningProcessKey       key of the process whose handle table holds the handle
 * @param handleValue            handle value
 * @param objectAddress          kernel object address, -1 when unknown
 * @param typeName               object type ("File", "Key", ...); never null ("" when unknown)
 * @param objectName             object name, null when none/unknown
 * @param grantedAccess          ACCESS_MASK, -1 when unknown
 * @param attributes             handle attributes text such as "Inherit" or "Protect", null when none
 * @param creatingProcessKey     process that created the handle, -1 = Unknown
 * @param closingProcessKey      process that closed it, -1 = Unknown
 * @param createThreadId         creating thread id, -1 when unknown
 * @param createTimeNanos        nanoseconds since trace start, {@link ModelConstants#TIME_UNKNOWN} when unknown
 * @param closeTimeNanos         nanoseconds since trace start, {@link ModelConstants#TIME_UNKNOWN} when not closed/unknown
 * @param createStackId          stack id from {@link HandleModelBuilder#internStack}, {@link ModelConstants#NO_STACK}
 * @param closeStackId           stack id, {@link ModelConstants#NO_STACK}
 * @param duplicatedFromHandle   source handle value for DuplicateHandle, -1 when not a duplicate
 * @param duplicatedFromProcessKey source process key for DuplicateHandle, -1 when not a duplicate/unknown
 * @param detail                 WinDbg object detail, null when none
 */
public record HandleRecord(int owningProcessKey, long handleValue, long objectAddress, String typeName,
        String objectName, long grantedAccess, String attributes, int creatingProcessKey, int closingProcessKey,
        int createThreadId, long createTimeNanos, long closeTimeNanos, int createStackId, int closeStackId,
        long duplicatedFromHandle, int duplicatedFromProcessKey, HandleDetail detail) {

    /** Sentinel for unknown create/close times. */
    public static final long TIME_UNKNOWN = ModelConstants.TIME_UNKNOWN;
    /** Sentinel for "Unknown" creating/closing process. */
    public static final int UNKNOWN_PROCESS = ModelConstants.UNKNOWN_PROCESS;
    /** Sentinel for "no stack". */
    public static final int NO_STACK = ModelConstants.NO_STACK;

    public HandleRecord {
        Objects.requireNonNull(typeName, "typeName");
    }

    /** All fields except the WinDbg detail. */
    public HandleRecord(int owningProcessKey, long handleValue, long objectAddress, String typeName,
            String objectName, long grantedAccess, String attributes, int creatingProcessKey, int closingProcessKey,
            int createThreadId, long createTimeNanos, long closeTimeNanos, int createStackId, int closeStackId,
            long duplicatedFromHandle, int duplicatedFromProcessKey) {
        this(owningProcessKey, handleValue, objectAddress, typeName, objectName, grantedAccess, attributes,
                creatingProcessKey, closingProcessKey, createThreadId, createTimeNanos, closeTimeNanos, createStackId,
                closeStackId, duplicatedFromHandle, duplicatedFromProcessKey, null);
    }

    /**
     * A handle listed by a snapshot (WinDbg {@code !handle}): open at snapshot time, creator and
     * closer Unknown, no times, no stacks.
     */
    public static HandleRecord snapshot(int owningProcessKey, long handleValue, long objectAddress, String typeName,
            String objectName, long grantedAccess, String attributes, HandleDetail detail) {
        return new HandleRecord(owningProcessKey, handleValue, objectAddress, typeName, objectName, grantedAccess,
                attributes, UNKNOWN_PROCESS, UNKNOWN_PROCESS, -1, TIME_UNKNOWN, TIME_UNKNOWN, NO_STACK, NO_STACK, -1,
                UNKNOWN_PROCESS, detail);
    }

    /** Copy with another WinDbg detail. */
    public HandleRecord withDetail(HandleDetail newDetail) {
        return new HandleRecord(owningProcessKey, handleValue, objectAddress, typeName, objectName, grantedAccess,
                attributes, creatingProcessKey, closingProcessKey, createThreadId, createTimeNanos, closeTimeNanos,
                createStackId, closeStackId, duplicatedFromHandle, duplicatedFromProcessKey, newDetail);
    }
}
