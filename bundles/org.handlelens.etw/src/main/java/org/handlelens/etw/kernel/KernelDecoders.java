package org.handlelens.etw.kernel;

import java.util.UUID;

/**
 * Payload decoders for the classic kernel events HandleLens needs. Each method reads one
 * payload through a bounds-checked {@link Payload} (pointer size taken from it) and throws
 * {@link MalformedPayloadException} when the bytes do not fit the layout.
 */
public final class KernelDecoders {
    /** ImageID task GUID of KernelTraceControl (FULL-header events, opcode 0 ImageID, 36 DbgID_RSDS). */
    public static final UUID IMAGE_ID_GUID = UUID.fromString("b3e675d7-2554-4f18-830b-2762732560de");
    public static final int OPCODE_IMAGE_ID = 0;
    public static final int OPCODE_DBGID_RSDS = 36;

    public static final int GROUP_HEADER = 0x00;
    public static final int GROUP_PROCESS = 0x03;
    public static final int GROUP_THREAD = 0x05;
    public static final int GROUP_OBJECT = 0x11;
    public static final int GROUP_IMAGE = 0x14;
    public static final int GROUP_STACKWALK = 0x18;

    private KernelDecoders() {
    }

    /**
     * Process events (Start/End/DCStart/DCEnd/Defunct), every version the kernel MOF defines; null for opcodes
     * without a lifecycle kind. Layouts (dissect.etl manifest {3d6fa8d0-...}.xml, TraceEvent
     * KernelTraceEventParser.cs ProcessTraceData):
     * <ul>
     * <li>V0: ProcessId ptr, ParentId ptr, UserSID, ImageFileName (no key, session, command line)</li>
     * <li>V1: PageDirectoryBase ptr, ProcessId, ParentId, SessionId, ExitStatus, UserSID, ImageFileName</li>
     * <li>V2: UniqueProcessKey ptr, ProcessId, ParentId, SessionId, ExitStatus, UserSID, ImageFileName, CommandLine</li>
     * <li>V3: V2 + DirectoryTableBase ptr before the SID; V4: V3 + Flags before the SID, PackageFullName and
     * ApplicationId after the command line; V5 (Defunct): V4 + ExitTime u64</li>
     * </ul>
     * Versions above 5 are read with the V5 rules: kernel MOF versions only append fields, so the known prefix
     * is decoded and the rest ignored (TraceEvent asserts only a minimum length for Version &gt; 5).
     */
    public static ProcessEvent process(Payload p, int opcode, int version) {
        LifecycleKind kind = LifecycleKind.ofOpcode(opcode);
        if (kind == null || opcode == 10) {
            return null;
        }
        int ps = p.pointerSize();
        long key = -1; // V0/V1 carry no UniqueProcessKey: -1 = unknown, as the model's ProcessRecord uses it
        int pid;
        int parent;
        int session = 0;
        int exit = 0;
        long dtb = 0;
        int flags = 0;
        int sidOff;
        if (version == 0) {
            pid = (int) p.ptr(0); // V0 ProcessId/ParentId are pointer-sized (ULONG_PTR in the V0 MOF)
            parent = (int) p.ptr(ps);
            sidOff = 2 * ps;
        } else {
            if (version == 1) {
                dtb = p.ptr(0); // V1 PageDirectoryBase where later versions have UniqueProcessKey
            } else {
                key = p.ptr(0);
            }
            pid = p.i32(ps);
            parent = p.i32(ps + 4);
            session = p.i32(ps + 8);
            exit = p.i32(ps + 12);
            if (version <= 2) {
                sidOff = ps + 16;
            } else {
                dtb = p.ptr(ps + 16);
                if (version >= 4) {
                    flags = p.i32(2 * ps + 16);
                    sidOff = 2 * ps + 20;
                } else {
                    sidOff = 2 * ps + 16;
                }
            }
        }
        String sid;
        int off;
        if (p.i32(sidOff) == 0) {
            sid = ""; // TraceEvent.cs SkipSID: a NULL TOKEN_USER pointer occupies 4 bytes
            off = sidOff + 4;
        } else {
            int s = sidOff + 2 * ps; // TOKEN_USER {PSID Sid; DWORD Attributes} padded to 2*P
            int n = p.u8(s + 1);
            StringBuilder sb = new StringBuilder("S-").append(p.u8(s)).append('-');
            long auth = 0;
            for (int i = 0; i < 6; i++) {
                auth = auth << 8 | p.u8(s + 2 + i);
            }
            sb.append(auth);
            for (int i = 0; i < n; i++) {
                sb.append('-').append(p.u32(s + 8 + 4 * i));
            }
            sid = sb.toString();
            off = s + 8 + 4 * n;
        }
        String image = p.cstring(off);
        off += p.cstringBytes(off);
        String cmd = "";
        String pkg = "";
        String app = "";
        long exitTime = 0;
        if (version >= 2) {
            cmd = p.wstring(off);
            off += p.wstringBytes(off);
        }
        if (version >= 4) {
            pkg = p.wstring(off);
            off += p.wstringBytes(off);
            app = p.wstring(off);
            off += p.wstringBytes(off);
            if (version >= 5 && p.length() - off >= 8) {
                exitTime = p.i64(off);
            }
        }
        return new ProcessEvent(kind, version, key, pid, parent, session, exit, dtb, flags, sid, image, cmd, pkg, app,
                exitTime);
    }

    /**
     * Thread Start/End/DCStart/DCEnd (opcodes 1..4). V0 is {ThreadId, ProcessId}; V1 and later start with
     * {ProcessId, ThreadId} (dissect.etl manifest {3d6fa8d1-...}.xml Thread_V0_TypeGroup1; TraceEvent
     * ThreadTraceData "if (Version &gt;= 1) return GetInt32At(4)" for the thread id). V3+ may end with a
     * ThreadName wstring at 7P+16 after SubProcessTag and four priority bytes (V4 template; TraceEvent
     * reads it for Version &gt;= 3 when the payload is long enough).
     */
    public static ThreadEvent thread(Payload p, int opcode, int version) {
        LifecycleKind kind = LifecycleKind.ofOpcode(opcode);
        if (kind == null || opcode > 4) {
            return null;
        }
        int nameOff = 7 * p.pointerSize() + 16;
        String name = version >= 3 && p.length() > nameOff ? p.wstring(nameOff) : "";
        return version == 0 ? new ThreadEvent(kind, version, p.i32(4), p.i32(0), name)
                : new ThreadEvent(kind, version, p.i32(0), p.i32(4), name);
    }

    /**
     * Image Load (0x030A, and 0x140A as logged before Vista) / Unload (2) / DCStart (3) / DCEnd (4); null for
     * other opcodes. Layouts (dissect.etl manifest {2cb15d1d-...}.xml, TraceEvent ImageLoadTraceData):
     * <ul>
     * <li>V0: BaseAddress ptr, ModuleSize u32, FileName (no process id: 0)</li>
     * <li>V1: ImageBase ptr, ImageSize ptr, ProcessId, FileName at 2P+4</li>
     * <li>V2: + ImageChecksum, TimeDateStamp, Reserved0 u32, DefaultBase ptr, Reserved1..4, FileName at 3P+32</li>
     * <li>V3: V2 with SignatureLevel u8, SignatureType u8, Reserved0 u16 in place of the u32</li>
     * </ul>
     */
    public static ImageEvent image(Payload p, int opcode, int version) {
        LifecycleKind kind = LifecycleKind.ofOpcode(opcode);
        if (kind == null || kind == LifecycleKind.DEFUNCT || opcode == 1) {
            return null;
        }
        int ps = p.pointerSize();
        long base = p.ptr(0);
        if (version == 0) {
            return new ImageEvent(kind, version, base, p.u32(ps), 0, 0, 0, 0, 0, 0, p.wstring(ps + 4));
        }
        long size = p.ptr(ps);
        int pid = p.i32(2 * ps);
        if (version == 1) {
            return new ImageEvent(kind, version, base, size, pid, 0, 0, 0, 0, 0, p.wstring(2 * ps + 4));
        }
        int checksum = p.i32(2 * ps + 4);
        int tds = p.i32(2 * ps + 8);
        int sigLevel = version >= 3 ? p.u8(2 * ps + 12) : 0;
        int sigType = version >= 3 ? p.u8(2 * ps + 13) : 0;
        long defaultBase = p.ptr(2 * ps + 16);
        String name = p.wstring(3 * ps + 32);
        return new ImageEvent(kind, version, base, size, pid, checksum, tds, sigLevel, sigType, defaultBase, name);
    }

    /** StackWalk Stack (0x1820). */
    public static StackWalkEvent stack(Payload p) {
        return stack(p, null);
    }

    /** StackWalk Stack (0x1820), frames in an array of {@code reuse} (null: a new array). */
    public static StackWalkEvent stack(Payload p, FrameArrays reuse) {
        long ts = p.i64(0);
        int pid = p.i32(8);
        int tid = p.i32(12);
        int ps = p.pointerSize();
        int n = Math.max(0, (p.length() - 16) / ps);
        long[] frames = reuse == null ? new long[n] : reuse.get(n);
        p.ptrs(16, frames);
        return new StackWalkEvent(ts, pid, tid, frames);
    }

    /** StackKeyKernel (37) / StackKeyUser (38). */
    public static StackKeyReference stackKeyReference(Payload p, int opcode) {
        return new StackKeyReference(opcode == 38, p.i64(0), p.i32(8), p.i32(12), p.ptr(16));
    }

    /** KeyCreate (34) / KeyDelete (35) / KeyRundown (36): key then frames. */
    public static StackKeyDefinition stackKeyDefinition(Payload p, int opcode) {
        return stackKeyDefinition(p, opcode, null);
    }

    /** KeyCreate / KeyDelete / KeyRundown, frames in an array of {@code reuse} (null: a new array). */
    public static StackKeyDefinition stackKeyDefinition(Payload p, int opcode, FrameArrays reuse) {
        int ps = p.pointerSize();
        long key = p.ptr(0);
        int n = Math.max(0, p.length() / ps - 1);
        long[] frames = reuse == null ? new long[n] : reuse.get(n);
        p.ptrs(ps, frames);
        return new StackKeyDefinition(opcode, key, frames);
    }

    /** CreateHandle (32) / CloseHandle (33); a name is read at P+6 only when the payload is longer than the struct. */
    public static HandleEvent handle(Payload p, int opcode) {
        int ps = p.pointerSize();
        long object = p.ptr(0);
        int handle = p.i32(ps);
        int type = p.u16(ps + 4);
        int structSize = ps == 8 ? 16 : 12;
        String name = p.length() > structSize ? p.wstring(ps + 6) : "";
        return new HandleEvent(opcode == 32, object, handle, type, name);
    }

    /** DuplicateHandle (34); SourceProcessId present when the payload has room for it (v3+). */
    public static DuplicateHandleEvent duplicateHandle(Payload p) {
        int ps = p.pointerSize();
        int srcPid = p.length() >= ps + 18 ? p.i32(ps + 14) : -1;
        return new DuplicateHandleEvent(p.ptr(0), p.i32(ps), p.i32(ps + 4), p.i32(ps + 8), p.u16(ps + 12), srcPid);
    }

    /** TypeDCStart (36) / TypeDCEnd (37). */
    public static ObjectTypeEvent objectType(Payload p, int opcode) {
        return new ObjectTypeEvent(opcode == 36, p.u16(0), p.wstring(4));
    }

    /** HandleDCStart (38) / HandleDCEnd (39): pack(1) struct Object, ProcessId, Handle, ObjectType, Name. */
    public static HandleRundownEvent handleRundown(Payload p, int opcode) {
        int ps = p.pointerSize();
        return new HandleRundownEvent(opcode == 38, p.ptr(0), p.i32(ps), p.i32(ps + 4), p.u16(ps + 8),
                p.wstring(ps + 10));
    }

    /** CreateObject (48) / DeleteObject (49). */
    public static ObjectLifetimeEvent objectLifetime(Payload p, int opcode) {
        return new ObjectLifetimeEvent(opcode == 48, p.ptr(0), p.u16(p.pointerSize()));
    }

    /** ReferenceObject (50) / DereferenceObject (51). */
    public static ObjectReferenceEvent objectReference(Payload p, int opcode) {
        int ps = p.pointerSize();
        return new ObjectReferenceEvent(opcode == 50, p.ptr(0), p.i32(ps), p.i32(ps + 4));
    }

    /** KernelTraceControl ImageID (opcode 0). */
    public static ImageIdEvent imageId(Payload p) {
        int ps = p.pointerSize();
        return new ImageIdEvent(p.ptr(0), p.ptr(ps), p.i32(2 * ps), p.i32(2 * ps + 4), p.wstring(2 * ps + 8));
    }

    /** KernelTraceControl DbgID_RSDS (opcode 36). */
    public static DbgIdRsdsEvent dbgIdRsds(Payload p) {
        int ps = p.pointerSize();
        UUID guid = new UUID(p.guidMsb(ps + 4), p.guidLsb(ps + 4));
        return new DbgIdRsdsEvent(p.ptr(0), p.i32(ps), guid, p.i32(ps + 20), p.cstring(ps + 24));
    }
}
