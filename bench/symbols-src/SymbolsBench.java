import org.handlelens.symbols.SymbolService;
import org.handlelens.symbols.path.PathMapper;
import org.handlelens.symbols.path.SymbolPath;
import org.handlelens.symbols.pdb.PdbFile;
import org.handlelens.symbols.pdb.PdbModule;
import org.handlelens.symbols.pdb.PublicSymbol;
import org.handlelens.symbols.pe.CodeViewRecord;
import org.handlelens.symbols.pe.PeImage;
import org.handlelens.symbols.resolve.FrameResolver;
import org.handlelens.symbols.resolve.LoadedModule;
import org.handlelens.symbols.resolve.ModuleSymbols;
import org.handlelens.symbols.resolve.ProcessModuleMap;
import org.handlelens.symbols.resolve.ResolvedFrame;
import org.handlelens.symbols.resolve.SymbolStatus;
import org.handlelens.symbols.server.FetchMonitor;
import org.handlelens.symbols.server.FetchOptions;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Symbols benchmarks (run by {@code bench/symbols.sh}), printing {@code key=value} lines.
 *
 * <pre>
 * SymbolsBench publics FILE.pdb [warmup] [runs]   # PdbFile.open + publics() + close, median of runs
 * SymbolsBench lines FILE.pdb [warmup] [runs]     # PdbFile.open + every module's C13 line table + close
 * SymbolsBench resolve FILE.exe STORE [frames] [runs]   # FrameResolver from SymbolService on a symstore
 * </pre>
 */
public final class SymbolsBench {
    private SymbolsBench() {
    }

    public static void main(String[] args) throws Exception {
        switch (args[0]) {
            case "publics" -> publics(Path.of(args[1]), arg(args, 2, 5), arg(args, 3, 15));
            case "lines" -> lines(Path.of(args[1]), arg(args, 2, 5), arg(args, 3, 15));
            case "resolve" -> resolve(Path.of(args[1]), Path.of(args[2]), arg(args, 3, 1_000_000), arg(args, 4, 7));
            default -> throw new IllegalArgumentException("mode: publics | resolve");
        }
    }

    private static int arg(String[] args, int i, int dflt) {
        return args.length > i ? Integer.parseInt(args[i]) : dflt;
    }

    private static double median(long[] nanos) {
        long[] s = nanos.clone();
        Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2.0;
    }

    /** Cold-in-process, warm-page-cache load of the publics: what `llvm-pdbutil dump -publics` does too. */
    private static void publics(Path pdb, int warmup, int runs) throws Exception {
        long sink = 0;
        int count = 0;
        for (int i = 0; i < warmup; i++) {
            sink += loadPublics(pdb);
        }
        long[] t = new long[runs];
        for (int i = 0; i < runs; i++) {
            long t0 = System.nanoTime();
            count = loadPublics(pdb);
            t[i] = System.nanoTime() - t0;
            sink += count;
        }
        System.out.println("publics=" + count);
        System.out.println("publicsMedianMs=" + String.format("%.3f", median(t) / 1e6));
        System.out.println("publicsMinMs=" + String.format("%.3f", Arrays.stream(t).min().orElseThrow() / 1e6));
        System.out.println("sink=" + sink);
    }

    /** Every module's line table, as `llvm-pdbutil dump -l` reads them (ours also sorts them for lookup). */
    private static void lines(Path pdb, int warmup, int runs) throws Exception {
        long sink = 0;
        long entries = 0;
        for (int i = 0; i < warmup; i++) {
            sink += loadLines(pdb);
        }
        long[] t = new long[runs];
        for (int i = 0; i < runs; i++) {
            long t0 = System.nanoTime();
            entries = loadLines(pdb);
            t[i] = System.nanoTime() - t0;
            sink += entries;
        }
        System.out.println("lineEntries=" + entries);
        System.out.println("linesMedianMs=" + String.format("%.3f", median(t) / 1e6));
        System.out.println("linesMinMs=" + String.format("%.3f", Arrays.stream(t).min().orElseThrow() / 1e6));
        System.out.println("sink=" + sink);
    }

    private static long loadLines(Path pdb) throws Exception {
        try (PdbFile f = PdbFile.open(pdb)) {
            long n = 0;
            for (PdbModule m : f.modules()) {
                n += f.lineTable(m).entryCount();
            }
            return n;
        }
    }

    private static int loadPublics(Path pdb) throws Exception {
        try (PdbFile f = PdbFile.open(pdb)) {
            List<PublicSymbol> pubs = f.publics();
            int n = 0;
            for (PublicSymbol p : pubs) {
                n += p.name().length() > 0 ? 1 : 0; // touch every record (names decoded)
            }
            return n;
        }
    }

    /**
     * Frames/s of {@link FrameResolver#resolve(ProcessModuleMap, long)} over random addresses inside the module,
     * after the module's symbols are in the resolver's cache (first call loads them through the symbol path).
     */
    private static void resolve(Path exe, Path store, int frames, int runs) throws Exception {
        PeImage pe = PeImage.read(exe);
        CodeViewRecord cv = pe.codeView().orElseThrow();
        long base = pe.imageBase();
        LoadedModule module = new LoadedModule(exe.getFileName().toString(), base, pe.sizeOfImageBytes(),
                pe.imageIdentity(), cv.pdbIdentity());
        // other modules of the process, so the module lookup is not trivial
        List<LoadedModule> modules = new java.util.ArrayList<>(List.of(module));
        for (int i = 0; i < 40; i++) {
            modules.add(new LoadedModule("other" + i + ".dll", 0x7FFB_0000_0000L + i * 0x100_0000L, 0x80_0000, null,
                    null));
        }
        ProcessModuleMap process = new ProcessModuleMap(modules);
        PathMapper mapper = PathMapper.forCurrentOs(store.resolve("windows-root"));
        SymbolService service = new SymbolService(SymbolPath.parse(store.toString(), store.resolve("default-cache"),
                mapper), mapper, FetchOptions.defaults());
        FrameResolver resolver = service.frameResolver(FetchMonitor.NONE);
        long t0 = System.nanoTime();
        ModuleSymbols ms = resolver.symbolsOf(module);
        long loadNanos = System.nanoTime() - t0;
        if (ms.status() != SymbolStatus.LOADED) {
            throw new IllegalStateException("symbols not loaded: " + ms.describe());
        }
        long[] addresses = new long[frames];
        SplittableRandom rnd = new SplittableRandom(42);
        for (int i = 0; i < frames; i++) {
            addresses[i] = base + rnd.nextLong(pe.sizeOfImageBytes());
        }
        long sink = 0;
        int named = 0;
        int sourced = 0;
        for (int w = 0; w < 3; w++) { // warm-up: JIT
            for (long a : addresses) {
                sink += resolver.resolve(process, a).offsetBytes();
            }
        }
        long[] t = new long[runs];
        long[] tText = new long[runs];
        long[] tSource = new long[runs];
        for (int r = 0; r < runs; r++) {
            long s = System.nanoTime();
            for (long a : addresses) {
                ResolvedFrame f = resolver.resolve(process, a);
                sink += f.offsetBytes();
            }
            t[r] = System.nanoTime() - s;
            s = System.nanoTime();
            named = 0;
            for (long a : addresses) {
                ResolvedFrame f = resolver.resolve(process, a);
                sink += f.display().length();
                named += f.function() != null ? 1 : 0;
            }
            tText[r] = System.nanoTime() - s;
            s = System.nanoTime();
            sourced = 0;
            for (long a : addresses) {
                LoadedModule m = process.find(a);
                ResolvedFrame f = m == null ? null : resolver.resolveWithSource(m, a);
                sourced += f != null && f.source() != null ? 1 : 0;
            }
            tSource[r] = System.nanoTime() - s;
        }
        System.out.println("symbols=" + ms.table().size());
        System.out.println("firstLoadMs=" + String.format("%.1f", loadNanos / 1e6));
        System.out.println("frames=" + frames);
        System.out.println("namedFrames=" + named);
        System.out.println("sourcedFrames=" + sourced);
        System.out.println("framesPerSecond=" + String.format("%.0f", frames / (median(t) / 1e9)));
        System.out.println("framesPerSecondWithText=" + String.format("%.0f", frames / (median(tText) / 1e9)));
        System.out.println("framesPerSecondWithSource=" + String.format("%.0f", frames / (median(tSource) / 1e9)));
        System.out.println("sink=" + sink);
    }
}
