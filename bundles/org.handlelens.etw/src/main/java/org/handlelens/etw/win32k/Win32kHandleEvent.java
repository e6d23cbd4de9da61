package org.handlelens.etw.win32k;

/**
 * A Microsoft-Windows-Win32k CreateHandle or DestroyHandle event of task GdiHandleOperation or
 * UserHandleOperation (template {@code UserHandleOperationCreateHandleArgs}, see {@link Win32kDecoders}).
 *
 * @param family         GDI or USER, from the event's task
 * @param create         true for CreateHandle (opcode 28), false for DestroyHandle (opcode 29)
 * @param handleValue    HandleValue (win:Pointer, zero-extended from 32 bits in 32-bit records)
 * @param handleType     HandleType (win:UInt32) as logged; the manifest gives it no value map
 * @param sessionId      SessionId
 * @param ownerProcessId OwnerProcessId: the process the handle is charged to
 */
public record Win32kHandleEvent(Win32kHandleFamily family, boolean create, long handleValue, int handleType,
        int sessionId, int ownerProcessId) {

    /**
     * The handle type as HandleLens names it: family and the raw HandleType number, e.g. {@code "GDI Type#5"},
     * because the manifest defines no value map for HandleType (the same {@code Type#N} form the importer uses
     * for kernel types whose name is unknown).
     */
    public String typeName() {
        return family.label() + " Type#" + Integer.toUnsignedString(handleType);
    }
}
