package org.handlelens.report.render;

import java.io.IOException;
import java.util.List;

import com.fasterxml.jackson.core.JsonGenerator;

/** Writes a {@link TableResult} as a JSON array of objects keyed by column key. */
public final class JsonTableRenderer {
    private JsonTableRenderer() {
    }

    /** Writes the rows as an array with {@code gen}. */
    public static void writeArray(TableResult table, JsonGenerator gen) throws IOException {
        gen.writeStartArray();
        for (int r = 0; r < table.rowCount(); r++) {
            writeRow(table, r, gen);
        }
        gen.writeEndArray();
    }

    /** Writes row {@code r} as an object. */
    public static void writeRow(TableResult table, int r, JsonGenerator gen) throws IOException {
        List<TableColumn> cols = table.columns();
        gen.writeStartObject();
        for (int c = 0; c < cols.size(); c++) {
            gen.writeFieldName(cols.get(c).key());
            writeValue(cols.get(c).kind(), table.value(r, c), table, gen);
        }
        gen.writeEndObject();
    }

    /** Writes one cell value. */
    public static void writeValue(CellKind kind, Object v, TableResult table, JsonGenerator gen) throws IOException {
        if (v == null) {
            gen.writeNull();
            return;
        }
        switch (kind) {
            case TEXT -> gen.writeString(v.toString());
            case INTEGER, HEX_INTEGER -> gen.writeNumber((Long) v);
            case ADDRESS -> gen.writeString("0x" + Long.toHexString((Long) v));
            case TIME -> {
                String iso = CellFormat.iso(table.timeBase(), (Long) v);
                if (iso == null) {
                    gen.writeNull();
                } else {
                    gen.writeString(iso);
                }
            }
            case DECIMAL -> gen.writeNumber(((Number) v).doubleValue());
            case FRAMES -> {
                gen.writeStartArray();
                for (Object f : (List<?>) v) {
                    gen.writeString(String.valueOf(f));
                }
                gen.writeEndArray();
            }
            case PROCESS -> gen.writeNumber(((ProcessCell) v).pid());
            case BOOLEAN -> gen.writeBoolean((Boolean) v);
        }
    }
}
