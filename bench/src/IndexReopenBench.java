import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import org.handlelens.etw.model.EtlModelSource;
import org.handlelens.model.HandleModel;
import org.handlelens.model.ModelConstants;
import org.handlelens.model.query.GroupBy;
import org.handlelens.model.query.GroupResult;
import org.handlelens.model.query.HandleColumn;
import org.handlelens.model.query.RowSelection;
import org.handlelens.model.store.HandleModelIndex;
import org.handlelens.model.store.HandleRows;
import org.handlelens.model.store.SourceFingerprint;

/**
 * Second open of a trace through its persisted index (issue #4: "&lt; 1 s for any size").
 *
 * <p>{@code IndexReopenBench TRACE [tiles=8] [repeats=5]}: imports TRACE once (timed), writes its index
 * (timed, size printed) and then, for the model as imported and for the same rows repeated {@code tiles}
 * times (times shifted, so an 18 M-row model from a 1 GB trace without an 8 GB file), measures
 * {@code repeats} reopens through {@link HandleModelIndex#openOrNull} — the call the CLI
 * ({@code ModelLoading}) and the workbench ({@code IndexedModelLoader}) make: fingerprint of the trace plus
 * the full index read — then the first query on the reopened model (outstanding grouped by owning process and
 * type), and {@code cat INDEX > /dev/null} on the same file in the same run. Page cache warm: every index is
 * read once before the timed repeats. Index files are written next to TRACE and deleted at the end (kept with
 * {@code HL_IDXBENCH_KEEP=1}).
 */
public final class IndexReopenBench {
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    private static final com.sun.management.OperatingSystemMXBean OS =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

    private IndexReopenBench() {
    }

    /** Wall and CPU seconds of one timed step. */
    record Timing(double wallSeconds, double cpuSeconds, double processCpuSeconds) {
        @Override
        public String toString() {
            return String.format(Locale.ROOT, "wall %.3f s, cpu %.3f s, process cpu %.3f s", wallSeconds, cpuSeconds,
                    processCpuSeconds);
        }
    }

    /** A step that may throw. */
    interface Step<T> {
        T run() throws Exception;
    }

    /** A result with the timing of the step that made it. */
    record Timed<T>(T value, Timing timing) {
    }

    static <T> Timed<T> time(Step<T> step) throws Exception {
        long cpu0 = THREADS.getCurrentThreadCpuTime();
        long proc0 = OS.getProcessCpuTime();
        long t0 = System.nanoTime();
        T v = step.run();
        long t1 = System.nanoTime();
        return new Timed<>(v, new Timing((t1 - t0) / 1e9, (THREADS.getCurrentThreadCpuTime() - cpu0) / 1e9,
                (OS.getProcessCpuTime() - proc0) / 1e9));
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 1) {
            System.err.println("usage: IndexReopenBench TRACE [tiles=8] [repeats=5]");
            System.exit(2);
        }
        Path trace = Path.of(args[0]);
        int tiles = args.length > 1 ? Integer.parseInt(args[1]) : 8;
        int repeats = args.length > 2 ? Integer.parseInt(args[2]) : 5;
        System.out.printf(Locale.ROOT, "trace %s, %,d bytes; index format version %d; %d CPUs; max heap %d MB%n",
                trace, Files.size(trace), HandleModelIndex.VERSION, Runtime.getRuntime().availableProcessors(),
                Runtime.getRuntime().maxMemory() >> 20);

        SourceFingerprint fingerprint = SourceFingerprint.of(trace);
        Timed<HandleModel> imported = time(() -> new EtlModelSource().load(trace, null));
        System.out.printf(Locale.ROOT, "import (first open, no index): %,d rows, %s%n", imported.value().rowCount(),
                imported.timing());
        List<Path> written = new ArrayList<>();
        try {
            HandleModel model = imported.value();
            measure("as imported", trace, model, fingerprint, HandleModelIndex.besideTrace(trace), repeats, written);
            if (tiles > 1) {
                HandleModel tiled = tile(model, tiles);
                model = null; // let the imported model go before the big one is reopened
                imported = null;
                Path index = trace.resolveSibling(trace.getFileName() + ".x" + tiles + HandleModelIndex.SUFFIX);
                measure("rows x" + tiles, trace, tiled, fingerprint, index, repeats, written);
            }
        } finally {
            // HL_IDXBENCH_KEEP=1 keeps the index files (e.g. to time `handlelens info` on them afterwards)
            if (!"1".equals(System.getenv("HL_IDXBENCH_KEEP"))) {
                for (Path p : written) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }

    private static void measure(String label, Path trace, HandleModel model, SourceFingerprint fingerprint,
            Path index, int repeats, List<Path> written) throws Exception {
        System.out.printf(Locale.ROOT, "%n== %s: %,d rows, model columns %,d bytes (%.1f B/row)%n", label,
                model.rowCount(), model.rowStore().allocatedBytes(),
                model.rowStore().allocatedBytes() / (double) Math.max(1, model.rowCount()));
        written.add(index);
        Timed<Void> write = time(() -> {
            HandleModelIndex.write(model, fingerprint, index);
            return null;
        });
        long size = Files.size(index);
        System.out.printf(Locale.ROOT, "index write: %s; index %,d bytes (%.1f B/row)%n", write.timing(), size,
                size / (double) Math.max(1, model.rowCount()));
        long expectedOutstanding = outstanding(model);
        // warm the page cache (and the JIT a little) before timing
        cat(index);
        reopen(trace, index);

        double[] wall = new double[repeats];
        double[] cpu = new double[repeats];
        double[] query = new double[repeats];
        double[] catWall = new double[repeats];
        for (int i = 0; i < repeats; i++) {
            System.gc(); // the previous reopen's model is garbage; do not bill its collection to this one
            Timed<HandleModel> open = time(() -> reopen(trace, index));
            Timed<GroupResult> first = time(() -> GroupBy.run(open.value(), RowSelection.all(open.value()),
                    List.of(HandleColumn.OWNING_PROCESS, HandleColumn.TYPE)));
            if (first.value().totalOutstanding() != expectedOutstanding) {
                throw new IllegalStateException("reopened model answers " + first.value().totalOutstanding()
                        + " outstanding, built one " + expectedOutstanding);
            }
            Timed<Void> c = time(() -> {
                cat(index);
                return null;
            });
            wall[i] = open.timing().wallSeconds();
            cpu[i] = open.timing().processCpuSeconds();
            query[i] = first.timing().wallSeconds();
            catWall[i] = c.timing().wallSeconds();
            System.out.printf(Locale.ROOT,
                    "  run %d: reopen %s | first query (%d groups, %,d outstanding) wall %.3f s, cpu %.3f s"
                            + " | cat wall %.3f s%n",
                    i + 1, open.timing(), first.value().groups().size(), first.value().totalOutstanding(),
                    first.timing().wallSeconds(), first.timing().cpuSeconds(), c.timing().wallSeconds());
        }
        System.out.printf(Locale.ROOT,
                "%s: median reopen wall %.3f s (min %.3f), process cpu %.3f s; first query %.3f s;"
                        + " reopen+query %.3f s; cat %.3f s (reopen/cat %.1f)%n",
                label, median(wall), min(wall), median(cpu), median(query), median(wall) + median(query),
                median(catWall), median(wall) / median(catWall));
    }

    /** The reopen of the CLI and the workbench: fingerprint check + index read; null is a failure here. */
    private static HandleModel reopen(Path trace, Path index) throws IOException {
        HandleModel m = HandleModelIndex.openOrNull(trace, index);
        if (m == null) {
            // say why (openOrNull swallows the reason by design)
            HandleModelIndex.read(index);
            throw new IllegalStateException("index " + index + " was not reused (fingerprint differs?)");
        }
        return m;
    }

    private static long outstanding(HandleModel m) {
        long n = 0;
        for (int r = 0; r < m.rowCount(); r++) {
            n += m.isOutstanding(r) ? 1 : 0;
        }
        return n;
    }

    /** {@code cat FILE > /dev/null}, the floor of reading the index from the page cache. */
    private static void cat(Path file) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("cat", file.toString()).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        if (p.waitFor() != 0) {
            throw new IOException("cat " + file + " failed");
        }
    }

    /** The model's rows {@code tiles} times, each copy's times shifted past the previous one. */
    static HandleModel tile(HandleModel m, int tiles) {
        HandleRows src = m.rowStore();
        long n = src.rowCount();
        long span = 0;
        for (long r = 0; r < n; r++) {
            span = Math.max(span, Math.max(src.createTime(r), src.closeTime(r)));
        }
        span += 1_000_000;
        HandleRows rows = new HandleRows(HandleRows.DEFAULT_CHUNK_SHIFT);
        for (int t = 0; t < tiles; t++) {
            long shift = t * span;
            for (long r = 0; r < n; r++) {
                long created = src.createTime(r);
                long closed = src.closeTime(r);
                // only the last copy keeps its outstanding rows open (as a longer trace would)
                boolean reopenLater = closed == ModelConstants.TIME_UNKNOWN && t < tiles - 1;
                rows.append(src.owningProcess(r), src.handleValue(r), src.objectAddress(r), src.typeId(r),
                        src.nameId(r), src.grantedAccess(r), src.attributesId(r), src.creatingProcess(r),
                        reopenLater ? src.owningProcess(r) : src.closingProcess(r), src.createThread(r),
                        created == ModelConstants.TIME_UNKNOWN ? created : created + shift,
                        reopenLater ? shift + span - 1 : closed == ModelConstants.TIME_UNKNOWN ? closed : closed + shift,
                        src.createStack(r), src.closeStack(r), src.dupFromHandle(r), src.dupFromProcess(r),
                        src.detail(r));
            }
        }
        rows.compact();
        return HandleModel.restore(m.source(), m.processes(), m.allModules(), m.stringTable(), m.stackTable(), rows,
                m.warnings(), m.partialReason(), m.snapshots());
    }

    private static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }

    private static double min(double[] v) {
        return Arrays.stream(v).min().orElse(Double.NaN);
    }
}
