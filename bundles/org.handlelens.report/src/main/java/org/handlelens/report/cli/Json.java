package org.handlelens.report.cli;

import java.io.IOException;
import java.io.PrintStream;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;

/** JSON generator setup shared by the commands. */
final class Json {
    private static final JsonFactory FACTORY = JsonFactory.builder().build();

    private Json() {
    }

    /** A pretty-printing generator over {@code out} that does not close it. */
    static JsonGenerator generator(PrintStream out) throws IOException {
        JsonGenerator gen = FACTORY.createGenerator(out, com.fasterxml.jackson.core.JsonEncoding.UTF8);
        gen.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
        gen.useDefaultPrettyPrinter();
        return gen;
    }

    static void numberOrNull(JsonGenerator g, String field, long value, long unknown) throws IOException {
        if (value == unknown) {
            g.writeNullField(field);
        } else {
            g.writeNumberField(field, value);
        }
    }

    /** A snapshot of a WinDbg log as {@code {index, kind, line, label}}; kind e.g. {@code htrace-diff}. */
    static void snapshot(JsonGenerator g, org.handlelens.model.Snapshot s) throws IOException {
        g.writeStartObject();
        g.writeNumberField("index", s.index());
        g.writeStringField("kind", s.kind().name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'));
        numberOrNull(g, "line", s.lineNumber(), -1);
        g.writeStringField("label", s.label());
        g.writeEndObject();
    }

    static void stringOrNull(JsonGenerator g, String field, String value) throws IOException {
        if (value == null) {
            g.writeNullField(field);
        } else {
            g.writeStringField(field, value);
        }
    }
}
