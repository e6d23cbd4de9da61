package org.handlelens.report.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.time.Instant;
import java.util.List;

import org.handlelens.model.HandleDetail;
import org.handlelens.model.HandleModel;
import org.handlelens.model.ModelConstants;
import org.handlelens.model.ProcessRecord;
import org.handlelens.model.Snapshot;
import org.handlelens.model.SourceInfo;
import org.handlelens.model.TraceEventCounts;
import org.handlelens.report.render.CellFormat;
import org.handlelens.report.render.CellKind;
import org.handlelens.report.render.ListTable;
import org.handlelens.report.render.TableColumn;
import org.handlelens.report.render.TextTableRenderer;

import com.fasterxml.jackson.core.JsonGenerator;

/** {@code handlelens info FILE [--json]}: what the source holds. */
final class InfoCommand {
    private InfoCommand() {
    }

    /**
     * What {@code info} prints: the model's summary, and the model itself when its rows are listed (a WinDbg
     * dump; for a trace the rows are left to {@code handlelens handles}, so a reopened trace's index is read
     * without its columns, {@link ModelLoading#loadInfo}).
     *
     * @param model the whole model, or null when only the summary was read (a trace)
     */
    record View(SourceInfo source, List<ProcessRecord> processes, long rowCount, List<String> warnings,
            String partialReason, List<Snapshot> snapshots, HandleModel model) {
        static View of(HandleModel m) {
            return new View(m.source(), m.processes(), m.rowCount(), m.warnings(), m.partialReason(), m.snapshots(),
                    m);
        }

        boolean isPartial() {
            return partialReason != null;
        }
    }

    static int run(View m, boolean json, PrintStream out, PrintStream err) throws IOException {
        if (json) {
            writeJson(m, out);
        } else {
            writeText(m, out);
        }
        if (m.isPartial()) {
            return HandleLensCli.partial(m.partialReason(), err);
        }
        return HandleLensCli.EXIT_OK;
    }

    /** True for a trace (its rows are not listed by {@code info}); false for a WinDbg dump. */
    static boolean isTrace(SourceInfo s) {
        return !"windbg".equals(s.format());
    }

    static void writeJson(View v, PrintStream out) throws IOException {
        SourceInfo s = v.source();
        try (JsonGenerator g = Json.generator(out)) {
            g.writeStartObject();
            g.writeStringField("format", s.format());
            g.writeStringField("file", s.fileName());
            g.writeBooleanField("partial", v.isPartial());
            if (v.isPartial()) {
                g.writeStringField("partialReason", v.partialReason());
            }
            if (isTrace(s)) {
                Json.numberOrNull(g, "pointerSize", s.pointerSize(), 0);
                Json.numberOrNull(g, "cpuCount", s.cpuCount(), -1);
                Json.stringOrNull(g, "startTime", CellFormat.iso(s.startTime()));
                Json.stringOrNull(g, "endTime", CellFormat.iso(s.endTime()));
                long d = s.durationNanos();
                if (d == ModelConstants.TIME_UNKNOWN) {
                    g.writeNullField("durationSeconds");
                } else {
                    g.writeNumberField("durationSeconds", d / 1e9);
                }
                Json.numberOrNull(g, "eventsLost", s.eventsLost(), -1);
                Json.numberOrNull(g, "buffersLost", s.buffersLost(), -1);
                writeEvents(g, s);
            }
            g.writeArrayFieldStart("processes");
            for (ProcessRecord p : v.processes()) {
                g.writeStartObject();
                g.writeNumberField("pid", p.pid());
                Json.numberOrNull(g, "parentPid", p.parentPid(), -1);
                if (p.sessionId() == null) {
                    g.writeNullField("sessionId");
                } else {
                    g.writeNumberField("sessionId", p.sessionId());
                }
                g.writeStringField("image", p.image());
                Json.numberOrNull(g, "handleCount", p.handleCount(), -1);
                if (isTrace(s)) {
                    Json.stringOrNull(g, "start", time(s.startTime(), p.startTimeNanos()));
                    Json.stringOrNull(g, "end", time(s.startTime(), p.endTimeNanos()));
                }
                g.writeEndObject();
            }
            g.writeEndArray();
            if (!isTrace(s)) {
                // a trace can hold tens of millions of handles: those are for `handlelens handles`
                HandleModel m = v.model();
                g.writeArrayFieldStart("handles");
                for (int row = 0; row < m.rowCount(); row++) {
                    writeHandle(m, row, g);
                }
                g.writeEndArray();
                // the points `diff FILE --from-snapshot N --to-snapshot M` compares
                g.writeArrayFieldStart("snapshots");
                for (Snapshot sn : v.snapshots()) {
                    Json.snapshot(g, sn);
                }
                g.writeEndArray();
            }
            g.writeArrayFieldStart("warnings");
            for (String w : v.warnings()) {
                g.writeString(w);
            }
            g.writeEndArray();
            if (!s.properties().isEmpty()) {
                g.writeObjectFieldStart("properties");
                for (var e : s.properties().entrySet()) {
                    g.writeStringField(e.getKey(), e.getValue());
                }
                g.writeEndObject();
            }
            g.writeEndObject();
        }
        out.println();
    }

    /** {@code events}: {total, process, thread, image, stackWalk, handle, other}, unknown counts null. */
    private static void writeEvents(JsonGenerator g, SourceInfo s) throws IOException {
        TraceEventCounts e = s.events();
        if (e == null) {
            g.writeNullField("events");
            return;
        }
        g.writeObjectFieldStart("events");
        Json.numberOrNull(g, "total", e.total(), -1);
        Json.numberOrNull(g, "process", e.process(), -1);
        Json.numberOrNull(g, "thread", e.thread(), -1);
        Json.numberOrNull(g, "image", e.image(), -1);
        Json.numberOrNull(g, "stackWalk", e.stackWalk(), -1);
        Json.numberOrNull(g, "handle", e.handle(), -1);
        Json.numberOrNull(g, "other", e.other(), -1);
        g.writeEndObject();
    }

    private static void writeHandle(HandleModel m, int row, JsonGenerator g) throws IOException {
        g.writeStartObject();
        g.writeNumberField("process", m.process(m.owningProcess(row)).pid());
        g.writeNumberField("handle", m.handleValue(row));
        Json.stringOrNull(g, "object", hexOrNull(m.objectAddress(row)));
        g.writeStringField("type", m.typeName(row));
        Json.stringOrNull(g, "name", m.objectName(row));
        Json.numberOrNull(g, "grantedAccess", m.grantedAccess(row), -1);
        Json.stringOrNull(g, "attributes", m.attributes(row));
        HandleDetail d = m.detail(row);
        if (d != null) {
            Json.numberOrNull(g, "objectHandleCount", d.objectHandleCount(), -1);
            Json.numberOrNull(g, "objectPointerCount", d.objectPointerCount(), -1);
            Json.stringOrNull(g, "objectHeader", hexOrNull(d.objectHeaderAddress()));
            Json.stringOrNull(g, "entry", hexOrNull(d.entryAddress()));
        }
        if (!m.isOutstanding(row) || !m.isPreExisting(row)) {
            // !htrace rows: say who opened/closed it
            Json.stringOrNull(g, "creatingProcess", m.creatingProcess(row) < 0 ? null
                    : m.processLabel(m.creatingProcess(row)));
            Json.stringOrNull(g, "closingProcess", m.closingProcess(row) < 0 ? null
                    : m.processLabel(m.closingProcess(row)));
        }
        g.writeEndObject();
    }

    private static String hexOrNull(long v) {
        return v == -1 ? null : "0x" + Long.toHexString(v);
    }

    private static String time(Instant base, long nanos) {
        return nanos == ModelConstants.TIME_UNKNOWN ? null : CellFormat.iso(base, nanos);
    }

    static void writeText(View v, PrintStream out) {
        SourceInfo s = v.source();
        out.println("File:       " + s.fileName());
        out.println("Format:     " + s.format());
        if (isTrace(s)) {
            out.println("Start:      " + orUnknown(CellFormat.iso(s.startTime())));
            out.println("End:        " + orUnknown(CellFormat.iso(s.endTime())));
            out.println("Pointer:    " + (s.pointerSize() == 0 ? "unknown" : s.pointerSize() * 8 + "-bit"));
            long d = s.durationNanos();
            out.println("Duration:   " + (d == ModelConstants.TIME_UNKNOWN ? "unknown"
                    : String.format(java.util.Locale.ROOT, "%.3f s", d / 1e9)));
            out.println("CPUs:       " + (s.cpuCount() < 0 ? "unknown" : s.cpuCount()));
            out.println("Events:     " + (s.eventCount() < 0 ? "unknown" : s.eventCount()));
            TraceEventCounts e = s.events();
            if (e != null && e.process() >= 0) {
                out.println("  by kind:  process " + e.process() + ", thread " + e.thread() + ", image " + e.image()
                        + ", stackWalk " + e.stackWalk() + ", handle " + e.handle() + ", other " + e.other());
            }
            out.println("Lost:       " + (s.eventsLost() < 0 ? "unknown" : s.eventsLost()) + " events, "
                    + (s.buffersLost() < 0 ? "unknown" : s.buffersLost()) + " buffers");
        }
        out.println("Processes:  " + v.processes().size());
        out.println("Handles:    " + v.rowCount());
        if (v.isPartial()) {
            out.println("PARTIAL:    " + v.partialReason());
        }
        out.println();
        ListTable.Builder procs = ListTable.builder(List.of(
                new TableColumn("pid", "PID", CellKind.INTEGER),
                new TableColumn("parentPid", "PPID", CellKind.INTEGER),
                new TableColumn("sessionId", "Session", CellKind.INTEGER),
                new TableColumn("handleCount", "Handles", CellKind.INTEGER),
                new TableColumn("image", "Image", CellKind.TEXT)), s.startTime());
        for (ProcessRecord p : v.processes()) {
            procs.add((long) p.pid(), p.parentPid() == -1 ? null : (long) p.parentPid(),
                    p.sessionId() == null ? null : (long) p.sessionId(),
                    p.handleCount() == -1 ? null : p.handleCount(), p.image());
        }
        TextTableRenderer.render(procs.build(), out);
        if (!isTrace(s) && v.rowCount() > 0) {
            HandleModel m = v.model();
            out.println();
            ListTable.Builder handles = ListTable.builder(List.of(
                    new TableColumn("process", "Process", CellKind.TEXT),
                    new TableColumn("handle", "Handle", CellKind.HEX_INTEGER),
                    new TableColumn("object", "Object", CellKind.ADDRESS),
                    new TableColumn("type", "Type", CellKind.TEXT),
                    new TableColumn("grantedAccess", "Access", CellKind.HEX_INTEGER),
                    new TableColumn("attributes", "Attr", CellKind.TEXT),
                    new TableColumn("objectHandleCount", "HandleCount", CellKind.INTEGER),
                    new TableColumn("objectPointerCount", "PointerCount", CellKind.INTEGER),
                    new TableColumn("objectHeader", "ObjectHeader", CellKind.ADDRESS),
                    new TableColumn("entry", "Entry", CellKind.ADDRESS),
                    new TableColumn("name", "Name", CellKind.TEXT)), s.startTime());
            for (int row = 0; row < m.rowCount(); row++) {
                HandleDetail d = m.detail(row) == null ? HandleDetail.NONE : m.detail(row);
                handles.add(m.processLabel(m.owningProcess(row)), m.handleValue(row), nullIf(m.objectAddress(row)),
                        m.typeName(row), nullIf(m.grantedAccess(row)), m.attributes(row),
                        nullIf(d.objectHandleCount()), nullIf(d.objectPointerCount()),
                        nullIf(d.objectHeaderAddress()), nullIf(d.entryAddress()), m.objectName(row));
            }
            TextTableRenderer.render(handles.build(), out);
        }
        if (!v.snapshots().isEmpty()) {
            out.println();
            out.println("Snapshots (diff FILE --from-snapshot N --to-snapshot M):");
            for (Snapshot sn : v.snapshots()) {
                out.println("  " + sn.describe());
            }
        }
        if (!v.warnings().isEmpty()) {
            out.println();
            out.println("Warnings:");
            for (String w : v.warnings()) {
                out.println("  " + w);
            }
        }
    }

    private static Long nullIf(long v) {
        return v == -1 ? null : v;
    }

    private static String orUnknown(String s) {
        return s == null ? "unknown" : s;
    }
}
