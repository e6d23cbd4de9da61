package org.handlelens.model.analysis;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

import org.handlelens.model.HandleModel;
import org.handlelens.model.HandleModelBuilder;
import org.handlelens.model.HandleRecord;
import org.handlelens.model.ModelConstants;
import org.handlelens.model.ModuleRecord;
import org.handlelens.model.ProcessRecord;
import org.handlelens.model.SourceInfo;

/**
 * Builds labelled traces: known leaking create stacks among noise — processes that churn handles
 * (create and close), short-lived processes that churn and exit, handles held from process start,
 * pre-existing handles — plus long-running leakers (steady or partial), short-lived processes that
 * leak and exit (closed only by the exit sweep, with or without a close stack), a leak whose stacks
 * differ in their callers, and a leaker with address-only stacks resolved through its image loads.
 */
final class LeakTraceGenerator {
    static final long S = 1_000_000_000L;
    static final long T = ModelConstants.TIME_UNKNOWN;

    /** A labelled leak: process key and the frame its stacks converge on. */
    record Label(int processKey, String site) {
    }

    /** A generated model with its labels. */
    record Trace(HandleModel model, Set<Label> leaks) {
    }

    private static final String[] TYPES = {"Event", "File", "Key", "Section", "Semaphore", "Thread", "Mutant"};
    private static final String[] API = {"CreateEventW", "CreateFileW", "RegOpenKeyExW", "CreateFileMappingW",
        "CreateSemaphoreW", "CreateThread", "CreateMutexW"};

    private final Random rnd;
    private final HandleModelBuilder b;
    private final long spanNanos;
    private final Set<Label> leaks = new HashSet<>();
    private int nextPid = 1000;
    private long nextObject = 0xffffa00000000000L;

    private LeakTraceGenerator(long seed, long spanSeconds) {
        this.rnd = new Random(seed);
        this.spanNanos = spanSeconds * S;
        this.b = new HandleModelBuilder(new SourceInfo("etl", "generated-" + seed + ".etl", Instant.EPOCH,
                Instant.EPOCH.plusSeconds(spanSeconds), 8));
    }

    /** A 240 s trace with 5..8 labelled leaks and plenty of noise. */
    static Trace generate(long seed) {
        LeakTraceGenerator g = new LeakTraceGenerator(seed, 240);
        return g.build();
    }

    private Trace build() {
        int leakers = 2 + rnd.nextInt(2);
        for (int i = 0; i < leakers; i++) {
            steadyLeaker(i, rnd.nextBoolean());
        }
        shortLivedLeaker(0, true);
        shortLivedLeaker(1, false);
        if (rnd.nextBoolean()) {
            variantCallersLeaker();
        }
        if (rnd.nextBoolean()) {
            addressOnlyLeaker();
        }
        for (int i = 0; i < 6; i++) {
            churner(i);
        }
        for (int i = 0; i < 4; i++) {
            shortLivedChurner(i);
        }
        for (int i = 0; i < 3; i++) {
            slowChurner(i);
        }
        lowRateLeaker();
        return new Trace(b.build(), Set.copyOf(leaks));
    }

    private int process(String image, long start, long end) {
        int key = b.addProcess(new ProcessRecord(-1, nextPid, 4, 1, image, -1, start, end));
        nextPid += 4;
        // a few pre-existing handles and handles held from start: never leaks
        int pre = 20 + rnd.nextInt(200);
        for (int i = 0; i < pre; i++) {
            b.addHandle(new HandleRecord(key, 4L * (i + 1), nextObject++, TYPES[rnd.nextInt(TYPES.length)], null,
                    0x1f0003, null, -1, -1, -1, T, T, -1, -1, -1, -1));
        }
        if (start != T) {
            int held = 3 + rnd.nextInt(10);
            int stack = stack(image, "Startup::Init", 0, rnd.nextInt(TYPES.length));
            for (int i = 0; i < held; i++) {
                add(key, "File", start + i * 1_000_000L, T, stack, -1, 0x8000 + i);
            }
        }
        return key;
    }

    private int stack(String image, String function, int variant, int api) {
        String mod = image.replace(".exe", "");
        return b.internSymbolicStack(new String[] {"ntoskrnl!ObpCreateHandle+0x1a2", "ntoskrnl!NtCreate+0x9c",
            "ntdll!NtCreate+0x14", "KERNELBASE!" + API[api] + "+0x6b", mod + "!" + function + "+0x4f",
            mod + "!Caller" + variant + "+0x22", mod + "!wmain+0x10", "kernel32!BaseThreadInitThunk+0x14",
            "ntdll!RtlUserThreadStart+0x21"});
    }

    private void add(int key, String type, long created, long closed, int createStack, int closeStack, long handle) {
        int closer = closed == T ? -1 : key;
        b.addHandle(new HandleRecord(key, handle, nextObject++, type, null, 0x1f0003, null, key, closer, 100,
                created, closed, createStack, closeStack, -1, -1));
    }

    /** Creates at a steady rate from a random start; a partial leaker closes most of them quickly. */
    private void steadyLeaker(int i, boolean partial) {
        String image = "leaker" + i + ".exe";
        int key = process(image, T, T);
        int api = rnd.nextInt(TYPES.length);
        String fn = "Leak" + i + "::Open";
        int stack = stack(image, fn, 0, api);
        long from = (long) (rnd.nextDouble() * spanNanos / 2);
        double rate = 0.5 + rnd.nextDouble() * 20;
        long h = 0x10000;
        for (double t = from; t < spanNanos; t += S / rate) {
            boolean leak = !partial || rnd.nextDouble() < 0.3;
            long closed = leak ? T : Math.min(spanNanos - 1, (long) t + lifetime(20_000_000L));
            add(key, TYPES[api], (long) t, closed >= spanNanos ? T : closed, stack, -1, h += 4);
        }
        leaks.add(new Label(key, image.replace(".exe", "") + "!" + fn + "+0x4f"));
        churnIn(key, image, 2);
    }

    /** Starts, leaks for 5..40 s, exits; the exit sweep closes the leaked handles. */
    private void shortLivedLeaker(int i, boolean withCloseStacks) {
        String image = "shortleak" + i + ".exe";
        long start = (long) (rnd.nextDouble() * spanNanos * 0.6);
        long end = start + (5 + rnd.nextInt(35)) * S;
        int key = process(image, start, end);
        int api = rnd.nextInt(TYPES.length);
        String fn = "Job" + i + "::Run";
        int stack = stack(image, fn, 0, api);
        int sweep = b.internSymbolicStack(new String[] {"ntoskrnl!ObCloseHandleTableEntry+0x2a1",
            "ntoskrnl!ExSweepHandleTable+0xad", "ntoskrnl!ObKillProcess+0x5c", "ntoskrnl!PspExitProcess+0x70",
            "ntoskrnl!PspExitThread+0x5b4", "ntoskrnl!NtTerminateProcess+0xf9"});
        double rate = 2 + rnd.nextDouble() * 30;
        long h = 0x20000;
        for (double t = start + S / 10; t < end - S / 10; t += S / rate) {
            long closedAt = end - rnd.nextInt(3_000_000);
            add(key, TYPES[api], (long) t, closedAt, stack, withCloseStacks ? sweep : -1, h += 4);
        }
        leaks.add(new Label(key, image.replace(".exe", "") + "!" + fn + "+0x4f"));
        // its other handles are closed properly before exit
        churnIn(key, image, 1, start, end - S / 5);
    }

    /** One leak reached from two callers: two create stacks converging on the leaking function. */
    private void variantCallersLeaker() {
        String image = "twocallers.exe";
        int key = process(image, T, T);
        String fn = "Cache::Insert";
        int s0 = stack(image, fn, 0, 0);
        int s1 = stack(image, fn, 1, 0);
        long h = 0x30000;
        for (long t = 10 * S; t < spanNanos; t += S / 3) {
            add(key, "Event", t, T, rnd.nextBoolean() ? s0 : s1, -1, h += 4);
        }
        leaks.add(new Label(key, "twocallers!" + fn + "+0x4f"));
        churnIn(key, image, 2);
    }

    /** A leaker whose stacks are addresses only; its image loads turn them into module+offset. */
    private void addressOnlyLeaker() {
        String image = "noaddrsyms.exe";
        int key = process(image, T, T);
        b.addModule(key, ModuleRecord.of(0x7ff600000000L, 0x100000, "\\Device\\HarddiskVolume3\\app\\noaddrsyms.exe"));
        b.addModule(key, ModuleRecord.of(0x7ffa10000000L, 0x200000, "\\Device\\HarddiskVolume3\\Windows\\System32\\KernelBase.dll"));
        b.addModule(key, ModuleRecord.of(0x7ffa20000000L, 0x200000, "\\Device\\HarddiskVolume3\\Windows\\System32\\ntdll.dll"));
        int stack = b.internStack(new long[] {0xfffff80012345678L, 0x7ffa20001234L, 0x7ffa10005678L, 0x7ff600001a2bL,
            0x7ff600000c10L, 0x7ffa20009999L});
        long h = 0x40000;
        for (long t = 30 * S; t < spanNanos; t += S / 2) {
            add(key, "Key", t, T, stack, -1, h += 4);
        }
        leaks.add(new Label(key, "noaddrsyms+0x1a2b"));
    }

    /** Handles that live 10..60 s (mean): the open count climbs, then levels off — not a leak. */
    private void slowChurner(int i) {
        String image = "slow" + i + ".exe";
        int key = process(image, T, T);
        int stack = stack(image, "Session" + i + "::Open", 0, rnd.nextInt(TYPES.length));
        long mean = (10 + rnd.nextInt(50)) * S;
        double rate = 0.5 + rnd.nextDouble() * 4;
        long h = 0x60000;
        for (double t = rnd.nextDouble() * S; t < spanNanos; t += S / rate) {
            long closed = (long) t + lifetime(mean);
            add(key, "Key", (long) t, closed < spanNanos ? closed : T, stack, -1, h += 4);
        }
    }

    /** A slow leak: one handle every 4..10 s over the whole trace (24..60 handles). */
    private void lowRateLeaker() {
        String image = "trickle.exe";
        int key = process(image, T, T);
        int stack = stack(image, "Timer::Arm", 0, 0);
        long every = (4 + rnd.nextInt(7)) * S;
        long h = 0x70000;
        for (long t = rnd.nextInt(3) * S; t < spanNanos; t += every) {
            add(key, "Event", t, T, stack, -1, h += 4);
        }
        leaks.add(new Label(key, "trickle!Timer::Arm+0x4f"));
        churnIn(key, image, 1);
    }

    /** A busy service: several stacks creating and closing handles all the time. */
    private void churner(int i) {
        String image = "busy" + i + ".exe";
        int key = process(image, T, T);
        churnIn(key, image, 3 + rnd.nextInt(3));
    }

    /** A short-lived process that churns and exits; its in-flight handles are closed by the exit. */
    private void shortLivedChurner(int i) {
        String image = "tool" + i + ".exe";
        long start = (long) (rnd.nextDouble() * spanNanos * 0.8);
        long end = Math.min(spanNanos - S, start + (2 + rnd.nextInt(20)) * S);
        int key = process(image, start, end);
        int stack = stack(image, "Tool" + i + "::Step", 0, rnd.nextInt(TYPES.length));
        double rate = 50 + rnd.nextDouble() * 200;
        long h = 0x50000;
        for (double t = start + S / 20; t < end; t += S / rate) {
            long closed = (long) t + lifetime(200_000_000L);
            add(key, "File", (long) t, closed >= end ? end - rnd.nextInt(1_000_000) : closed, stack, -1, h += 4);
        }
    }

    private void churnIn(int key, String image, int stacks) {
        churnIn(key, image, stacks, 0, spanNanos);
    }

    /** Churn between {@code from} and {@code to}; handles due after {@code to} stay open only when it is the end. */
    private void churnIn(int key, String image, int stacks, long from, long to) {
        for (int s = 0; s < stacks; s++) {
            int api = rnd.nextInt(TYPES.length);
            int stack = stack(image, "Worker" + s + "::Poll", s, api);
            double rate = 5 + rnd.nextDouble() * 150;
            long mean = 5_000_000L + (long) (rnd.nextDouble() * 1.5 * S);
            long h = 0x100000L * (s + 1);
            for (double t = from + rnd.nextDouble() * S; t < to; t += S / rate) {
                long closed = (long) t + lifetime(mean);
                long close = closed < to ? closed : to >= spanNanos ? T : to - rnd.nextInt(1_000_000);
                add(key, TYPES[api], (long) t, close, stack, -1, h += 4);
            }
        }
    }

    /** Exponentially distributed lifetime with the given mean, at least 1 µs. */
    private long lifetime(long meanNanos) {
        return Math.max(1000, (long) (-Math.log(1 - rnd.nextDouble()) * meanNanos));
    }

    /** Precision and recall of a report against the labels. */
    record Score(int reported, int truePositives, int labels, int found) {
        double precision() {
            return reported == 0 ? 1 : (double) truePositives / reported;
        }

        double recall() {
            return labels == 0 ? 1 : (double) found / labels;
        }
    }

    static Score score(Trace t, List<LeakSuspect> suspects) {
        Set<Label> hit = new HashSet<>();
        int tp = 0;
        for (LeakSuspect s : suspects) {
            Label l = new Label(s.processKey(), s.convergence() == null ? null : s.convergence().frame());
            if (t.leaks().contains(l)) {
                tp++;
                hit.add(l);
            }
        }
        return new Score(suspects.size(), tp, t.leaks().size(), hit.size());
    }

    static List<String> describe(List<LeakSuspect> suspects) {
        List<String> out = new ArrayList<>();
        for (LeakSuspect s : suspects) {
            out.add(String.format(java.util.Locale.ROOT, "#%d score=%.1f r2=%s %s", s.rank(), s.score(), s.rSquared(),
                    s.sentence()));
        }
        return out;
    }
}
