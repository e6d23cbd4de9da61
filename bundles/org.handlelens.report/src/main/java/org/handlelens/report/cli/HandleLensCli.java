package org.handlelens.report.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Set;
import java.util.concurrent.CancellationException;

import org.handlelens.model.HandleModel;
import org.handlelens.model.SourceFormatException;
import org.handlelens.model.spi.ModelSources;

/**
 * The headless command line ({@code handlelens info|handles ...}), a plain {@code main} without OSGi.
 * Importers are found on the class path with {@link java.util.ServiceLoader}.
 *
 * <p>Exit codes: 0 ok; 1 internal error; 2 bad usage; 3 unreadable or invalid input, or a partial
 * result (printed, marked {@code "partial": true}).
 */
public final class HandleLensCli {
    /** Success. */
    public static final int EXIT_OK = 0;
    /** Internal error (a bug) or canceled. */
    public static final int EXIT_INTERNAL = 1;
    /** Bad command line. */
    public static final int EXIT_USAGE = 2;
    /** Unreadable or invalid input, or partial result. */
    public static final int EXIT_INPUT = 3;

    static final String USAGE = """
            Usage:
              handlelens info FILE [--json]
              handlelens handles FILE [--outstanding] [--pre-existing] [--at S] [--process PID|NAME]
                                      [--type T] [--name TEXT] [--group-by COLS] [--symbol-path P]
                                      [--format table|csv|json]
              handlelens suspects FILE [--limit N] [--symbol-path P] [--format table|csv|json]
              handlelens report FILE... -o DIR [--limit N] [--symbol-path P]
              handlelens diff A [B] [--from S --to S | --from-snapshot N --to-snapshot M] [--group-by COLS]
                                    [--symbol-path P] [--format table|csv|json]
              handlelens objects FILE [--name PATTERN] [--type T] [--min-lifetime S] [--process PID|NAME]
                                      [--min-processes N] [--limit N] [--object ADDR] [--symbol-path P]
                                      [--format table|csv|json]
              handlelens symbols publics FILE.pdb [--json] | fetch --symbol-path P FILE | resolve --symbol-path P MODULE ADDRESS...
            FILE is an ETW trace (.etl) or WinDbg output (!process, !handle, !htrace) as text.
            --at S        handles open at S seconds since the trace start
            --group-by    comma-separated: owning-process, creating-process, closing-process, type, name,
                          object, handle, create-stack, create-thread
            report        writes DIR/index.html (self-contained), suspects.json, suspects.csv, processes.csv,
                          handles-by-process-type.csv
            diff          one FILE: handles new / closed / still open between --from and --to (default: start
                          and end), or between two snapshots of a WinDbg log (!htrace -enable/-snapshot/-diff,
                          each !handle listing; numbers as `info` lists them; default: first and last);
                          two FILEs: between the ends of A and B (e.g. two !handle snapshots)
            objects       kernel objects with their handles in all processes, longest lifetime first (--limit,
                          default 100; 0 = all); --name is a glob (*Event*) or re:REGEX on the whole name;
                          --min-lifetime S keeps objects open at least S seconds; --min-processes 2 keeps
                          shared objects; --object ADDR shows one object's handles (create, duplicate, close)
            --no-index    do not read or write the persisted index of large traces
            Exit codes: 0 ok, 2 bad usage, 3 unreadable/invalid input or partial result.""";

    private final ModelSources sources;
    private final Path cacheDir;

    /** CLI using the importers on {@code sources} and the index cache folder {@code cacheDir}. */
    public HandleLensCli(ModelSources sources, Path cacheDir) {
        this.sources = sources;
        this.cacheDir = cacheDir;
    }

    /** Entry point: runs {@link #run} and exits with its code. */
    public static void main(String[] args) {
        PrintStream out = new PrintStream(new java.io.BufferedOutputStream(
                new java.io.FileOutputStream(java.io.FileDescriptor.out), 1 << 16), false,
                java.nio.charset.StandardCharsets.UTF_8);
        int code = run(args, out, System.err);
        out.flush();
        System.exit(code);
    }

    /** Runs the command line with importers from this class's class loader; returns the exit code. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        return new HandleLensCli(ModelSources.discover(HandleLensCli.class.getClassLoader()),
                ModelLoading.defaultCacheDir()).execute(args, out, err);
    }

    /** Runs one command; returns the exit code. */
    public int execute(String[] args, PrintStream out, PrintStream err) {
        try {
            if (args.length == 0) {
                throw new UsageException("no command given");
            }
            String command = args[0];
            return switch (command) {
                case "-h", "--help", "help" -> {
                    out.println(USAGE);
                    yield EXIT_OK;
                }
                case "info" -> {
                    CliOptions o = CliOptions.parse(command, args, 1, Set.of("--json", "--no-index"), Set.of());
                    Path file = Paths.get(o.singleFile(command));
                    yield InfoCommand.run(new ModelLoading(sources, cacheDir, !o.flag("--no-index")).loadInfo(file, err),
                            o.flag("--json"), out, err);
                }
                case "handles" -> {
                    CliOptions o = CliOptions.parse(command, args, 1,
                            Set.of("--outstanding", "--pre-existing", "--no-index"),
                            Set.of("--at", "--process", "--type", "--name", "--group-by", "--symbol-path",
                                    "--format"));
                    HandlesCommand.Request req = HandlesCommand.Request.of(o);
                    Path file = Paths.get(o.singleFile(command));
                    yield HandlesCommand.run(load(file, o, err), req, out, err);
                }
                case "report" -> {
                    CliOptions o = CliOptions.parse(command, args, 1, Set.of("--no-index"),
                            Set.of("-o", "--output", "--symbol-path", "--limit"));
                    yield ReportCommand.run(o, f -> load(f, o, err), out, err);
                }
                case "suspects" -> {
                    CliOptions o = CliOptions.parse(command, args, 1, Set.of("--no-index"),
                            Set.of("--symbol-path", "--limit", "--format"));
                    yield SuspectsCommand.run(o, f -> load(f, o, err), out, err);
                }
                case "diff" -> {
                    CliOptions o = CliOptions.parse(command, args, 1, Set.of("--no-index"),
                            Set.of("--from", "--to", "--from-snapshot", "--to-snapshot", "--group-by", "--symbol-path",
                                    "--format"));
                    yield DiffCommand.run(o, f -> load(f, o, err), out, err);
                }
                case "objects" -> {
                    CliOptions o = CliOptions.parse(command, args, 1, Set.of("--no-index"),
                            Set.of("--name", "--type", "--min-lifetime", "--process", "--min-processes", "--limit",
                                    "--object", "--symbol-path", "--format"));
                    yield ObjectsCommand.run(o, f -> load(f, o, err), out, err);
                }
                case "symbols" -> new org.handlelens.symbols.cli.SymbolsCommand()
                        .run(java.util.Arrays.copyOfRange(args, 1, args.length), out, err);
                default -> throw new UsageException("unknown command '" + command + "'");
            };
        } catch (UsageException e) {
            err.println("handlelens: " + e.getMessage());
            err.println(USAGE);
            return EXIT_USAGE;
        } catch (SourceFormatException e) {
            err.println("handlelens: " + e.getMessage());
            return EXIT_INPUT;
        } catch (IOException | java.io.UncheckedIOException e) {
            err.println("handlelens: " + e.getMessage());
            return EXIT_INPUT;
        } catch (CancellationException e) {
            err.println("handlelens: canceled");
            return EXIT_INTERNAL;
        } catch (RuntimeException e) {
            err.println("handlelens: internal error: " + e);
            e.printStackTrace(err);
            return EXIT_INTERNAL;
        } finally {
            out.flush();
        }
    }

    private HandleModel load(Path file, CliOptions o, PrintStream err) throws IOException, SourceFormatException {
        return new ModelLoading(sources, cacheDir, !o.flag("--no-index")).load(file, err);
    }

    /** Exit code for a printed model: 3 when partial (reason on stderr), else 0. */
    static int exitFor(HandleModel m, PrintStream err) {
        return m.isPartial() ? partial(m.partialReason(), err) : EXIT_OK;
    }

    /** Exit code 3 for a partial result, its reason on stderr. */
    static int partial(String reason, PrintStream err) {
        err.println("handlelens: partial result: " + reason);
        return EXIT_INPUT;
    }
}
