package org.handlelens.report.cli;

import java.nio.file.Path;
import java.time.Instant;

import org.handlelens.model.HandleModel;
import org.handlelens.model.HandleModelBuilder;
import org.handlelens.model.HandleRecord;
import org.handlelens.model.ModelConstants;
import org.handlelens.model.ProcessRecord;
import org.handlelens.model.ProgressMonitor;
import org.handlelens.model.SourceInfo;
import org.handlelens.model.spi.ModelSource;

/**
 * A generated 120 s trace with known leaks, served as an "etl" source so the command line can be run
 * on it: powershell.exe leaks Events from myapp!Worker::Start+0x4f at 5/s from 10 s; shortlived.exe
 * leaks Semaphores at 20/s from 30 s until it exits at 45 s (swept by the exit); svchost.exe churns
 * Files; explorer.exe holds 12,000 pre-existing handles (flagged), one with a name full of HTML.
 */
final class GeneratedLeakTrace implements ModelSource {
    static final long S = 1_000_000_000L;
    static final long T = ModelConstants.TIME_UNKNOWN;
    static final String HOSTILE_NAME = "\\BaseNamedObjects\\<script>alert('x')</script>&amp;\"";

    @Override
    public String formatId() {
        return "etl";
    }

    @Override
    public int confidence(Path file, byte[] head) {
        return file.getFileName().toString().endsWith(".etl") ? 100 : 0;
    }

    @Override
    public HandleModel load(Path file, ProgressMonitor monitor) {
        return build(file.getFileName().toString());
    }

    static HandleModel build(String name) {
        Instant start = Instant.parse("2026-03-17T09:14:05.123Z");
        HandleModelBuilder b = new HandleModelBuilder(new SourceInfo("etl", name, start, start.plusSeconds(120), 8));
        int ps = b.addProcess(new ProcessRecord(-1, 4321, 800, 1, "powershell.exe", -1, T, T));
        int svc = b.addProcess(new ProcessRecord(-1, 1200, 600, 0, "svchost.exe", -1, T, T));
        int shortLived = b.addProcess(new ProcessRecord(-1, 5150, 4321, 1, "shortlived.exe", -1, 29 * S, 45 * S));
        int explorer = b.addProcess(new ProcessRecord(-1, 3000, 2900, 1, "explorer.exe", -1, T, T));
        int leak = b.internSymbolicStack(new String[] {"ntoskrnl!ObpCreateHandle+0x1a2", "ntoskrnl!NtCreateEvent+0x9c",
            "ntdll!NtCreateEvent+0x14", "KERNELBASE!CreateEventW+0x6b", "myapp!Worker::Start+0x4f",
            "myapp!Pool<Worker>::Run+0x22", "kernel32!BaseThreadInitThunk+0x14", "ntdll!RtlUserThreadStart+0x21"});
        int churn = b.internSymbolicStack(new String[] {"ntoskrnl!NtCreateFile+0x5d", "ntdll!NtCreateFile+0x14",
            "KERNELBASE!CreateFileW+0x66", "svcimpl!Poller::Tick+0x31", "kernel32!BaseThreadInitThunk+0x14"});
        int sem = b.internSymbolicStack(new String[] {"ntdll!NtCreateSemaphore+0x14",
            "KERNELBASE!CreateSemaphoreExW+0x2e", "tool!Job::Run+0x77", "tool!wmain+0x10"});
        int sweep = b.internSymbolicStack(new String[] {"ntoskrnl!ObCloseHandleTableEntry+0x2a1",
            "ntoskrnl!ExSweepHandleTable+0xad", "ntoskrnl!ObKillProcess+0x5c", "ntoskrnl!PspExitProcess+0x70"});
        long obj = 0xffffb00000000000L;
        for (long t = 10 * S, h = 0x1000; t < 120 * S; t += S / 5, h += 4) {
            b.addHandle(new HandleRecord(ps, h, obj++, "Event", null, 0x1f0003, null, ps, -1, 77, t, T, leak, -1, -1,
                    -1));
        }
        for (long t = S / 3, h = 0x2000; t < 120 * S; t += S / 50, h += 4) {
            long closed = t + 15_000_000L;
            b.addHandle(new HandleRecord(svc, h, obj++, "File", "\\Device\\HarddiskVolume3\\log.txt", 0x120089, null,
                    svc, closed < 120 * S ? svc : -1, 91, t, closed < 120 * S ? closed : T, churn, -1, -1, -1));
        }
        for (long t = 30 * S, h = 0x3000; t < 44 * S; t += S / 20, h += 4) {
            b.addHandle(new HandleRecord(shortLived, h, obj++, "Semaphore", null, 0x1f0003, null, shortLived,
                    shortLived, 12, t, 45 * S - 2_000_000L, sem, sweep, -1, -1));
        }
        for (int i = 0; i < 12_000; i++) {
            b.addHandle(new HandleRecord(explorer, 4L * (i + 1), obj++, i % 3 == 0 ? "Key" : "File",
                    i == 7 ? HOSTILE_NAME : null, 0x20019, null, -1, -1, -1, T, T, -1, -1, -1, -1));
        }
        return b.build();
    }
}
