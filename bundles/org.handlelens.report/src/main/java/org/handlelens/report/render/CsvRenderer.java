package org.handlelens.report.render;

import java.io.PrintStream;
import java.util.List;

/**
 * RFC 4180 CSV: header of column keys, CRLF line ends, fields with comma, quote, CR or LF quoted and
 * quotes doubled. Frames of a create stack are joined with LF inside one quoted field.
 */
public final class CsvRenderer {
    private CsvRenderer() {
    }

    /** Writes {@code table} to {@code out}. */
    public static void render(TableResult table, PrintStream out) {
        render(table, out, rows -> { });
    }

    /**
     * Writes {@code table} to {@code out}, calling {@code rowsDone} with the rows written so far every
     * {@link TableFiles#PROGRESS_STEP_ROWS} rows and once at the end (it may throw to cancel).
     */
    public static void render(TableResult table, PrintStream out, java.util.function.IntConsumer rowsDone) {
        List<TableColumn> cols = table.columns();
        StringBuilder sb = new StringBuilder();
        for (int c = 0; c < cols.size(); c++) {
            sb.append(c == 0 ? "" : ",").append(escape(cols.get(c).key()));
        }
        out.print(sb.append("\r\n"));
        for (int r = 0; r < table.rowCount(); r++) {
            sb.setLength(0);
            for (int c = 0; c < cols.size(); c++) {
                CellKind kind = cols.get(c).kind();
                Object v = table.value(r, c);
                String text = kind == CellKind.TIME && v != null && table.timeBase() != null
                        ? CellFormat.iso(table.timeBase(), (Long) v)
                        : CellFormat.text(kind, v, "\n");
                sb.append(c == 0 ? "" : ",").append(escape(text));
            }
            out.print(sb.append("\r\n"));
            if ((r + 1) % TableFiles.PROGRESS_STEP_ROWS == 0) {
                rowsDone.accept(r + 1);
            }
        }
        rowsDone.accept(table.rowCount());
    }

    /** One RFC 4180 field. */
    public static String escape(String s) {
        if (s.indexOf(',') < 0 && s.indexOf('"') < 0 && s.indexOf('\n') < 0 && s.indexOf('\r') < 0) {
            return s;
        }
        return '"' + s.replace("\"", "\"\"") + '"';
    }
}
