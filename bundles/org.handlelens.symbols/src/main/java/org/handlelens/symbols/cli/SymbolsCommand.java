package org.handlelens.symbols.cli;

import org.handlelens.symbols.DefaultLocations;
import org.handlelens.symbols.PdbIdentity;
import org.handlelens.symbols.SymbolService;
import org.handlelens.symbols.io.CorruptFileException;
import org.handlelens.symbols.path.PathMapper;
import org.handlelens.symbols.path.SymbolPath;
import org.handlelens.symbols.pdb.PdbFile;
import org.handlelens.symbols.pdb.PublicSymbol;
import org.handlelens.symbols.pdb.SourceLine;
import org.handlelens.symbols.pe.CodeViewRecord;
import org.handlelens.symbols.pe.PeImage;
import org.handlelens.symbols.resolve.FrameResolver;
import org.handlelens.symbols.resolve.LoadedModule;
import org.handlelens.symbols.resolve.ModuleSymbols;
import org.handlelens.symbols.resolve.ResolvedFrame;
import org.handlelens.symbols.server.FetchException;
import org.handlelens.symbols.server.FetchMonitor;
import org.handlelens.symbols.server.FetchOptions;
import org.handlelens.symbols.server.FetchResult;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code handlelens symbols ...}: {@code publics FILE.pdb [--json]}, {@code fetch [--symbol-path P] FILE}, and
 * {@code resolve [--symbol-path P] MODULE ADDRESS...}. Exit codes: 0 ok, 1 symbols not found, 2 bad usage,
 * 3 unreadable or invalid input.
 */
public final class SymbolsCommand {
    /** Success. */
    public static final int EXIT_OK = 0;
    /** The symbol file was not found on the symbol path. */
    public static final int EXIT_NOT_FOUND = 1;
    /** Bad usage. */
    public static final int EXIT_USAGE = 2;
    /** Unreadable or invalid input. */
    public static final int EXIT_BAD_INPUT = 3;

    static final String USAGE = """
            usage: handlelens symbols publics FILE.pdb [--json]
                   handlelens symbols fetch [--symbol-path P] [--cache DIR] FILE.exe|FILE.dll|FILE.pdb
                   handlelens symbols resolve [--symbol-path P] [--cache DIR] [--json] MODULE.exe ADDRESS...
              ADDRESS: hex virtual address at the image's preferred base (0x140001170), or +0xRVA;
              resolve prints "ADDRESS module!function+0xNN" plus " at FILE:LINE" when the PDB has line tables
              P defaults to _NT_SYMBOL_PATH; DIR (default cache for srv* without one) defaults to
              $HANDLELENS_SYMBOL_CACHE or ~/.cache/handlelens/symbols; on Linux/macOS Windows paths
              such as C:\\symbols map to DIR/../windows-paths/c/symbols""";

    private final Map<String, String> env;

    /** Uses the process environment (for {@code _NT_SYMBOL_PATH} and {@code HOME}). */
    public SymbolsCommand() {
        this(System.getenv());
    }

    /** Uses the given environment (tests). */
    public SymbolsCommand(Map<String, String> env) {
        this.env = env;
    }

    /** Bad usage. */
    private static final class UsageException extends Exception {
        private static final long serialVersionUID = 1L;

        UsageException(String message) {
            super(message);
        }
    }

    /** Parsed options and positional arguments. */
    private record Args(String symbolPath, Path cache, boolean json, List<String> positional) {
    }

    /**
     * Runs the command.
     *
     * @param args arguments after {@code symbols} (a leading {@code symbols} is tolerated)
     * @return exit code
     */
    public int run(String[] args, PrintStream out, PrintStream err) {
        List<String> a = new ArrayList<>(List.of(args));
        if (!a.isEmpty() && a.get(0).equals("symbols")) {
            a.remove(0);
        }
        if (a.isEmpty() || a.get(0).equals("--help") || a.get(0).equals("-h")) {
            (a.isEmpty() ? err : out).println(USAGE);
            return a.isEmpty() ? EXIT_USAGE : EXIT_OK;
        }
        String sub = a.remove(0);
        try {
            Args parsed = parse(a);
            return switch (sub) {
                case "publics" -> publics(parsed, out);
                case "fetch" -> fetch(parsed, out, err);
                case "resolve" -> resolve(parsed, out, err);
                default -> throw new UsageException("unknown subcommand \"" + sub + "\"");
            };
        } catch (UsageException e) {
            err.println("handlelens symbols: " + e.getMessage());
            err.println(USAGE);
            return EXIT_USAGE;
        } catch (NoSuchFileException e) {
            err.println("handlelens symbols: file not found: " + e.getFile());
            return EXIT_BAD_INPUT;
        } catch (CorruptFileException e) {
            err.println("handlelens symbols: " + e.getMessage());
            return EXIT_BAD_INPUT;
        } catch (FetchException e) {
            err.println("handlelens symbols: " + e.getMessage());
            return EXIT_NOT_FOUND;
        } catch (IOException e) {
            err.println("handlelens symbols: cannot read input: " + e.getMessage());
            return EXIT_BAD_INPUT;
        }
    }

    private Args parse(List<String> a) throws UsageException {
        String symbolPath = null;
        Path cache = null;
        boolean json = false;
        List<String> pos = new ArrayList<>();
        for (int i = 0; i < a.size(); i++) {
            String s = a.get(i);
            switch (s) {
                case "--json" -> json = true;
                case "--symbol-path", "--cache" -> {
                    if (i + 1 >= a.size()) {
                        throw new UsageException(s + " needs a value");
                    }
                    String v = a.get(++i);
                    if (s.equals("--cache")) {
                        cache = Path.of(v);
                    } else {
                        symbolPath = v;
                    }
                }
                default -> {
                    if (s.startsWith("--")) {
                        throw new UsageException("unknown option " + s);
                    }
                    pos.add(s);
                }
            }
        }
        return new Args(symbolPath, cache, json, pos);
    }

    private int publics(Args a, PrintStream out) throws IOException, UsageException {
        if (a.positional().size() != 1) {
            throw new UsageException("publics takes exactly one PDB file");
        }
        List<PublicSymbol> pubs;
        try (PdbFile pdb = PdbFile.open(Path.of(a.positional().get(0)))) {
            pubs = new ArrayList<>(pdb.publics().stream().filter(p -> p.rva() >= 0).toList());
        }
        pubs.sort(Comparator.comparingLong(PublicSymbol::rva).thenComparing(PublicSymbol::name));
        if (a.json()) {
            StringBuilder sb = new StringBuilder("[");
            for (int i = 0; i < pubs.size(); i++) {
                sb.append(i == 0 ? "\n" : ",\n").append("  {\"rva\": ").append(pubs.get(i).rva())
                        .append(", \"name\": ").append(jsonString(pubs.get(i).name())).append('}');
            }
            out.println(sb.append(pubs.isEmpty() ? "]" : "\n]"));
        } else {
            for (PublicSymbol p : pubs) {
                out.printf(Locale.ROOT, "0x%08x %s%n", p.rva(), p.name());
            }
        }
        return EXIT_OK;
    }

    private SymbolService service(Args a) throws UsageException {
        String text = a.symbolPath() != null ? a.symbolPath() : env.get("_NT_SYMBOL_PATH");
        if (text == null || text.isBlank()) {
            throw new UsageException("no symbol path: give --symbol-path or set _NT_SYMBOL_PATH");
        }
        Path cache = a.cache() != null ? a.cache() : DefaultLocations.symbolCache(env);
        PathMapper mapper = PathMapper.forCurrentOs(DefaultLocations.windowsRoot(cache));
        try {
            return new SymbolService(SymbolPath.parse(text, cache, mapper), mapper, FetchOptions.defaults());
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
    }

    private int fetch(Args a, PrintStream out, PrintStream err) throws IOException, UsageException {
        if (a.positional().size() != 1) {
            throw new UsageException("fetch takes exactly one file (FILE.exe, FILE.dll or FILE.pdb)");
        }
        Path file = Path.of(a.positional().get(0));
        SymbolService svc = service(a);
        PdbIdentity id = pdbIdentityOf(file);
        FetchResult r = svc.fetchPdb(id, FetchMonitor.NONE);
        if (!r.found()) {
            err.println("handlelens symbols: " + id.storePath() + " not found on the symbol path");
            r.rejected().forEach(x -> err.println("  rejected " + x));
            r.errors().forEach(x -> err.println("  error " + x));
            return EXIT_NOT_FOUND;
        }
        out.println(r.file());
        return EXIT_OK;
    }

    /** The PDB identity of an image (its RSDS record) or of a PDB file (its own GUID and DBI age). */
    private static PdbIdentity pdbIdentityOf(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new NoSuchFileException(file.toString());
        }
        if (file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".pdb")) {
            try (PdbFile pdb = PdbFile.open(file)) {
                return pdb.identity(file.getFileName().toString());
            }
        }
        PeImage pe = PeImage.read(file);
        CodeViewRecord cv = pe.codeView().orElseThrow(() -> new CorruptFileException(file.toString(), -1,
                "image has no CodeView (RSDS) debug record, so its PDB cannot be identified"));
        if (cv.guid() == null) {
            throw new CorruptFileException(file.toString(), -1, "image has an old NB10 CodeView record (not supported)");
        }
        return cv.pdbIdentity();
    }

    private int resolve(Args a, PrintStream out, PrintStream err) throws IOException, UsageException {
        if (a.positional().size() < 2) {
            throw new UsageException("resolve needs MODULE.exe and at least one ADDRESS");
        }
        Path file = Path.of(a.positional().get(0));
        List<String> tokens = a.positional().subList(1, a.positional().size());
        if (!Files.isRegularFile(file)) {
            throw new NoSuchFileException(file.toString());
        }
        PeImage pe = PeImage.read(file);
        List<Long> addresses = new ArrayList<>();
        for (String t : tokens) {
            addresses.add(parseAddress(t, pe.imageBase()));
        }
        SymbolService svc = service(a);
        PdbIdentity id = pe.codeView().filter(cv -> cv.guid() != null).map(CodeViewRecord::pdbIdentity).orElse(null);
        LoadedModule module = new LoadedModule(pe.fileName(), pe.imageBase(), pe.sizeOfImageBytes(), pe.imageIdentity(), id);
        ModuleSymbols syms = svc.moduleSymbols(module, file, FetchMonitor.NONE);
        err.println(module.moduleName() + ": " + syms.describe() + (syms.source() != null ? " (" + syms.source() + ")" : ""));
        FrameResolver resolver = new FrameResolver(m -> syms);
        StringBuilder json = new StringBuilder("[");
        for (int i = 0; i < tokens.size(); i++) {
            long va = addresses.get(i);
            ResolvedFrame f = module.contains(va) ? resolver.resolveWithSource(module, va) : null;
            if (a.json()) {
                json.append(i == 0 ? "\n  " : ",\n  ").append(resolvedJson(tokens.get(i), va, f, pe.fileName()));
            } else if (f == null) {
                out.println(tokens.get(i) + " (outside " + pe.fileName() + ")");
            } else {
                out.println(tokens.get(i) + " " + f.display() + (f.source() != null ? " at " + f.sourceText() : ""));
            }
        }
        if (a.json()) {
            out.println(json.append(tokens.isEmpty() ? "]" : "\n]"));
        }
        syms.lines().warnings().forEach(w -> err.println("warning: " + w));
        return EXIT_OK;
    }

    /** One resolve result: input, address, frame text, parts, and file/line/column (null when unknown). */
    private static String resolvedJson(String token, long va, ResolvedFrame f, String imageName) {
        StringBuilder sb = new StringBuilder("{\"input\": ").append(jsonString(token))
                .append(", \"address\": ").append(jsonString("0x" + Long.toHexString(va)));
        if (f == null) {
            return sb.append(", \"frame\": null, \"error\": ").append(jsonString("outside " + imageName)).append('}').toString();
        }
        sb.append(", \"frame\": ").append(jsonString(f.display()))
                .append(", \"module\": ").append(jsonString(f.module()))
                .append(", \"function\": ").append(f.function() == null ? "null" : jsonString(f.function()))
                .append(", \"offset\": ").append(f.offsetBytes());
        SourceLine src = f.source();
        if (src == null) {
            return sb.append(", \"file\": null, \"line\": null}").toString();
        }
        sb.append(", \"file\": ").append(jsonString(src.file())).append(", \"line\": ").append(src.line());
        if (src.column() > 0) {
            sb.append(", \"column\": ").append(src.column());
        }
        return sb.append('}').toString();
    }

    private static long parseAddress(String t, long imageBase) throws UsageException {
        try {
            if (t.startsWith("+")) {
                String h = t.substring(1);
                return imageBase + Long.parseUnsignedLong(strip0x(h), 16);
            }
            return Long.parseUnsignedLong(strip0x(t).replace("`", ""), 16);
        } catch (NumberFormatException e) {
            throw new UsageException("not a hex address: \"" + t + "\" (use 0x140001170 or +0x1170)");
        }
    }

    private static String strip0x(String s) {
        return s.startsWith("0x") || s.startsWith("0X") ? s.substring(2) : s;
    }

    /** A JSON string literal. */
    static String jsonString(String s) {
        StringBuilder sb = new StringBuilder("\"");
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (c < 0x20) {
                        sb.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.append('"').toString();
    }
}
