package org.handlelens.etw.writer;

import java.util.UUID;

/** Payload layouts of formats.md §3–§4, written for pointer size P. */
public final class KernelPayloads {
    private final int p;

    public KernelPayloads(int pointerSize) {
        this.p = pointerSize;
    }

    private PayloadBuilder b() {
        return new PayloadBuilder(p);
    }

    /**
     * Process event of {@code version} 0..5 (layouts as in {@code KernelDecoders.process}): V0 {pid ptr, parent
     * ptr, SID, image}; V1 {dtb ptr, pid, parent, session, exit, SID, image}; V2 {key ptr, ..., SID, image, cmd};
     * V3 adds dtb before the SID; V4 flags before the SID and two empty wstrings after cmd; V5 exitTimeFileTime.
     * sid null = no SID (4 zero bytes), else "S-1-5-21-..." with TOKEN_USER.
     */
    public byte[] process(int version, long key, int pid, int parentPid, int session, int exitStatus, long dtb,
            int flags, String sid, String image, String cmd, long exitTimeFileTime) {
        PayloadBuilder b = b();
        if (version == 0) {
            b.ptr(pid).ptr(parentPid);
        } else {
            b.ptr(version == 1 ? dtb : key).u32(pid).u32(parentPid).u32(session).u32(exitStatus);
            if (version >= 3) {
                b.ptr(dtb);
            }
            if (version >= 4) {
                b.u32(flags);
            }
        }
        if (sid == null) {
            b.u32(0);
        } else {
            String[] parts = sid.split("-");
            b.ptr(0x1234).ptr(0); // TOKEN_USER {PSID, Attributes} padded to 2P
            int n = parts.length - 3;
            b.u8(Integer.parseInt(parts[1])).u8(n);
            long auth = Long.parseLong(parts[2]);
            for (int i = 5; i >= 0; i--) {
                b.u8((int) (auth >>> (8 * i)));
            }
            for (int i = 0; i < n; i++) {
                b.u32(Long.parseLong(parts[3 + i]));
            }
        }
        b.cstring(image);
        if (version >= 2) {
            b.wstring(cmd);
        }
        if (version >= 4) {
            b.wstring("").wstring("");
        }
        if (version >= 5) {
            b.u64(exitTimeFileTime);
        }
        return b.toBytes();
    }

    /** Thread V3: ProcessId, ThreadId, 7 pointers, tag, priorities, empty name. */
    public byte[] thread(int pid, int tid) {
        return thread(3, pid, tid, "");
    }

    /**
     * Thread Start/End/DC payload of {@code version}: V0 {tid, pid}; V1 {pid, tid, 6 ptrs, WaitMode s8}; V2 {pid,
     * tid, 7 ptrs, SubProcessTag}; V3 V2 + 4 priority bytes + name (written as real x64 V3 records are: always,
     * usually empty); V4 the same. {@code name} null: V3 without the name (the 7P+16-byte form).
     */
    public byte[] thread(int version, int pid, int tid, String name) {
        if (version == 0) {
            return b().u32(tid).u32(pid).toBytes();
        }
        PayloadBuilder b = b().u32(pid).u32(tid);
        if (version == 1) {
            for (int i = 0; i < 6; i++) {
                b.ptr(0x1000 * (i + 1));
            }
            return b.u8(1).toBytes();
        }
        for (int i = 0; i < 7; i++) {
            b.ptr(0x1000 * (i + 1));
        }
        b.u32(0);
        if (version >= 3) {
            b.u8(8).u8(5).u8(2).u8(0);
            if (name != null) {
                b.wstring(name);
            }
        }
        return b.toBytes();
    }

    /** Image V3. */
    public byte[] image(long base, long size, int pid, int checksum, int timeDateStamp, String fileName) {
        return image(3, base, size, pid, checksum, timeDateStamp, fileName);
    }

    /**
     * Image Load/Unload/DC payload of {@code version}: V0 {base ptr, size u32, name}; V1 {base, size ptr, pid,
     * name}; V2 {base, size, pid, checksum, timeDateStamp, Reserved0 u32 (written 0xA5A5A5A5 so a reader that
     * takes signature bytes from it is caught), defaultBase, 4 x u32, name}; V3 as V2 with SignatureLevel 0x0C,
     * SignatureType 1 and u16 Reserved0.
     */
    public byte[] image(int version, long base, long size, int pid, int checksum, int timeDateStamp, String fileName) {
        PayloadBuilder b = b().ptr(base);
        if (version == 0) {
            return b.u32(size).wstring(fileName).toBytes();
        }
        b.ptr(size).u32(pid);
        if (version == 1) {
            return b.wstring(fileName).toBytes();
        }
        b.u32(checksum).u32(timeDateStamp);
        if (version == 2) {
            b.u32(0xA5A5A5A5L);
        } else {
            b.u8(0x0C).u8(1).u16(0);
        }
        return b.ptr(base).u32(0).u32(0).u32(0).u32(0).wstring(fileName).toBytes();
    }

    public byte[] stack(long eventTs, int pid, int tid, long... frames) {
        PayloadBuilder b = b().u64(eventTs).u32(pid).u32(tid);
        for (long f : frames) {
            b.ptr(f);
        }
        return b.toBytes();
    }

    public byte[] stackKeyRef(long eventTs, int pid, int tid, long key) {
        return b().u64(eventTs).u32(pid).u32(tid).ptr(key).toBytes();
    }

    public byte[] stackKeyDef(long key, long... frames) {
        PayloadBuilder b = b().ptr(key);
        for (long f : frames) {
            b.ptr(f);
        }
        return b.toBytes();
    }

    /** CreateHandle/CloseHandle: struct {PVOID Object; ULONG Handle; USHORT ObjectType} (sizeof 12/16). */
    public byte[] handle(long object, int handle, int type) {
        PayloadBuilder b = b().ptr(object).u32(handle).u16(type);
        return b.zeros((p == 8 ? 16 : 12) - b.size()).toBytes();
    }

    /** DuplicateHandle v3, pack(1). */
    public byte[] duplicate(long object, int srcHandle, int tgtHandle, int tgtPid, int type, int srcPid) {
        return b().ptr(object).u32(srcHandle).u32(tgtHandle).u32(tgtPid).u16(type).u32(srcPid).toBytes();
    }

    public byte[] typeName(int type, String name) {
        return b().u16(type).u16(0).wstring(name).toBytes();
    }

    /** HandleDCStart/End, pack(1). */
    public byte[] handleRundown(long object, int pid, int handle, int type, String name) {
        return b().ptr(object).u32(pid).u32(handle).u16(type).wstring(name).toBytes();
    }

    public byte[] imageId(long base, long size, int pid, int timeDateStamp, String originalName) {
        return b().ptr(base).ptr(size).u32(pid).u32(timeDateStamp).wstring(originalName).toBytes();
    }

    public byte[] dbgIdRsds(long base, int pid, UUID guid, int age, String pdb) {
        return b().ptr(base).u32(pid).guid(guid).u32(age).cstring(pdb).toBytes();
    }
}
