package org.handlelens.etw.writer;

import java.io.IOException;
import java.nio.file.Path;
import java.util.UUID;

/**
 * A deterministic handle-leak trace: rundown, a process that creates, duplicates, leaks and
 * closes handles (with plain stacks, deferred user fragments and cached stack keys), exits with a
 * teardown close, PID reuse, kernel handles, filler traffic spread over two CPUs, and the type /
 * handle rundown at the end. See {@code EtlModelSourceTest} for the expected model.
 */
public final class HandleScenario {
    public static final UUID IMAGE_ID = UUID.fromString("b3e675d7-2554-4f18-830b-2762732560de");
    public static final UUID PDB_GUID = UUID.fromString("1b2a6f4c-1e7d-4b0a-9c3e-0123456789ab");
    public static final int FILLER_PAIRS = 300;
    public static final int PROCESS = 0x03, THREAD = 0x05, OBJECT = 0x11, IMAGE = 0x14, STACK = 0x18;

    private HandleScenario() {
    }

    /** Kernel-mode address of the traced machine. */
    public static long k(int p, int i) {
        return p == 8 ? 0xFFFFF80000100000L + i * 0x10L : 0x80100000L + i * 0x10L;
    }

    /** User-mode address. */
    public static long u(int p, int i) {
        return (p == 8 ? 0x00007FF600001000L : 0x00401000L) + i * 0x10L;
    }

    public static long obj(int p, int i) {
        return p == 8 ? 0xFFFFC28300000000L + i * 0x40L : 0x85000000L + i * 0x40L;
    }

    public static final long LEAKY_BASE_8 = 0x00007FF600000000L, LEAKY_BASE_4 = 0x00400000L;

    public static EtlTraceWriter build(int p, boolean compressed) {
        EtlTraceWriter w = new EtlTraceWriter(p, 2, 4096, 5_000_000L);
        if (compressed) {
            w.compressed();
        }
        KernelPayloads kp = new KernelPayloads(p);
        final int SYS = EtlTraceWriter.SYSTEM, PI = EtlTraceWriter.PERFINFO, CO = EtlTraceWriter.COMPACT;
        long ms = 1_000_000L;
        long kernelBase = p == 8 ? 0xFFFFF80000000000L : 0x80400000L;
        long leakyBase = p == 8 ? LEAKY_BASE_8 : LEAKY_BASE_4;
        // start rundown (cpu 0)
        w.kernel(0, PI, PROCESS, 3, 4, -1, -1, w.ts(1 * ms), kp.process(4, p == 8 ? 0xFFFFFA830007E4C0L : 0x8A5295F0L,
                4, 0, -1, 259, 0x187000, 4, null, "System", "", 0));
        w.kernel(0, PI, PROCESS, 3, 4, -1, -1, w.ts(1 * ms + 100_000), kp.process(4, obj(p, 100), 1000, 900, 1, 259,
                0x1000, 0, "S-1-5-21-1-2-3-1001", "explorer.exe", "C:\\Windows\\explorer.exe", 0));
        w.kernel(0, PI, IMAGE, 3, 3, -1, -1, w.ts(1 * ms + 200_000), kp.image(kernelBase, 0x800000, 0, 0x7A1234,
                0x5F000000, "\\SystemRoot\\system32\\ntoskrnl.exe"));
        w.kernel(1, SYS, THREAD, 3, 3, 1000, 1004, w.ts(2 * ms), kp.thread(1000, 1004));
        // leaky.exe starts and loads its image
        w.kernel(1, SYS, PROCESS, 1, 4, 1000, 1004, w.ts(5 * ms), kp.process(4, obj(p, 101), 2000, 1000, 1, 259,
                0x2000, 0, "S-1-5-21-1-2-3-1001", "leaky.exe", "leaky.exe --leak", 0));
        w.kernel(1, SYS, PROCESS, 10, 3, 2000, 2004, w.ts(5 * ms + 500_000), kp.image(leakyBase, 0x9000, 2000,
                0x1234, 0x5C9E0959, "\\Device\\HarddiskVolume3\\app\\leaky.exe"));
        w.full(1, IMAGE_ID, 0, 2, 2000, 2004, w.ts(5 * ms + 500_000), kp.imageId(leakyBase, 0x9000, 2000, 0x5C9E0959,
                "leaky.exe"));
        w.full(1, IMAGE_ID, 36, 2, 2000, 2004, w.ts(5 * ms + 500_000), kp.dbgIdRsds(leakyBase, 2000, PDB_GUID, 5,
                "D:\\build\\leaky.pdb"));
        // a) 0x40: kernel-only stack now, user fragment later on the same thread
        long t6 = w.ts(6 * ms);
        w.kernel(1, SYS, OBJECT, 32, 2, 2000, 2004, t6, kp.handle(obj(p, 1), 0x40, 16));
        w.kernel(1, PI, STACK, 32, 2, -1, -1, t6, kp.stack(t6, 2000, 2004, k(p, 1), k(p, 2)));
        long t6b = w.ts(6 * ms + 10_000);
        w.kernel(1, PI, STACK, 32, 2, -1, -1, t6b, kp.stack(t6b, 2000, 2004, u(p, 1), u(p, 2)));
        // b) 0x44: stack given as cached keys (defined at the end)
        long t7 = w.ts(7 * ms);
        w.kernel(0, CO, OBJECT, 32, 2, 2000, 2008, t7, kp.handle(obj(p, 2), 0x44, 16));
        w.kernel(0, PI, STACK, 37, 2, -1, -1, t7, kp.stackKeyRef(t7, 2000, 2008, 0x111));
        w.kernel(0, PI, STACK, 38, 2, -1, -1, t7, kp.stackKeyRef(t7, 2000, 2008, 0x222));
        // a) closed with a full kernel+user stack
        long t8 = w.ts(8 * ms);
        w.kernel(1, SYS, OBJECT, 33, 2, 2000, 2004, t8, kp.handle(obj(p, 1), 0x40, 16));
        w.kernel(1, PI, STACK, 32, 2, -1, -1, t8, kp.stack(t8, 2000, 2004, k(p, 3), u(p, 3)));
        // c) 0x48 closed, never created in the trace
        w.kernel(0, SYS, OBJECT, 33, 2, 2000, 2008, w.ts(9 * ms), kp.handle(obj(p, 3), 0x48, 16));
        // d) duplicate of 0x44 into System as kernel handle
        w.kernel(1, SYS, OBJECT, 34, 3, 2000, 2004, w.ts(10 * ms), kp.duplicate(obj(p, 2), 0x44, 0x80000010, 4, 16,
                2000));
        // e) kernel handle created by leaky's thread → System's table
        w.kernel(0, SYS, OBJECT, 32, 2, 2000, 2008, w.ts(11 * ms), kp.handle(obj(p, 4), 0x80000020, 7));
        // leaky exits; teardown close of 0x44 after its End event
        w.kernel(1, SYS, PROCESS, 2, 4, 2000, 2004, w.ts(12 * ms), kp.process(4, obj(p, 101), 2000, 1000, 1, 0,
                0x2000, 0, "S-1-5-21-1-2-3-1001", "leaky.exe", "leaky.exe --leak", 0));
        w.kernel(1, SYS, OBJECT, 33, 2, 2000, 2004, w.ts(12 * ms + 500_000), kp.handle(obj(p, 2), 0x44, 16));
        // PID reuse: other.exe gets pid 2000 and leaks 0x40
        w.kernel(0, SYS, PROCESS, 1, 4, 1000, 1004, w.ts(20 * ms), kp.process(4, obj(p, 102), 2000, 1000, 1, 259,
                0x3000, 0, null, "other.exe", "other.exe", 0));
        w.kernel(0, SYS, OBJECT, 32, 2, 2000, 2100, w.ts(21 * ms), kp.handle(obj(p, 5), 0x40, 16));
        // filler: explorer opens and closes events on both CPUs, threads start/stop
        for (int i = 0; i < FILLER_PAIRS; i++) {
            int cpu = i % 2;
            long t = w.ts(30 * ms + i * 100_000L);
            int h = 0x1000 + 4 * i;
            w.kernel(cpu, SYS, OBJECT, 32, 2, 1000, 1004 + cpu, t, kp.handle(obj(p, 1000 + i), h, 16));
            w.kernel(cpu, SYS, OBJECT, 33, 2, 1000, 1004 + cpu, t + 100, kp.handle(obj(p, 1000 + i), h, 16));
            if (i % 10 == 0) {
                w.kernel(cpu, SYS, THREAD, 1, 3, 1000, 1004 + cpu, t + 200, kp.thread(1000, 5000 + i));
                w.kernel(cpu, SYS, THREAD, 2, 3, 1000, 5000 + i, t + 300, kp.thread(1000, 5000 + i));
            }
        }
        // end rundown (cpu 0): types, open handles, stack key definitions, processes, images
        long te = 100 * ms;
        w.kernel(0, PI, OBJECT, 37, 2, -1, -1, w.ts(te), kp.typeName(16, "Event"));
        w.kernel(0, PI, OBJECT, 37, 2, -1, -1, w.ts(te + 1000), kp.typeName(7, "Process"));
        w.kernel(0, PI, OBJECT, 39, 2, -1, -1, w.ts(te + 2000), kp.handleRundown(obj(p, 6), 1000, 0x100, 16,
                "\\BaseNamedObjects\\foo"));
        w.kernel(0, PI, OBJECT, 39, 2, -1, -1, w.ts(te + 3000), kp.handleRundown(obj(p, 5), 2000, 0x40, 16,
                "\\Sessions\\1\\x"));
        w.kernel(0, PI, STACK, 36, 2, -1, -1, w.ts(te + 4000), kp.stackKeyDef(0x111, k(p, 4), k(p, 5)));
        w.kernel(0, PI, STACK, 36, 2, -1, -1, w.ts(te + 5000), kp.stackKeyDef(0x222, u(p, 4)));
        w.kernel(0, PI, PROCESS, 4, 4, -1, -1, w.ts(te + 6000), kp.process(4, obj(p, 100), 1000, 900, 1, 259, 0x1000,
                0, "S-1-5-21-1-2-3-1001", "explorer.exe", "C:\\Windows\\explorer.exe", 0));
        w.kernel(0, PI, PROCESS, 4, 4, -1, -1, w.ts(te + 7000), kp.process(4, obj(p, 102), 2000, 1000, 1, 259,
                0x3000, 0, null, "other.exe", "other.exe", 0));
        w.kernel(0, PI, IMAGE, 4, 3, -1, -1, w.ts(te + 8000), kp.image(kernelBase, 0x800000, 0, 0x7A1234,
                0x5F000000, "\\SystemRoot\\system32\\ntoskrnl.exe"));
        return w;
    }

    public static EtlTraceWriter write(Path file, int p, boolean compressed) throws IOException {
        EtlTraceWriter w = build(p, compressed);
        w.write(file);
        return w;
    }
}
