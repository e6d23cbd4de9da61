package org.handlelens.model.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Locale;

import org.handlelens.model.HandleModel;
import org.handlelens.model.HandleModelBuilder;
import org.handlelens.model.HandleRecord;
import org.handlelens.model.ModelConstants;
import org.handlelens.model.ProcessRecord;
import org.handlelens.model.SourceInfo;
import org.junit.jupiter.api.Test;

class LeakSuspectAnalysisTest {
    private static final long S = 1_000_000_000L;
    private static final long T = ModelConstants.TIME_UNKNOWN;
    private static final String[] EVENT_STACK = {"ntoskrnl!ObpCreateHandle+0x1a2", "ntoskrnl!NtCreateEvent+0x9c",
        "ntdll!NtCreateEvent+0x14", "KERNELBASE!CreateEventW+0x6b", "myapp!Worker::Start+0x4f",
        "myapp!Pool::Run+0x22", "kernel32!BaseThreadInitThunk+0x14", "ntdll!RtlUserThreadStart+0x21"};

    private static LeakSuspectAnalysis.Report analyse(HandleModel m) {
        return LeakSuspectAnalysis.run(m, new FrameTexts(m, null), LeakSuspectAnalysis.Options.DEFAULT);
    }

    private static HandleRecord h(int owner, long handle, String type, long created, long closed, int stack,
            int closeStack) {
        return new HandleRecord(owner, handle, 0x1000 + handle, type, null, 0x1f0003, null, owner,
                closed == T ? -1 : owner, 7, created, closed, stack, closeStack, -1, -1);
    }

    /** powershell.exe leaks 2 Events/s for 240 s; a busy process churns Files with 10 ms lifetimes. */
    @Test
    void steadyLeakHasSlopeFitAndSentence() {
        HandleModelBuilder b = new HandleModelBuilder(new SourceInfo("etl", "t.etl", Instant.EPOCH,
                Instant.EPOCH.plusSeconds(240), 8));
        int ps = b.addProcess(new ProcessRecord(-1, 4321, 4, 1, "powershell.exe", -1, T, T));
        int busy = b.addProcess(new ProcessRecord(-1, 888, 4, 1, "busy.exe", -1, T, T));
        int leak = b.internSymbolicStack(EVENT_STACK);
        int churn = b.internSymbolicStack(new String[] {"ntdll!NtCreateFile+0x14", "busy!Poll+0x10"});
        for (int i = 0; i < 480; i++) {
            b.addHandle(h(ps, 4 * i + 4, "Event", i * S / 2, T, leak, -1));
        }
        for (int i = 0; i < 24_000; i++) {
            long t = i * S / 100;
            long closed = t + 10_000_000L;
            b.addHandle(h(busy, 4 * (i % 5000) + 4, "File", t, closed >= 240 * S ? T : closed, churn, -1));
        }
        LeakSuspectAnalysis.Report r = analyse(b.build());
        assertEquals(1, r.suspects().size(), LeakTraceGenerator.describe(r.suspects()).toString());
        LeakSuspect s = r.suspects().get(0);
        assertEquals(480, s.leaked());
        assertEquals(480, s.outstanding());
        assertEquals(0, s.closed());
        assertEquals(2.0, s.growthPerSecond(), 0.02);
        assertTrue(s.rSquared() > 0.99, "R² " + s.rSquared());
        assertEquals(1.0, s.share(), 1e-9, "the churner's in-flight File is younger than its siblings: no leak");
        assertEquals("myapp!Worker::Start+0x4f", s.convergence().frame());
        assertEquals(FrameTexts.FrameKind.USER, s.convergence().kind());
        assertEquals("powershell.exe (pid 4321) holds 480 Event handles created by myapp!Worker::Start+0x4f;"
                + " +2.0/s over 4 min, closed 0 of 480 created.", s.sentence());
        assertEquals(5, s.samples().size());
        assertEquals(480, s.leakedRows().size());
        assertEquals(64, s.seriesCounts().length);
        assertEquals(480, s.seriesCounts()[63]);
        assertEquals(480, r.totalLeaked());
    }

    /** A process exits at 20 s: handles swept by the exit are leaks, handles it closed itself are not. */
    @Test
    void handlesClosedOnlyByProcessExitAreLeaked() {
        HandleModelBuilder b = new HandleModelBuilder(new SourceInfo("etl", "t.etl", Instant.EPOCH,
                Instant.EPOCH.plusSeconds(60), 8));
        int p = b.addProcess(new ProcessRecord(-1, 77, 4, 1, "short.exe", -1, 1 * S, 20 * S));
        int leak = b.internSymbolicStack(new String[] {"ntdll!NtCreateSemaphore+0x14", "short!Job::Run+0x4f"});
        int ok = b.internSymbolicStack(new String[] {"ntdll!NtCreateFile+0x14", "short!Log::Write+0x10"});
        int sweep = b.internSymbolicStack(new String[] {"nt!ExSweepHandleTable+0xad", "nt!PspExitProcess+0x70"});
        int explicit = b.internSymbolicStack(new String[] {"ntdll!NtClose+0x14", "short!Log::Close+0x20"});
        for (int i = 0; i < 50; i++) {
            // half swept with a close stack, half without one but inside the 100 ms window
            boolean withStack = i % 2 == 0;
            b.addHandle(h(p, 4 * i + 4, "Semaphore", 2 * S + i * 350_000_000L, withStack ? 20 * S + 3_000_000L
                    : 20 * S - 40_000_000L, leak, withStack ? sweep : -1));
        }
        for (int i = 0; i < 30; i++) {
            // closed by the program: before the window, and inside the window with an explicit close stack
            long closed = i < 15 ? 2 * S + i * S / 2 + S / 10 : 20 * S - 10_000_000L;
            b.addHandle(h(p, 0x1000 + 4 * i, "File", 2 * S + i * S / 2, closed, ok, i < 15 ? -1 : explicit));
        }
        HandleModel m = b.build();
        assertTrue(ExitCloses.DEFAULT.isExitClose(m, 0));
        assertTrue(ExitCloses.DEFAULT.isExitClose(m, 1));
        assertTrue(!ExitCloses.DEFAULT.isExitClose(m, 50));
        assertTrue(!ExitCloses.DEFAULT.isExitClose(m, 79), "explicit close stack inside the window");
        LeakSuspectAnalysis.Report r = analyse(m);
        assertEquals(1, r.suspects().size(), LeakTraceGenerator.describe(r.suspects()).toString());
        LeakSuspect s = r.suspects().get(0);
        assertEquals(50, s.leaked());
        assertEquals(50, s.closedByExit());
        assertEquals(0, s.outstanding());
        assertEquals(20 * S, s.processExitNanos());
        assertTrue(s.growthPerSecond() > 2.6 && s.growthPerSecond() < 3.1, "2.86/s, got " + s.growthPerSecond());
        assertTrue(s.rSquared() > 0.98, "R² " + s.rSquared());
        assertEquals(0, s.closed(), "the Files are another suspect candidate, and none of them leaked");
        assertTrue(s.sentence().startsWith("short.exe (pid 77) leaked 50 Semaphore handles created by "
                + "short!Job::Run+0x4f before it exited at 20.0 s (all closed only by the process exit); +2.8/s over 18 s, closed 0 of 50 created."),
                s.sentence());
        assertTrue(s.samples().get(0).closedByExit());
        // a wider window does not turn the program's own closes into leaks (the explicit stack wins)
        LeakSuspectAnalysis.Report wide = LeakSuspectAnalysis.run(m, new FrameTexts(m, null),
                new LeakSuspectAnalysis.Options(10, 1, 0, new ExitCloses(S), 64));
        assertEquals(1, wide.suspects().size());
        assertEquals(0, new ExitCloses(0).isExitClose(m, 1) ? 1 : 0, "no stack, 40 ms before exit, 0 ms window");
    }

    @Test
    void convergenceSkipsOsFramesAndFindsTheCommonCaller() {
        List<String> a = List.of("ntdll!NtCreateEvent+0x14", "KERNELBASE!CreateEventW+0x6b", "myapp!Event::Make+0x10",
                "myapp!Cache::Insert+0x4f", "myapp!A+0x1", "kernel32!BaseThreadInitThunk+0x14");
        List<String> b = List.of("ntdll!NtCreateEvent+0x14", "KERNELBASE!CreateEventW+0x6b", "myapp!Event::Make+0x12",
                "myapp!Cache::Insert+0x4f", "myapp!B+0x1", "kernel32!BaseThreadInitThunk+0x14");
        Convergence c = Convergence.of(List.of(a, b));
        assertEquals("myapp!Cache::Insert+0x4f", c.frame(), "Event::Make differs in offset; Insert is common");
        assertEquals(3, c.depth());
        assertEquals("myapp!Event::Make+0x10", Convergence.of(List.of(a)).frame());
        Convergence os = Convergence.of(List.of(List.of("ntdll!NtClose+0x14", "KERNELBASE!CloseHandle+0x3")));
        assertEquals(FrameTexts.FrameKind.OS, os.kind());
        Convergence unresolved = Convergence.of(List.of(List.of("ntdll!ZwDuplicateObject+0xc", "+0x00101991")));
        assertEquals("+0x00101991", unresolved.frame());
        assertEquals(FrameTexts.FrameKind.UNKNOWN, unresolved.kind());
        assertNull(Convergence.of(List.of(List.of("a!x"), List.of("b!y"))));
        assertTrue(OsModules.isOsModule("C:\\Windows\\System32\\KERNELBASE.dll"));
        assertTrue(OsModules.isOsModule("win32kfull"));
        assertTrue(!OsModules.isOsModule("myapp"));
    }

    @Test
    void linearFitOnExactAndNoisyData() {
        LinearFit exact = LinearFit.of(new double[] {0, 1, 2, 3}, new double[] {1, 3, 5, 7});
        assertEquals(2.0, exact.slopePerSecond(), 1e-12);
        assertEquals(1.0, exact.intercept(), 1e-12);
        assertEquals(1.0, exact.rSquared(), 1e-12);
        LinearFit flat = LinearFit.of(new double[] {0, 1, 2}, new double[] {5, 5, 5});
        assertEquals(0.0, flat.slopePerSecond());
        assertEquals(0.0, flat.rSquared());
        LinearFit zigzag = LinearFit.of(new double[] {0, 1, 2, 3}, new double[] {0, 10, 0, 10});
        assertTrue(zigzag.rSquared() < 0.5, "R² " + zigzag.rSquared());
    }

    /**
     * Labelled generated traces (LeakTraceGenerator): precision and recall of the reported suspects
     * (score cut, top 10) over 20 traces must both be at least 0.9.
     */
    @Test
    void precisionAndRecallOnLabelledGeneratedTraces() {
        int reported = 0;
        int tp = 0;
        int labels = 0;
        int found = 0;
        StringBuilder misses = new StringBuilder();
        for (long seed = 1; seed <= 20; seed++) {
            LeakTraceGenerator.Trace t = LeakTraceGenerator.generate(seed);
            LeakSuspectAnalysis.Report r = analyse(t.model());
            LeakTraceGenerator.Score sc = LeakTraceGenerator.score(t, r.suspects());
            reported += sc.reported();
            tp += sc.truePositives();
            labels += sc.labels();
            found += sc.found();
            if (sc.truePositives() < sc.reported() || sc.found() < sc.labels()) {
                misses.append("seed ").append(seed).append(": labels ").append(t.leaks()).append('\n');
                LeakTraceGenerator.describe(r.suspects()).forEach(x -> misses.append("  ").append(x).append('\n'));
            }
        }
        double precision = (double) tp / reported;
        double recall = (double) found / labels;
        System.out.printf(Locale.ROOT, "leak suspects on 20 generated traces: %d labelled leaks, %d reported, "
                + "%d true; precision %.3f, recall %.3f%n", labels, reported, tp, precision, recall);
        assertTrue(labels >= 80, "the generator labels enough leaks: " + labels);
        assertTrue(precision >= 0.9, "precision " + precision + "\n" + misses);
        assertTrue(recall >= 0.9, "recall " + recall + "\n" + misses);
    }

    @Test
    void generatedLeakReachedFromTwoCallersIsOneSuspectAtTheLeakingFunction() {
        for (long seed = 1; seed <= 20; seed++) {
            LeakTraceGenerator.Trace t = LeakTraceGenerator.generate(seed);
            for (LeakSuspect s : analyse(t.model()).suspects()) {
                if (s.processImage().equals("twocallers.exe")) {
                    assertEquals(2, s.stacks().size());
                    assertEquals("twocallers!Cache::Insert+0x4f", s.convergence().frame());
                    return;
                }
            }
        }
        throw new AssertionError("no seed in 1..20 generated the two-callers leak");
    }

    @Test
    void addressOnlyStacksConvergeOnTheUserImage() {
        for (long seed = 1; seed <= 20; seed++) {
            LeakTraceGenerator.Trace t = LeakTraceGenerator.generate(seed);
            for (LeakSuspect s : analyse(t.model()).suspects()) {
                if (s.processImage().equals("noaddrsyms.exe")) {
                    assertNotNull(s.convergence());
                    assertEquals("noaddrsyms+0x1a2b", s.convergence().frame());
                    assertEquals("KernelBase+0x5678", s.stacks().get(0).frames().get(2));
                    return;
                }
            }
        }
        throw new AssertionError("no seed in 1..20 generated the address-only leak");
    }
}
