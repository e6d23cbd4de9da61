package org.handlelens.report.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.util.List;
import java.util.ServiceLoader;

import org.handlelens.model.HandleModel;
import org.handlelens.model.ModelConstants;
import org.handlelens.model.ProgressMonitor;
import org.handlelens.model.query.GroupBy;
import org.handlelens.model.query.GroupResult;
import org.handlelens.model.query.HandleColumn;
import org.handlelens.model.query.HandleFilter;
import org.handlelens.model.query.RowSelection;
import org.handlelens.model.spi.FrameSymbolizer;
import org.handlelens.report.render.CsvRenderer;
import org.handlelens.report.render.JsonTableRenderer;
import org.handlelens.report.render.TableResult;
import org.handlelens.report.render.TextTableRenderer;
import org.handlelens.report.tables.HandleTables;

import com.fasterxml.jackson.core.JsonGenerator;

/** {@code handlelens handles FILE [filters] [--group-by COLS] [--format table|csv|json]}. */
final class HandlesCommand {
    private HandlesCommand() {
    }

    /** Output formats. */
    enum Format {
        TABLE, CSV, JSON
    }

    /** The parsed, validated request. */
    record Request(HandleFilter filter, List<HandleColumn> groupBy, long atNanos, String symbolPath, Format format) {
        static Request of(CliOptions o) throws UsageException {
            HandleFilter f = HandleFilter.ALL.withOutstandingOnly(o.flag("--outstanding"))
                    .withPreExistingOnly(o.flag("--pre-existing"));
            long at = ModelConstants.TIME_UNKNOWN;
            if (o.value("--at") != null) {
                at = parseSeconds(o.value("--at"));
                f = f.withOpenAt(at);
            }
            if (o.value("--process") != null) {
                f = f.withProcess(nonBlank(o.value("--process"), "--process"));
            }
            if (o.value("--type") != null) {
                f = f.withType(nonBlank(o.value("--type"), "--type"));
            }
            if (o.value("--name") != null) {
                f = f.withNameContains(o.value("--name"));
            }
            List<HandleColumn> groupBy = null;
            if (o.value("--group-by") != null) {
                try {
                    groupBy = HandleColumn.parseGroupKeys(o.value("--group-by"));
                } catch (IllegalArgumentException e) {
                    throw new UsageException(e.getMessage());
                }
            }
            Format format = Format.TABLE;
            if (o.value("--format") != null) {
                format = switch (o.value("--format")) {
                    case "table" -> Format.TABLE;
                    case "csv" -> Format.CSV;
                    case "json" -> Format.JSON;
                    default -> throw new UsageException("unknown --format '" + o.value("--format")
                            + "' (table, csv or json)");
                };
            }
            return new Request(f, groupBy, at, o.value("--symbol-path"), format);
        }

        private static String nonBlank(String v, String option) throws UsageException {
            if (v.isBlank()) {
                throw new UsageException(option + " needs a non-empty value");
            }
            return v;
        }

        /** Seconds since trace start (decimal) to nanoseconds. */
        static long parseSeconds(String s) throws UsageException {
            try {
                BigDecimal sec = new BigDecimal(s.trim());
                if (sec.signum() < 0) {
                    throw new UsageException("--at must not be negative: " + s);
                }
                return sec.movePointRight(9).setScale(0, java.math.RoundingMode.HALF_UP).longValueExact();
            } catch (NumberFormatException | ArithmeticException e) {
                throw new UsageException("--at needs seconds since trace start, e.g. 12.5; got '" + s + "'");
            }
        }
    }

    static int run(HandleModel m, Request req, PrintStream out, PrintStream err) throws IOException {
        FrameSymbolizer.Resolver resolver = req.symbolPath() == null ? null : openResolver(m, req.symbolPath(), err);
        RowSelection rows = req.filter().select(m);
        TableResult table;
        String arrayName;
        if (req.groupBy() != null) {
            GroupResult groups = GroupBy.run(m, rows, req.groupBy(), req.atNanos());
            table = HandleTables.groups(m, groups, resolver);
            arrayName = "groups";
        } else {
            table = HandleTables.handles(m, rows, resolver, req.format() == Format.JSON);
            arrayName = "handles";
        }
        switch (req.format()) {
            case TABLE -> {
                TextTableRenderer.render(table, out);
                if (m.isPartial()) {
                    out.println("PARTIAL: " + m.partialReason());
                }
            }
            case CSV -> CsvRenderer.render(table, out);
            case JSON -> {
                try (JsonGenerator g = Json.generator(out)) {
                    if (m.isPartial()) {
                        // keep the array, but say the result is incomplete
                        g.writeStartObject();
                        g.writeBooleanField("partial", true);
                        g.writeStringField("partialReason", m.partialReason());
                        g.writeFieldName(arrayName);
                        JsonTableRenderer.writeArray(table, g);
                        g.writeEndObject();
                    } else {
                        JsonTableRenderer.writeArray(table, g);
                    }
                }
                out.println();
            }
        }
        return HandleLensCli.exitFor(m, err);
    }

    /** The symbolizer service's resolver for {@code symbolPath}, or null (with a note) when none is installed. */
    static FrameSymbolizer.Resolver openResolver(HandleModel m, String symbolPath, PrintStream err)
            throws IOException {
        for (FrameSymbolizer s : ServiceLoader.load(FrameSymbolizer.class, HandlesCommand.class.getClassLoader())) {
            return s.open(m, symbolPath, ProgressMonitor.NULL);
        }
        err.println("handlelens: note: no symbol resolver is installed; frames are printed unresolved");
        return null;
    }
}
