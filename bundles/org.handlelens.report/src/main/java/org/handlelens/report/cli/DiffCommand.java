package org.handlelens.report.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;

import org.handlelens.model.HandleModel;
import org.handlelens.model.Snapshot;
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
 * {@code handlelens diff A [B] [--from S --to S | --from-snapshot N --to-snapshot M] [--group-by COLS]
 * [--format table|csv|json]}: handles new, closed and still open between two times of one trace
 * (default: its start and end), between two snapshots of one WinDbg log ({@code !htrace -diff} outputs,
 * {@code !handle} listings; default: its first and last), or between the ends of two sources (two traces,
 * two WinDbg {@code !handle} / {@code !htrace} snapshots).
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
        String fromSnapText = o.value("--from-snapshot");
        String toSnapText = o.value("--to-snapshot");
        boolean bySnapshot = fromSnapText != null || toSnapText != null;
        if (bySnapshot && (fromText != null || toText != null)) {
            throw new UsageException("give times (--from/--to) or snapshots (--from-snapshot/--to-snapshot), not both");
        }
        HandleModel before;
        HandleModel after;
        Diff.Result result;
        Long from = null;
        Long to = null;
        Snapshot fromSnap = null;
        Snapshot toSnap = null;
        if (files.size() == 2) {
            if (fromText != null || toText != null || bySnapshot) {
                throw new UsageException("--from/--to and --from-snapshot/--to-snapshot compare two points of one "
                        + "FILE; with two FILEs the ends of both are compared");
            }
            before = loader.load(Paths.get(files.get(0)));
            after = loader.load(Paths.get(files.get(1)));
            result = Diff.between(before, after, columns);
        } else {
            Path file = Paths.get(files.get(0));
            before = loader.load(file);
            after = before;
            long span = CountOverTime.spanNanos(before);
            List<Snapshot> snapshots = before.snapshots();
            if (bySnapshot || (span <= 0 && fromText == null && toText == null && snapshots.size() >= 2)) {
                if (snapshots.size() < 2) {
                    throw new UsageException(file + " has " + snapshots.size() + " snapshot(s); a snapshot diff needs"
                            + " two (" + (snapshots.isEmpty() ? "a trace has times: use --from/--to"
                                    : snapshots.get(0).describe()) + ")");
                }
                int a = fromSnapText == null ? 0 : snapshotIndex(fromSnapText, "--from-snapshot", before);
                int b = toSnapText == null ? snapshots.size() - 1 : snapshotIndex(toSnapText, "--to-snapshot", before);
                if (a >= b) {
                    throw new UsageException("--from-snapshot must come before --to-snapshot (got " + a + " and " + b
                            + ")");
                }
                fromSnap = snapshots.get(a);
                toSnap = snapshots.get(b);
                result = Diff.betweenSnapshots(before, a, b, columns);
            } else {
                if (span <= 0) {
                    throw new UsageException(file + " has no times and fewer than two snapshots: give two FILEs to "
                            + "compare");
                }
                from = fromText == null ? 0L : seconds(fromText, "--from");
                to = toText == null ? span : seconds(toText, "--to");
                if (from >= to) {
                    throw new UsageException("--from must be before --to");
                }
                result = Diff.between(before, from, to, columns);
            }
        }
        FrameSymbolizer.Resolver resolver = o.value("--symbol-path") == null ? null
                : HandlesCommand.openResolver(after, o.value("--symbol-path"), err);
        switch (format) {
            case TABLE -> {
                if (fromSnap != null) {
                    out.println("snapshot " + fromSnap.describe() + " -> " + toSnap.describe());
                }
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
                    snapshot(g, "fromSnapshot", fromSnap);
                    snapshot(g, "toSnapshot", toSnap);
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

    /** A snapshot as {@code {index, kind, line, label}}, or null. */
    static void snapshot(JsonGenerator g, String field, Snapshot s) throws IOException {
        if (s == null) {
            g.writeNullField(field);
            return;
        }
        g.writeFieldName(field);
        Json.snapshot(g, s);
    }

    /** {@code --from-snapshot N}: an index of {@code m}'s snapshots, else a usage error listing them. */
    private static int snapshotIndex(String text, String option, HandleModel m) throws UsageException {
        int n = m.snapshots().size();
        int index;
        try {
            index = Integer.parseInt(text.strip());
        } catch (NumberFormatException e) {
            index = -1;
        }
        if (index < 0 || index >= n) {
            StringBuilder sb = new StringBuilder(option + " needs a snapshot index 0.." + (n - 1) + " of "
                    + m.source().fileName() + ", got '" + text + "'; its snapshots:");
            m.snapshots().forEach(s -> sb.append("\n  ").append(s.describe()));
            throw new UsageException(sb.toString());
        }
        return index;
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
