package org.handlelens.report.cli;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;

import org.handlelens.model.HandleModel;
import org.handlelens.model.SourceFormatException;
import org.handlelens.model.analysis.LeakSuspectAnalysis;
import org.handlelens.report.analysis.SourceAnalysis;
import org.handlelens.report.html.HtmlReport;
import org.handlelens.report.json.SuspectsJson;
import org.handlelens.model.store.AtomicFile;
import org.handlelens.report.render.TableFiles;
import org.handlelens.report.render.TableResult;
import org.handlelens.report.tables.AnalysisTables;

/**
 * {@code handlelens report FILE... -o DIR [--symbol-path P] [--limit N]}: writes {@code index.html},
 * {@code suspects.json}, {@code suspects.csv}, {@code processes.csv} and
 * {@code handles-by-process-type.csv} into DIR.
 */
final class ReportCommand {
    /** Files written into the output folder. */
    static final List<String> OUTPUTS = List.of("index.html", "suspects.json", "suspects.csv", "processes.csv",
            "handles-by-process-type.csv");

    private ReportCommand() {
    }

    /** Loads one source. */
    interface Loader {
        HandleModel load(Path file) throws IOException, SourceFormatException;
    }

    static int run(CliOptions o, Loader loader, PrintStream out, PrintStream err)
            throws UsageException, IOException, SourceFormatException {
        if (o.positional().isEmpty()) {
            throw new UsageException("'report' needs at least one FILE");
        }
        String dir = o.value("-o") != null ? o.value("-o") : o.value("--output");
        if (dir == null || dir.isBlank()) {
            throw new UsageException("'report' needs -o DIR (the folder to write index.html and the tables into)");
        }
        LeakSuspectAnalysis.Options options = options(o);
        Path outDir = Paths.get(dir);
        if (Files.exists(outDir) && !Files.isDirectory(outDir)) {
            throw new UsageException("-o " + dir + " exists and is not a folder");
        }
        List<SourceAnalysis> analyses = analyse(o, loader, options, err);
        Files.createDirectories(outDir);
        AtomicFile.write(outDir.resolve("index.html"), os -> {
            Writer w = new OutputStreamWriter(os, StandardCharsets.UTF_8);
            HtmlReport.write(analyses, w);
            w.flush();
        });
        AtomicFile.write(outDir.resolve("suspects.json"), os -> SuspectsJson.write(analyses, os));
        csv(outDir.resolve("suspects.csv"), AnalysisTables.suspects(analyses));
        csv(outDir.resolve("processes.csv"), AnalysisTables.processes(analyses));
        csv(outDir.resolve("handles-by-process-type.csv"), AnalysisTables.byProcessType(analyses));
        int suspects = analyses.stream().mapToInt(a -> a.suspects().suspects().size()).sum();
        out.println("wrote " + outDir.resolve("index.html") + " (" + analyses.size() + " source"
                + (analyses.size() == 1 ? "" : "s") + ", " + suspects + " suspect" + (suspects == 1 ? "" : "s")
                + "), suspects.json, suspects.csv, processes.csv, handles-by-process-type.csv");
        int code = HandleLensCli.EXIT_OK;
        for (SourceAnalysis a : analyses) {
            if (a.model().isPartial()) {
                err.println("handlelens: partial result: " + a.fileName() + ": " + a.model().partialReason());
                code = HandleLensCli.EXIT_INPUT;
            }
        }
        return code;
    }

    /** Loads and analyses every positional FILE. */
    static List<SourceAnalysis> analyse(CliOptions o, Loader loader, LeakSuspectAnalysis.Options options,
            PrintStream err) throws IOException, SourceFormatException {
        List<SourceAnalysis> analyses = new ArrayList<>();
        for (String f : o.positional()) {
            Path file = Paths.get(f);
            HandleModel m = loader.load(file);
            String symbolPath = o.value("--symbol-path");
            analyses.add(SourceAnalysis.of(file, m,
                    symbolPath == null ? null : HandlesCommand.openResolver(m, symbolPath, err), options));
        }
        return analyses;
    }

    /** Suspect options from {@code --limit N}. */
    static LeakSuspectAnalysis.Options options(CliOptions o) throws UsageException {
        LeakSuspectAnalysis.Options options = LeakSuspectAnalysis.Options.DEFAULT;
        String limit = o.value("--limit");
        if (limit != null) {
            try {
                int n = Integer.parseInt(limit.trim());
                if (n < 0) {
                    throw new NumberFormatException();
                }
                options = options.withLimit(n);
            } catch (NumberFormatException e) {
                throw new UsageException("--limit needs a number >= 0 (0 = all), got '" + limit + "'");
            }
        }
        return options;
    }

    private static void csv(Path file, TableResult table) throws IOException {
        TableFiles.write(table, TableFiles.Format.CSV, file, rows -> { });
    }
}
