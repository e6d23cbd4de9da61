package org.handlelens.report.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;

import org.handlelens.model.HandleModel;
import org.handlelens.model.ModelConstants;
import org.handlelens.model.SourceFormatException;
import org.handlelens.model.analysis.ObjectView;
import org.handlelens.model.spi.FrameSymbolizer;
import org.handlelens.report.render.CellFormat;
import org.handlelens.report.render.CsvRenderer;
import org.handlelens.report.render.JsonTableRenderer;
import org.handlelens.report.render.TableResult;
import org.handlelens.report.render.TextTableRenderer;
import org.handlelens.report.tables.ObjectTables;

import com.fasterxml.jackson.core.JsonGenerator;

/**
 * {@code handlelens objects FILE [--name PATTERN] [--type T] [--min-lifetime S] [--process PID|NAME]
 * [--min-processes N] [--limit N] [--object ADDR] [--symbol-path P] [--format table|csv|json]}: kernel objects
 * with all their handles across processes (ETWAnalyzer's object view). Without {@code --object}: one row
 * per object, longest lifetime first; with it: that object's handles (create, duplicate into another
 * process, close).
 */
final class ObjectsCommand {
    /** Objects listed when {@code --limit} is not given. */
    static final int DEFAULT_LIMIT = 100;

    private ObjectsCommand() {
    }

    /** The parsed, validated request. */
    record Request(ObjectView.ObjectFilter filter, int limit, Long objectAddress, String symbolPath,
            HandlesCommand.Format format) {
        static Request of(CliOptions o) throws UsageException {
            ObjectView.ObjectFilter f = ObjectView.ObjectFilter.ALL;
            if (o.value("--name") != null) {
                try {
                    f = f.withName(nonBlank(o.value("--name"), "--name"));
                } catch (IllegalArgumentException e) {
                    throw new UsageException("--name: " + e.getMessage());
                }
            }
            if (o.value("--type") != null) {
                f = f.withType(nonBlank(o.value("--type"), "--type"));
            }
            if (o.value("--process") != null) {
                f = f.withProcess(nonBlank(o.value("--process"), "--process"));
            }
            if (o.value("--min-lifetime") != null) {
                try {
                    f = f.withMinLifetime(HandlesCommand.Request.parseSeconds(o.value("--min-lifetime")));
                } catch (UsageException e) {
                    throw new UsageException("--min-lifetime needs seconds, e.g. 30 or 2.5; got '"
                            + o.value("--min-lifetime") + "'");
                }
            }
            if (o.value("--min-processes") != null) {
                f = f.withMinProcesses(positive(o.value("--min-processes"), "--min-processes"));
            }
            int limit = o.value("--limit") == null ? DEFAULT_LIMIT : nonNegative(o.value("--limit"), "--limit");
            Long address = null;
            if (o.value("--object") != null) {
                address = address(o.value("--object"));
                if (o.value("--limit") != null) {
                    throw new UsageException("--limit lists objects; --object shows one");
                }
            }
            return new Request(f, limit, address, o.value("--symbol-path"), DiffCommand.format(o));
        }

        private static String nonBlank(String v, String option) throws UsageException {
            if (v.isBlank()) {
                throw new UsageException(option + " needs a non-empty value");
            }
            return v;
        }

        private static int nonNegative(String v, String option) throws UsageException {
            try {
                int n = Integer.parseInt(v.strip());
                if (n >= 0) {
                    return n;
                }
            } catch (NumberFormatException e) {
                // reported below
            }
            throw new UsageException(option + " needs a whole number >= 0 (0 = all); got '" + v + "'");
        }

        private static int positive(String v, String option) throws UsageException {
            int n = nonNegative(v, option);
            if (n == 0) {
                throw new UsageException(option + " needs a whole number >= 1; got '" + v + "'");
            }
            return n;
        }

        /** A kernel address as WinDbg and the tables print it: hex with or without 0x, backticks allowed. */
        static long address(String text) throws UsageException {
            String t = text.strip().replace("`", "");
            if (t.startsWith("0x") || t.startsWith("0X")) {
                t = t.substring(2);
            }
            try {
                if (t.isEmpty() || t.length() > 16) {
                    throw new NumberFormatException();
                }
                return Long.parseUnsignedLong(t, 16);
            } catch (NumberFormatException e) {
                throw new UsageException("--object needs a hex object address, e.g. 0xffffc001234560; got '" + text
                        + "'");
            }
        }
    }

    static int run(CliOptions o, ReportCommand.Loader loader, PrintStream out, PrintStream err)
            throws UsageException, IOException, SourceFormatException {
        Request req = Request.of(o);
        Path file = Path.of(o.singleFile("objects"));
        HandleModel m = loader.load(file);
        if (req.filter().minLifetimeNanos() != ModelConstants.TIME_UNKNOWN && m.source().startTime() == null
                && org.handlelens.model.query.CountOverTime.spanNanos(m) <= 0) {
            err.println("handlelens: note: " + file.getFileName() + " has no times; no object has a known lifetime");
        }
        FrameSymbolizer.Resolver resolver = req.symbolPath() == null ? null
                : HandlesCommand.openResolver(m, req.symbolPath(), err);
        if (req.objectAddress() != null) {
            ObjectView.ObjectHistory h = ObjectView.of(m, req.objectAddress());
            if (h == null) {
                throw new UsageException("--object 0x" + Long.toHexString(req.objectAddress()) + ": no handle in "
                        + file.getFileName() + " refers to this object");
            }
            printObject(m, h, ObjectTables.handles(m, h, resolver), req.format(), out);
        } else {
            ObjectView.Found found = ObjectView.search(m, req.filter(), req.limit());
            printList(m, found, ObjectTables.objects(m, found.objects()), req.format(), out);
        }
        return HandleLensCli.exitFor(m, err);
    }

    private static void printList(HandleModel m, ObjectView.Found found, TableResult table,
            HandlesCommand.Format format, PrintStream out) throws IOException {
        switch (format) {
            case TABLE -> {
                out.println(found.objects().size() < found.matchCount()
                        ? found.objects().size() + " of " + found.matchCount() + " objects (--limit 0 lists all)"
                        : found.matchCount() + (found.matchCount() == 1 ? " object" : " objects"));
                TextTableRenderer.render(table, out);
                partialNote(m, out);
            }
            case CSV -> CsvRenderer.render(table, out);
            case JSON -> {
                try (JsonGenerator g = Json.generator(out)) {
                    g.writeStartObject();
                    header(g, m);
                    g.writeNumberField("matchCount", found.matchCount());
                    g.writeFieldName("objects");
                    JsonTableRenderer.writeArray(table, g);
                    g.writeEndObject();
                }
                out.println();
            }
        }
    }

    private static void printObject(HandleModel m, ObjectView.ObjectHistory h, TableResult table,
            HandlesCommand.Format format, PrintStream out) throws IOException {
        switch (format) {
            case TABLE -> {
                out.println("Object:    0x" + Long.toHexString(h.objectAddress()) + "  " + h.type()
                        + (h.name() == null ? "" : "  " + h.name()));
                out.println("Handles:   " + h.handles().size() + " in " + h.processCount() + " process(es), "
                        + h.openHandleCount() + " open at the end");
                out.println("Lifetime:  " + (h.lifetimeNanos() == ModelConstants.TIME_UNKNOWN ? "unknown (no times)"
                        : String.format(java.util.Locale.ROOT, "%.3f s", h.lifetimeNanos() / 1e9))
                        + " (first create " + seconds(h.firstSeenNanos(), "before the source") + ", last close "
                        + seconds(h.lastSeenNanos(), h.openAtEnd() ? "open at the end" : "unknown") + ")");
                TextTableRenderer.render(table, out);
                partialNote(m, out);
            }
            case CSV -> CsvRenderer.render(table, out);
            case JSON -> {
                try (JsonGenerator g = Json.generator(out)) {
                    g.writeStartObject();
                    header(g, m);
                    g.writeStringField("object", "0x" + Long.toHexString(h.objectAddress()));
                    g.writeStringField("type", h.type());
                    Json.stringOrNull(g, "name", h.name());
                    g.writeNumberField("handleCount", h.handles().size());
                    g.writeNumberField("openHandles", h.openHandleCount());
                    g.writeNumberField("processCount", h.processCount());
                    g.writeBooleanField("openAtEnd", h.openAtEnd());
                    Json.stringOrNull(g, "firstCreate", iso(m, h.firstSeenNanos()));
                    Json.stringOrNull(g, "lastClose", iso(m, h.lastSeenNanos()));
                    if (h.lifetimeNanos() == ModelConstants.TIME_UNKNOWN) {
                        g.writeNullField("lifetimeSeconds");
                    } else {
                        g.writeNumberField("lifetimeSeconds", h.lifetimeNanos() / 1e9);
                    }
                    g.writeFieldName("handles");
                    JsonTableRenderer.writeArray(table, g);
                    g.writeEndObject();
                }
                out.println();
            }
        }
    }

    private static void header(JsonGenerator g, HandleModel m) throws IOException {
        g.writeStringField("file", m.source().fileName());
        g.writeBooleanField("partial", m.isPartial());
        Json.stringOrNull(g, "partialReason", m.partialReason());
    }

    private static String iso(HandleModel m, long nanos) {
        return nanos == ModelConstants.TIME_UNKNOWN ? null : CellFormat.iso(m.source().startTime(), nanos);
    }

    private static String seconds(long nanos, String unknown) {
        return nanos == ModelConstants.TIME_UNKNOWN ? unknown
                : String.format(java.util.Locale.ROOT, "%.3f s", nanos / 1e9);
    }

    private static void partialNote(HandleModel m, PrintStream out) {
        if (m.isPartial()) {
            out.println("PARTIAL: " + m.partialReason());
        }
    }
}
