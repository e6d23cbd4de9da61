package org.handlelens.etw.writer;

import java.util.List;

import org.handlelens.etw.win32k.Win32kDecoders;
import org.handlelens.etw.win32k.Win32kHandleFamily;

/**
 * Writes Microsoft-Windows-Win32k HandleOperation events as Windows 10 18990's manifest defines them
 * (see {@link Win32kDecoders}): event ids, task, opcode, keyword and the UserHandleOperationCreateHandleArgs
 * payload, with optional extended data items (stacks).
 */
public final class Win32kEvents {
    /** Level win:Informational, as every HandleOperation event of the manifest. */
    private static final int LEVEL_INFORMATIONAL = 4;

    private final EtlTraceWriter writer;
    private final int recordPointerSize;

    /** Events with the given record pointer size (EVENT_HEADER32 for 4, EVENT_HEADER64 for 8). */
    public Win32kEvents(EtlTraceWriter writer, int recordPointerSize) {
        this.writer = writer;
        this.recordPointerSize = recordPointerSize;
    }

    /**
     * Appends a CreateHandle (opcode 28), DestroyHandle (29) or UpdateHandleOwner (30) event of the family's task.
     * The header's pid/tid are the calling thread's.
     */
    public void handleOperation(int cpu, Win32kHandleFamily family, int opcode, int pid, int tid, long ts,
            long handleValue, int handleType, int sessionId, int ownerProcessId, List<ExtendedItem> items) {
        boolean gdi = family == Win32kHandleFamily.GDI;
        // ids: USER 452 + (opcode - 28), GDI 455 + (opcode - 28)
        int id = (gdi ? 455 : 452) + opcode - Win32kDecoders.OPCODE_CREATE_HANDLE;
        EventDescriptor d = new EventDescriptor(id, 0, 0, LEVEL_INFORMATIONAL, opcode,
                gdi ? Win32kDecoders.TASK_GDI_HANDLE_OPERATION : Win32kDecoders.TASK_USER_HANDLE_OPERATION,
                gdi ? 0x10000000000L : 0x20000000000L);
        byte[] payload = new PayloadBuilder(recordPointerSize).ptr(handleValue).u32(handleType).u32(sessionId)
                .u32(ownerProcessId).toBytes();
        writer.eventHeader(cpu, recordPointerSize, Win32kDecoders.PROVIDER, d, pid, tid, ts, items, payload);
    }
}
