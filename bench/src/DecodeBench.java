import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.file.Files;
import java.nio.file.Path;

import org.handlelens.etw.EtlReadResult;
import org.handlelens.etw.EtlReader;
import org.handlelens.etw.EtwEventVisitor;
import org.handlelens.etw.header.EventRecordHeader;
import org.handlelens.etw.kernel.HandleEvent;
import org.handlelens.etw.kernel.StackWalkEvent;
import org.handlelens.etw.model.EtlModelSource;
import org.handlelens.model.HandleModel;
import org.handlelens.model.ProgressMonitor;

/**
 * One measured pass over an ETL file: {@code decode FILE} (our reader decoding every event, no
 * model) or {@code build FILE} (the ETL importer building the model); an optional third argument
 * sets the decode threads (0 = all on the calling thread; default {@code EtlReader.defaultDecodeThreads()}), an
 * optional fourth the number of {@code decode}/{@code headers} passes in one JVM (warm figures, one line each), an
 * optional fifth ({@code true}/{@code false}) whether their sequential read loads buffers ahead on a helper thread
 * (default {@code EtlReader.defaultLoadAhead()}). CPU is printed for the calling thread
 * ({@code cpuSeconds}) and for the whole process during the pass ({@code processCpuSeconds}: decode
 * threads, GC and JIT included). {@code build} also measures
 * the live heap (after a full GC) at 25/50/75/99 % of the file and after the build, so the peak
 * live heap of the import is known without counting garbage; prints one {@code key=value} line.
 */
public final class DecodeBench {
    public static void main(String[] args) throws Exception {
        String mode = args[0];
        Path file = Path.of(args[1]);
        long size = Files.size(file);
        java.lang.management.ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        // the reader may decode on helper threads: the whole process's CPU (GC and JIT included) is the cost
        com.sun.management.OperatingSystemMXBean os =
                (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        int decodeThreads = args.length > 2 ? Integer.parseInt(args[2]) : EtlReader.defaultDecodeThreads();
        // optional 4th argument: passes in one JVM (warm figures; one line per pass)
        int passes = args.length > 3 ? Integer.parseInt(args[3]) : 1;
        // optional 5th argument (decode/headers): load buffers ahead on a helper thread (default EtlReader.defaultLoadAhead())
        boolean loadAhead = args.length > 4 ? Boolean.parseBoolean(args[4]) : EtlReader.defaultLoadAhead();
        if (mode.equals("decode") || mode.equals("headers")) {
            boolean payloads = mode.equals("decode");
            for (int pass = 0; pass < passes; pass++) {
            long[] n = new long[3];
            long c0 = threads.getCurrentThreadCpuTime();
            long p0 = os.getProcessCpuTime();
            long t0 = System.nanoTime();
            EtlReadResult r;
            try (EtlReader reader = EtlReader.open(file)) {
                r = reader.read(new EtwEventVisitor() {
                    @Override
                    public boolean wants(org.handlelens.etw.EventKind kind) {
                        return payloads; // "headers": records walked and counted, no payload decoded
                    }

                    @Override
                    public boolean reusesFrameArrays() {
                        return true; // keeps nothing, like the importer
                    }

                    @Override
                    public void handle(EventRecordHeader h, HandleEvent e) {
                        n[0] += e.handle();
                    }

                    @Override
                    public void stack(EventRecordHeader h, StackWalkEvent e) {
                        n[1] += e.frames().length;
                    }
                }, org.handlelens.etw.ReadListener.NONE, decodeThreads, loadAhead);
            }
            double s = (System.nanoTime() - t0) / 1e9;
            double cpu = (threads.getCurrentThreadCpuTime() - c0) / 1e9;
            double pcpu = (os.getProcessCpuTime() - p0) / 1e9;
            System.out.printf("mode=" + mode + " seconds=%.3f cpuSeconds=%.3f processCpuSeconds=%.3f decodeThreads=%d loadAhead=%s"
                    + " mbPerSecond=%.1f events=%d handleEvents=%d partial=%s%n", s, cpu, pcpu, decodeThreads,
                    loadAhead, size / 1e6 / s, r.counts().total(), r.counts().of(org.handlelens.etw.EventKind.HANDLE), r.partial());
            }
            return;
        }
        MemoryMXBean mem = ManagementFactory.getMemoryMXBean();
        long[] peak = {0};
        long[] checkpoints = {size / 4, size / 2, size * 3 / 4, size * 99 / 100};
        int[] next = {0};
        long[] done = {0};
        ProgressMonitor monitor = new ProgressMonitor() {
            @Override
            public void begin(long totalWork) {
            }

            @Override
            public void worked(long work) {
                done[0] += work;
                while (next[0] < checkpoints.length && done[0] >= checkpoints[next[0]]) {
                    next[0]++;
                    System.gc();
                    peak[0] = Math.max(peak[0], mem.getHeapMemoryUsage().getUsed());
                }
            }

            @Override
            public void done() {
            }

            @Override
            public boolean isCanceled() {
                return false;
            }
        };
        System.gc();
        long base = mem.getHeapMemoryUsage().getUsed();
        long c0 = threads.getCurrentThreadCpuTime();
        long p0 = os.getProcessCpuTime();
        long t0 = System.nanoTime();
        HandleModel m = new EtlModelSource(decodeThreads).load(file, mode.equals("build-measured") ? monitor : null);
        double s = (System.nanoTime() - t0) / 1e9;
        double cpu = (threads.getCurrentThreadCpuTime() - c0) / 1e9;
        double pcpu = (os.getProcessCpuTime() - p0) / 1e9;
        System.gc();
        long model = mem.getHeapMemoryUsage().getUsed() - base;
        long handleEvents = m.source().events().handle();
        long livePeak = Math.max(peak[0], model + base) - base;
        System.out.printf("mode=%s seconds=%.3f cpuSeconds=%.3f processCpuSeconds=%.3f mbPerSecond=%.1f events=%d handleEvents=%d rows=%d stacks=%d"
                + " liveHeapPeakMB=%.1f modelHeapMB=%.1f peakMBPerMillionHandleEvents=%.2f"
                + " modelBytesPerRow=%.1f estimatedModelMB=%.1f decodeThreads=%d%n", mode, s, cpu, pcpu, size / 1e6 / s, m.source().eventCount(),
                handleEvents, m.rowCount(), m.stackCount(), livePeak / 1e6, model / 1e6,
                livePeak / 1e6 / (handleEvents / 1e6), (double) model / m.rowCount(), m.estimatedBytes() / 1e6,
                decodeThreads);
    }
}
