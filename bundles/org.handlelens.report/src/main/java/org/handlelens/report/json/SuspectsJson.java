package org.handlelens.report.json;

import java.io.IOException;
import java.io.OutputStream;
import java.time.Instant;
import java.util.List;

import org.handlelens.model.HandleModel;
import org.handlelens.model.ModelConstants;
import org.handlelens.model.SourceInfo;
import org.handlelens.model.analysis.LeakSuspect;
import org.handlelens.model.analysis.LeakSuspectAnalysis;
import org.handlelens.report.analysis.SourceAnalysis;
import org.handlelens.report.render.CellFormat;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;

/**
 * Writes {@code suspects.json} (schema: {@code /schema/suspects.schema.json} in this bundle). Times are
 * ISO-8601 UTC when the source has a wall-clock start, else null; durations are seconds.
 */
public final class SuspectsJson {
    /** Version of the document layout; bump on incompatible change. */
    public static final int SCHEMA_VERSION = 1;
    /** Class-path resource of the JSON Schema. */
    public static final String SCHEMA_RESOURCE = "/schema/suspects.schema.json";

    private static final JsonFactory FACTORY = JsonFactory.builder().build();

    private SuspectsJson() {
    }

    /** Pretty-printing generator that leaves {@code out} open. */
    public static JsonGenerator generator(OutputStream out) throws IOException {
        JsonGenerator g = FACTORY.createGenerator(out, JsonEncoding.UTF8);
        g.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
        g.useDefaultPrettyPrinter();
        return g;
    }

    /** Writes the document for {@code sources} to {@code out}. */
    public static void write(List<SourceAnalysis> sources, OutputStream out) throws IOException {
        try (JsonGenerator g = generator(out)) {
            write(sources, g);
        }
    }

    /** Writes the document with {@code g}. */
    public static void write(List<SourceAnalysis> sources, JsonGenerator g) throws IOException {
        g.writeStartObject();
        g.writeNumberField("schemaVersion", SCHEMA_VERSION);
        String partial = null;
        for (SourceAnalysis a : sources) {
            if (a.model().isPartial() && partial == null) {
                partial = a.fileName() + ": " + a.model().partialReason();
            }
        }
        g.writeBooleanField("partial", partial != null);
        stringOrNull(g, "partialReason", partial);
        g.writeArrayFieldStart("sources");
        for (SourceAnalysis a : sources) {
            writeSource(a, g);
        }
        g.writeEndArray();
        g.writeArrayFieldStart("suspects");
        for (SourceAnalysis a : sources) {
            for (LeakSuspect s : a.suspects().suspects()) {
                writeSuspect(a.fileName(), a.model(), s, g);
            }
        }
        g.writeEndArray();
        g.writeEndObject();
    }

    private static void writeSource(SourceAnalysis a, JsonGenerator g) throws IOException {
        HandleModel m = a.model();
        SourceInfo info = m.source();
        LeakSuspectAnalysis.Report r = a.suspects();
        g.writeStartObject();
        g.writeStringField("file", a.fileName());
        g.writeStringField("format", info.format());
        stringOrNull(g, "startTime", CellFormat.iso(info.startTime()));
        stringOrNull(g, "endTime", CellFormat.iso(info.endTime()));
        if (r.spanNanos() > 0) {
            g.writeNumberField("durationSeconds", r.spanNanos() / 1e9);
        } else {
            g.writeNullField("durationSeconds");
        }
        g.writeBooleanField("timed", r.timed());
        g.writeBooleanField("partial", m.isPartial());
        stringOrNull(g, "partialReason", m.partialReason());
        g.writeNumberField("processes", m.processes().size());
        g.writeNumberField("handles", m.rowCount());
        g.writeNumberField("totalOutstanding", r.totalOutstanding());
        g.writeNumberField("preExistingOutstanding", r.preExistingOutstanding());
        g.writeNumberField("createdDuringSource", r.createdDuringSource());
        g.writeNumberField("totalLeaked", r.totalLeaked());
        g.writeNumberField("candidates", r.candidates());
        g.writeArrayFieldStart("warnings");
        for (String w : m.warnings()) {
            g.writeString(w);
        }
        g.writeEndArray();
        g.writeEndObject();
    }

    private static void writeSuspect(String file, HandleModel m, LeakSuspect s, JsonGenerator g) throws IOException {
        Instant base = m.source().startTime();
        g.writeStartObject();
        g.writeNumberField("rank", s.rank());
        g.writeStringField("source", file);
        if (s.pid() >= 0) {
            g.writeNumberField("process", s.pid());
        } else {
            g.writeNullField("process");
        }
        g.writeStringField("processImage", s.processImage());
        g.writeStringField("processLabel", s.processLabel());
        g.writeStringField("type", s.type());
        g.writeStringField("sentence", s.sentence());
        g.writeNumberField("leaked", s.leaked());
        g.writeNumberField("outstanding", s.outstanding());
        g.writeNumberField("closedByExit", s.closedByExit());
        g.writeNumberField("closed", s.closed());
        g.writeNumberField("created", s.created());
        g.writeNumberField("share", s.share());
        doubleOrNull(g, "growthPerSecond", s.growthPerSecond());
        doubleOrNull(g, "rSquared", s.rSquared());
        g.writeNumberField("score", s.score());
        timeOrNull(g, "windowStart", base, s.windowStartNanos());
        timeOrNull(g, "windowEnd", base, s.windowEndNanos());
        if (s.windowStartNanos() != ModelConstants.TIME_UNKNOWN && s.windowEndNanos() != ModelConstants.TIME_UNKNOWN) {
            g.writeNumberField("windowSeconds", (s.windowEndNanos() - s.windowStartNanos()) / 1e9);
        } else {
            g.writeNullField("windowSeconds");
        }
        timeOrNull(g, "processExit", base, s.processExitNanos());
        if (s.convergence() == null) {
            g.writeNullField("convergenceFrame");
        } else {
            g.writeObjectFieldStart("convergenceFrame");
            g.writeStringField("frame", s.convergence().frame());
            g.writeStringField("kind", s.convergence().kind().name().toLowerCase(java.util.Locale.ROOT));
            g.writeNumberField("depth", s.convergence().depth());
            g.writeEndObject();
        }
        g.writeArrayFieldStart("stacks");
        for (LeakSuspect.SuspectStack st : s.stacks()) {
            g.writeStartObject();
            g.writeNumberField("leaked", st.leaked());
            g.writeArrayFieldStart("frames");
            for (String f : st.frames()) {
                g.writeString(f);
            }
            g.writeEndArray();
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeArrayFieldStart("samples");
        for (LeakSuspect.SampleHandle h : s.samples()) {
            g.writeStartObject();
            g.writeNumberField("handle", h.handle());
            stringOrNull(g, "object", h.objectAddress() == -1 ? null : "0x" + Long.toHexString(h.objectAddress()));
            stringOrNull(g, "name", h.objectName());
            timeOrNull(g, "createTime", base, h.createTimeNanos());
            timeOrNull(g, "closeTime", base, h.closeTimeNanos());
            g.writeBooleanField("closedByExit", h.closedByExit());
            g.writeEndObject();
        }
        g.writeEndArray();
        long[] t = s.seriesTimesNanos();
        long[] c = s.seriesCounts();
        g.writeArrayFieldStart("series");
        for (int i = 0; i < t.length; i++) {
            g.writeStartArray();
            g.writeNumber(t[i] / 1e9);
            g.writeNumber(c[i]);
            g.writeEndArray();
        }
        g.writeEndArray();
        g.writeEndObject();
    }

    private static void stringOrNull(JsonGenerator g, String field, String v) throws IOException {
        if (v == null) {
            g.writeNullField(field);
        } else {
            g.writeStringField(field, v);
        }
    }

    private static void doubleOrNull(JsonGenerator g, String field, Double v) throws IOException {
        if (v == null || v.isNaN() || v.isInfinite()) {
            g.writeNullField(field);
        } else {
            g.writeNumberField(field, v);
        }
    }

    private static void timeOrNull(JsonGenerator g, String field, Instant base, long nanos) throws IOException {
        stringOrNull(g, field, nanos == ModelConstants.TIME_UNKNOWN ? null : CellFormat.iso(base, nanos));
    }
}
