package org.handlelens.etw.win32k;

import java.util.UUID;

import org.handlelens.etw.header.EventRecordHeader;
import org.handlelens.etw.header.HeaderKind;
import org.handlelens.etw.kernel.MalformedPayloadException;
import org.handlelens.etw.kernel.Payload;

/**
 * Decoder of the Microsoft-Windows-Win32k handle events that WPR's "AllHandles" profile records
 * (keywords 0x10000000000 GDI, 0x20000000000 USER; Windows 10.0.18315+).
 *
 * <p>Facts from the provider manifest as dumped in repnz/etw-providers-docs @ 7f51cf04
 * ({@code Manifests-Win10-18990/Microsoft-Windows-Win32k.xml}; the 10240 and 17134 dumps have no such events):
 * <ul>
 * <li>task GdiHandleOperation = 442, UserHandleOperation = 443; opcodes CreateHandle 28, DestroyHandle 29,
 * UpdateHandleOwner 30, TransformHandle 31 (GDI only)</li>
 * <li>events, all version 0: USER 452 Create, 453 Destroy, 454 UpdateHandleOwner; GDI 455 Create, 456 Destroy,
 * 457 UpdateHandleOwner, 458 TransformHandle</li>
 * <li>452-457 use template UserHandleOperationCreateHandleArgs: HandleValue win:Pointer, HandleType win:UInt32,
 * SessionId win:UInt32, OwnerProcessId win:UInt32 (no value map on HandleType)</li>
 * <li>458 uses GdiHandleOperationTransformHandleArgs: PreviousHandleValue, NewHandleValue (pointers), then the
 * same three UInt32 (not decoded: counted and delivered as other)</li>
 * </ul>
 * Events are recognised by provider, task and opcode (what WPA's filter {@code [Task Name]:~>HandleOperation}
 * selects), not by id. Versions above 0 are read by the version-0 prefix.
 */
public final class Win32kDecoders {
    /** Microsoft-Windows-Win32k. */
    public static final UUID PROVIDER = UUID.fromString("8c416c79-d49b-4f01-a467-e56d3aa8234c");
    public static final int TASK_GDI_HANDLE_OPERATION = 442;
    public static final int TASK_USER_HANDLE_OPERATION = 443;
    public static final int OPCODE_CREATE_HANDLE = 28;
    public static final int OPCODE_DESTROY_HANDLE = 29;
    public static final int OPCODE_UPDATE_HANDLE_OWNER = 30;
    public static final int OPCODE_TRANSFORM_HANDLE = 31;

    private Win32kDecoders() {
    }

    /** True for any event of the two HandleOperation tasks of Microsoft-Windows-Win32k. */
    public static boolean isHandleOperation(EventRecordHeader h) {
        int task = h.task();
        return h.kind() == HeaderKind.EVENT_HEADER
                && (task == TASK_GDI_HANDLE_OPERATION || task == TASK_USER_HANDLE_OPERATION)
                && h.guidEquals(PROVIDER);
    }

    /**
     * Decodes a CreateHandle / DestroyHandle payload; null for the other opcodes (owner updates and GDI handle
     * transforms are not modelled).
     *
     * @param p    the payload, pointer size from the record's header type
     * @param task {@link #TASK_GDI_HANDLE_OPERATION} or {@link #TASK_USER_HANDLE_OPERATION}
     * @throws MalformedPayloadException if the payload is shorter than the four fields
     */
    public static Win32kHandleEvent handleOperation(Payload p, int task, int opcode) {
        if (opcode != OPCODE_CREATE_HANDLE && opcode != OPCODE_DESTROY_HANDLE) {
            return null;
        }
        int ps = p.pointerSize();
        long handle = p.ptr(0);
        int type = p.i32(ps);
        int session = p.i32(ps + 4);
        int owner = p.i32(ps + 8);
        Win32kHandleFamily family = task == TASK_GDI_HANDLE_OPERATION ? Win32kHandleFamily.GDI
                : Win32kHandleFamily.USER;
        return new Win32kHandleEvent(family, opcode == OPCODE_CREATE_HANDLE, handle, type, session, owner);
    }
}
