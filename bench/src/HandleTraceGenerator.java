import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import org.handlelens.etw.writer.EtlTraceWriter;
import org.handlelens.etw.writer.KernelPayloads;

/**
 * Writes a handle-heavy ETL trace of about the requested size with {@link EtlTraceWriter} (streamed,
 * so any size): ~80 % of the events are handle creates/closes and their stack walks, the rest
 * process/thread/image lifecycle and filler (context-switch-like) events. About 40 processes run at
 * a time; processes exit and their pids are reused by new ones; three processes leak (they skip a
 * share of their closes); the others hover around a steady handle count. Deterministic for a seed.
 *
 * <p>Usage: {@code HandleTraceGenerator OUT.etl SIZE[k|m|g] [seed]}; prints the counts it wrote.
 */
public final class HandleTraceGenerator {
    private static final int PROCESS = 0x03, THREAD = 0x05, OBJECT = 0x11, IMAGE = 0x14, STACK = 0x18;
    private static final int P = 8, CPUS = 2;
    private static final String[] TYPES = {"Event", "File", "Key", "Section", "Mutant", "Semaphore", "Thread",
        "Token", "ALPC Port", "WaitCompletionPacket"};
    private static final int[] TYPE_INDEX = {16, 37, 44, 42, 17, 19, 8, 5, 46, 38};
    private static final String[] IMAGES = {"svchost.exe", "explorer.exe", "chrome.exe", "msedge.exe", "code.exe",
        "SearchHost.exe", "RuntimeBroker.exe", "dllhost.exe", "conhost.exe", "taskhostw.exe"};

    private final SplittableRandom rnd;
    private final EtlTraceWriter w = new EtlTraceWriter(P, CPUS, 64 * 1024, 5_000_000L);
    private final KernelPayloads kp = new KernelPayloads(P);
    private final long[][] stacks; // distinct create/close stacks (kernel part then user part)
    private long nowNanos = 1_000_000;
    private long nextKey = 0xFFFFC28300000000L;
    private long nextObject = 0xFFFFB30A00000000L;
    private int nextPidSlot;
    long handleEvents, stackEvents, otherEvents, processesStarted, pidReuses;

    /** One running process instance. */
    private final class Proc {
        final int pid;
        final long key;
        final String image;
        final boolean leaky;
        final int steady;
        final int[] tids = new int[4];
        final List<long[]> open = new ArrayList<>(); // {handle, object, typeSlot}
        int nextHandle = 0x40;
        final List<Integer> freeHandles = new ArrayList<>();

        Proc(int pid, String image, boolean leaky) {
            this.pid = pid;
            this.key = nextKey += 0x1000;
            this.image = image;
            this.leaky = leaky;
            this.steady = 50 + rnd.nextInt(400);
            for (int i = 0; i < tids.length; i++) {
                tids[i] = pid * 16 + 4 * (i + 1);
            }
        }
    }

    private HandleTraceGenerator(long seed) {
        rnd = new SplittableRandom(seed);
        stacks = new long[2000][];
        for (int i = 0; i < stacks.length; i++) {
            int k = 4 + rnd.nextInt(8), u = 6 + rnd.nextInt(20);
            long[] f = new long[k + u];
            for (int j = 0; j < k; j++) {
                f[j] = 0xFFFFF80000100000L + rnd.nextInt(1 << 20) * 0x10L;
            }
            for (int j = 0; j < u; j++) {
                f[k + j] = 0x00007FF600000000L + (long) rnd.nextInt(64) * 0x1000000L + rnd.nextInt(1 << 16) * 0x10L;
            }
            stacks[i] = f;
        }
    }

    private long tick() {
        nowNanos += 1_000 + rnd.nextInt(100_000);
        return w.ts(nowNanos);
    }

    private static int cpu(int tid) {
        return (tid >> 2) % CPUS;
    }

    private Proc start(int pid, boolean rundown) {
        boolean leaky = pid % 97 == 13 || pid % 97 == 41 || pid % 97 == 77; // three pid slots leak
        Proc p = new Proc(pid, IMAGES[rnd.nextInt(IMAGES.length)], leaky);
        int tid = p.tids[0];
        long ts = tick();
        w.kernel(cpu(tid), rundown ? EtlTraceWriter.PERFINFO : EtlTraceWriter.SYSTEM, PROCESS, rundown ? 3 : 1, 4,
                rundown ? -1 : 4, rundown ? -1 : 8, ts, kp.process(4, p.key, pid, 4, 1, 259, 0x1000, 0, null, p.image,
                        p.image, 0));
        w.kernel(cpu(tid), EtlTraceWriter.SYSTEM, PROCESS, 10, 3, pid, tid, ts, kp.image(0x00007FF600000000L,
                0x100000, pid, 0x1234, 0x5C9E0959, "\\Device\\HarddiskVolume3\\Windows\\" + p.image));
        for (int t : p.tids) {
            w.kernel(cpu(t), EtlTraceWriter.SYSTEM, THREAD, rundown ? 3 : 1, 3, pid, t, ts, kp.thread(pid, t));
        }
        otherEvents += 2 + p.tids.length;
        processesStarted++;
        return p;
    }

    private void create(Proc p) {
        int tid = p.tids[rnd.nextInt(p.tids.length)];
        int handle = p.freeHandles.isEmpty() ? (p.nextHandle += 4) : p.freeHandles.remove(p.freeHandles.size() - 1);
        int type = rnd.nextInt(rnd.nextInt(4) == 0 ? TYPES.length : 3);
        long object = nextObject += 0x40 + rnd.nextInt(16) * 0x10L;
        long ts = tick();
        w.kernel(cpu(tid), EtlTraceWriter.SYSTEM, OBJECT, 32, 2, p.pid, tid, ts, kp.handle(object, handle,
                TYPE_INDEX[type]));
        w.kernel(cpu(tid), EtlTraceWriter.PERFINFO, STACK, 32, 2, -1, -1, ts, kp.stack(ts, p.pid, tid,
                stacks[(p.pid * 7 + type * 31 + rnd.nextInt(40)) % stacks.length]));
        p.open.add(new long[] {handle, object, type});
        handleEvents++;
        stackEvents++;
    }

    private void close(Proc p, boolean withStack) {
        if (p.open.isEmpty()) {
            return;
        }
        int i = p.open.size() - 1 - Math.min(p.open.size() - 1, rnd.nextInt(8)); // recent handles close first
        long[] h = p.open.get(i);
        p.open.set(i, p.open.get(p.open.size() - 1));
        p.open.remove(p.open.size() - 1);
        int tid = p.tids[rnd.nextInt(p.tids.length)];
        long ts = tick();
        w.kernel(cpu(tid), EtlTraceWriter.SYSTEM, OBJECT, 33, 2, p.pid, tid, ts, kp.handle(h[1], (int) h[0],
                TYPE_INDEX[(int) h[2]]));
        handleEvents++;
        if (withStack) {
            w.kernel(cpu(tid), EtlTraceWriter.PERFINFO, STACK, 32, 2, -1, -1, ts, kp.stack(ts, p.pid, tid,
                    stacks[(int) ((h[1] >>> 6) % stacks.length)]));
            stackEvents++;
        }
        p.freeHandles.add((int) h[0]);
    }

    private void exit(Proc p) {
        int tid = p.tids[0];
        long ts = tick();
        for (int t : p.tids) {
            w.kernel(cpu(t), EtlTraceWriter.SYSTEM, THREAD, 2, 3, p.pid, t, ts, kp.thread(p.pid, t));
            otherEvents++;
        }
        w.kernel(cpu(tid), EtlTraceWriter.SYSTEM, PROCESS, 2, 4, p.pid, tid, ts, kp.process(4, p.key, p.pid, 4, 1, 0,
                0x1000, 0, null, p.image, p.image, 0));
        otherEvents++;
        while (!p.open.isEmpty()) {
            close(p, false); // teardown closes after ProcessEnd, without stacks
        }
    }

    private void filler(Proc p) {
        int tid = p.tids[rnd.nextInt(p.tids.length)];
        // Thread group opcode 36 (CSwitch): decoded as "other" by our reader
        w.kernel(cpu(tid), EtlTraceWriter.SYSTEM, THREAD, 36, 2, p.pid, tid, tick(), new byte[24]);
        otherEvents++;
    }

    private void run(Path out, long targetBytes) throws IOException {
        w.streamTo(out);
        List<Proc> procs = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            procs.add(start(1000 + 4 * nextPidSlot++, true));
        }
        long events = 0;
        long bytesPerCheck = 1 << 20;
        while (true) {
            if ((++events & 0xFFFF) == 0 && Files.size(out) >= targetBytes) {
                break;
            }
            Proc p = procs.get(rnd.nextInt(procs.size()));
            int r = rnd.nextInt(1000);
            if (r < 2) {
                exit(p);
                procs.remove(p);
                // pid reuse: a new process gets a pid of one that exited earlier
                int pid = rnd.nextInt(4) == 0 ? 1000 + 4 * nextPidSlot++ : p.pid;
                if (pid == p.pid) {
                    pidReuses++;
                }
                procs.add(start(pid, false));
            } else if (r < 310) {
                filler(p);
            } else {
                boolean grow = p.open.size() < p.steady;
                boolean create = rnd.nextInt(100) < (grow ? 60 : 40);
                if (create) {
                    create(p);
                } else if (p.leaky && rnd.nextInt(100) < 30) {
                    create(p); // leaks: a share of its closes never happen
                } else {
                    close(p, rnd.nextInt(4) != 0);
                }
            }
        }
        // end rundown: type names, then the open handles
        long ts = tick();
        for (int i = 0; i < TYPES.length; i++) {
            w.kernel(0, EtlTraceWriter.PERFINFO, OBJECT, 37, 2, -1, -1, ts, kp.typeName(TYPE_INDEX[i], TYPES[i]));
            handleEvents++;
        }
        for (Proc p : procs) {
            for (long[] h : p.open) {
                w.kernel(0, EtlTraceWriter.PERFINFO, OBJECT, 39, 2, -1, -1, ts, kp.handleRundown(h[1], p.pid,
                        (int) h[0], TYPE_INDEX[(int) h[2]], ""));
                handleEvents++;
            }
        }
        w.write(out);
        System.out.printf("wrote %s: %,d bytes, %,d events (%,d handle, %,d stack walk, %,d other), %,d processes"
                + " (%,d pid reuses), %.1f s of trace%n", out, Files.size(out), w.eventCount(), handleEvents,
                stackEvents, otherEvents, processesStarted, pidReuses, nowNanos / 1e9);
    }

    static long parseSize(String s) {
        char u = Character.toLowerCase(s.charAt(s.length() - 1));
        long m = u == 'k' ? 1L << 10 : u == 'm' ? 1L << 20 : u == 'g' ? 1L << 30 : 1;
        return (long) (Double.parseDouble(m == 1 ? s : s.substring(0, s.length() - 1)) * m);
    }

    public static void main(String[] args) throws IOException {
        if (args.length < 2) {
            System.err.println("usage: HandleTraceGenerator OUT.etl SIZE[k|m|g] [seed]");
            System.exit(2);
        }
        new HandleTraceGenerator(args.length > 2 ? Long.parseLong(args[2]) : 1).run(Path.of(args[0]),
                parseSize(args[1]));
    }
}
