package org.handlelens.windbg.parse;

import java.util.List;

/**
 * One handle as {@code !handle} lists it. Fields the listing does not print are null (lists empty).
 *
 * @param owner                  the process whose handle table holds it (null when the log does not say)
 * @param listing                kernel or user-mode format
 * @param handleValue            handle value
 * @param objectAddress          {@code Object:}
 * @param grantedAccess          {@code GrantedAccess} mask
 * @param grantedAccessRights    decoded rights user-mode prints under {@code GrantedAccess}, e.g. "Synch"
 * @param entryFlags             kernel entry flags in parentheses: "Inherit", "Protected", "Audit"
 * @param entryAddress           kernel {@code Entry:} address
 * @param typeName               object type ("File", "KeyedEvent")
 * @param typeObjectAddress      kernel {@code Type: (8a5258b8)} address
 * @param objectHeaderAddress    kernel {@code ObjectHeader:}
 * @param objectHandleCount      the object's {@code HandleCount}
 * @param objectPointerCount     the object's {@code PointerCount}
 * @param directoryObjectAddress kernel {@code Directory Object:}
 * @param name                   object name (may contain spaces and braces); null for none / {@code <none>}
 * @param attributes             user-mode {@code Attributes}
 * @param objectInfo             user-mode "Object Specific Information" lines, trimmed
 * @param kernelHandleTable      true when listed from the kernel handle table ("Kernel ... handle table")
 * @param lineNumber             1-based line where the entry starts
 */
public record WinDbgHandle(ProcessRef owner, HandleListing listing, long handleValue, Long objectAddress,
        Long grantedAccess, List<String> grantedAccessRights, List<String> entryFlags, Long entryAddress,
        String typeName, Long typeObjectAddress, Long objectHeaderAddress, Long objectHandleCount,
        Long objectPointerCount, Long directoryObjectAddress, String name, Long attributes, List<String> objectInfo,
        boolean kernelHandleTable, int lineNumber) {

    public WinDbgHandle {
        grantedAccessRights = List.copyOf(grantedAccessRights);
        entryFlags = List.copyOf(entryFlags);
        objectInfo = List.copyOf(objectInfo);
    }
}
