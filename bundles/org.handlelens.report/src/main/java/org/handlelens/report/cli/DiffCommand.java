package org.handlelens.report.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;

import org.handlelens.model.HandleModel;
import org.handlelens.model.SourceFormatException;
import org.handlelens.model.query.CountOverTime;
import org.handlelens.model.query.Diff;
import org.handlelens.model.query.GroupResult;
import org.handlelens.model.query.HandleColumn;
import org.handlelens.model.spi.FrameSymbolizer;
import org.handlelens.report.render.CellFormat;
import org.handlelens.report.render.CsvRenderer;
import org.handlelens.report.render.JsonTableRenderer;
import org.handlelens.report.render.TextTableRenderer;
import org.handlelens.report.tables.AnalysisTables;
import org.handlelens.report.tables.HandleTables;

import com.fasterxml.jackson.core.JsonGenerator;

/**
 * {@code handlelens diff A [B] [--from S --to S] [--group-by COLS] [--format table|csv|json]}: handles
 * new, closed and still open between two times of one trace (default: its start and end) or between
 * the ends of two sources (two traces, two WinDbg {@code !handle} / {@code !htrace} snapshots).
 */
final class DiffCommand {
    private DiffCommand() {
    }

    static int run(CliOptions o, ReportCommand.Loader loader, PrintStream out, PrintStream err)
            throws UsageException, IOException, SourceFormatException {
        List<String> files = o.positional();
        if (files.isEmpty() || files.size() > 2) {
            throw new UsageException("'diff' needs one FILE (with --from/--to) or two FILEs, got " + files.size());
        }
        HandlesCommand.Format format = format(o);
        List<HandleColumn> columns = Diff.DEFAULT_COLUMNS;
        if (o.value("--group-by") != null) {
            try {
                columns = HandleColumn.parseGroupKeys(o.value("--group-by"));
            } catch (IllegalArgumentException e) {
                throw new UsageException(e.getMessage());
            }
        }
        String fromText = o.value("--from");
        String toText = o.value("--to");
        HandleModel before;
        HandleModel after;
        Diff.Result result;
        Long from = null;
        Long to = null;
        if (files.size() == 2) {
            if (fromText != null || toText != null) {
                throw new UsageException("--from/--to compare two times of one FILE; with two FILEs the ends of "
                        + "both are compared");
            }
            before = loader.load(Paths.get(files.get(0)));
            after = loader.load(Paths.get(files.get(1)));
            result = Diff.between(before, after, columns);
        } else {
            Path file = Paths.get(files.get(0));
            before = loader.load(file);
            after = before;
            long span = CountOverTime.spanNanos(before);
            if (span <= 0) {
                throw new UsageException(file + " has no times (a snapshot): give two FILEs to compare");
            }
            from = fromText == null ? 0L : seconds(fromText, "--from");
            to = toText == null ? span : seconds(toText, "--to");
            if (from >= to) {
                throw new UsageException("--from must be before --to");
            }
            result = Diff.between(before, from, to, columns);
        }
        FrameSymbolizer.Resolver resolver = o.value("--symbol-path") == null ? null
                : HandlesCommand.openResolver(after, o.value("--symbol-path"), err);
        switch (format) {
            case TABLE -> {
                out.println("new: " + result.added().totalCount() + ", closed: " + result.closed().totalCount()
                        + ", still open: " + result.stillOpen().totalCount());
                TextTableRenderer.render(AnalysisTables.diff(before, after, result, resolver), out);
                partialNote(before, after, out);
            }
            case CSV -> CsvRenderer.render(AnalysisTables.diff(before, after, result, resolver), out);
            case JSON -> {
                try (JsonGenerator g = Json.generator(out)) {
                    g.writeStartObject();
                    g.writeStringField("before", Paths.get(files.get(0)).getFileName().toString());
                    g.writeStringField("after", Paths.get(files.get(files.size() - 1)).getFileName().toString());
                    Json.stringOrNull(g, "from", from == null ? null : CellFormat.iso(before.source().startTime(), from));
                    Json.stringOrNull(g, "to", to == null ? null : CellFormat.iso(before.source().startTime(), to));
                    boolean partial = before.isPartial() || after.isPartial();
                    g.writeBooleanField("partial", partial);
                    Json.stringOrNull(g, "partialReason", before.isPartial() ? before.partialReason()
                            : after.partialReason());
                    groups(g, "new", after, result.added(), resolver);
                    groups(g, "closed", before, result.closed(), resolver);
                    groups(g, "stillOpen", after, result.stillOpen(), resolver);
                    g.writeEndObject();
                }
                out.println();
            }
        }
        int code = HandleLensCli.exitFor(before, err);
        return after != before && code == HandleLensCli.EXIT_OK ? HandleLensCli.exitFor(after, err) : code;
    }

    private static void groups(JsonGenerator g, String field, HandleModel m, GroupResult r,
            FrameSymbolizer.Resolver resolver) throws IOException {
        g.writeObjectFieldStart(field);
        g.writeNumberField("count", r.totalCount());
        g.writeFieldName("groups");
        JsonTableRenderer.writeArray(HandleTables.groups(m, r, resolver), g);
        g.writeEndObject();
    }

    private static void partialNote(HandleModel a, HandleModel b, PrintStream out) {
        if (a.isPartial()) {
            out.println("PARTIAL: " + a.partialReason());
        }
        if (b != a && b.isPartial()) {
            out.println("PARTIAL: " + b.partialReason());
        }
    }

    private static long seconds(String text, String option) throws UsageException {
        try {
            return HandlesCommand.Request.parseSeconds(text);
        } catch (UsageException e) {
            throw new UsageException(option + " needs seconds since trace start, e.g. 12.5; got '" + text + "'");
        }
    }

    /** {@code --format table|csv|json}. */
    static HandlesCommand.Format format(CliOptions o) throws UsageException {
        String f = o.value("--format");
        if (f == null) {
            return HandlesCommand.Format.TABLE;
        }
        return switch (f) {
            case "table" -> HandlesCommand.Format.TABLE;
            case "csv" -> HandlesCommand.Format.CSV;
            case "json" -> HandlesCommand.Format.JSON;
            default -> throw new UsageException("unknown --format '" + f + "' (table, csv or json)");
        };
    }
}
