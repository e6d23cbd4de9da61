package org.handlelens.ui.editor;

import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.function.BooleanSupplier;
import java.util.function.IntConsumer;
import java.util.function.IntUnaryOperator;

import org.handlelens.model.HandleModel;
import org.handlelens.model.query.HandleColumn;

/** Rows of the handle table as text for the clipboard: tab-separated or CSV, with a header line. UI-free. */
public final class RowsText {
    /**
     * Most rows Copy puts on the clipboard. The clipboard's owner, the UI thread, converts the whole text
     * when another program pastes it: a million rows (140 MB of text) blocked the UI thread 7.8 s in the
     * 10 M-row bench (docs/benchmarks.md); 100,000 rows are ~14 MB. Larger selections are offered File >
     * Export Table instead.
     */
    public static final int MAX_CLIPBOARD_ROWS = 100_000;

    /** Rows between two progress reports and cancel checks of {@link #write}. */
    public static final int PROGRESS_STEP_ROWS = 10_000;

    /** The clipboard text formats. */
    public enum Format {
        /** Tab-separated, tabs and line breaks inside a value replaced by spaces (pastes into spreadsheets). */
        TSV,
        /** Comma-separated, RFC 4180 quoting (a value with a comma, quote or line break is quoted). */
        CSV
    }

    private RowsText() {
    }

    /** True if {@code rowCount} rows may go to the clipboard ({@link #MAX_CLIPBOARD_ROWS}). */
    public static boolean fitsClipboard(long rowCount) {
        return rowCount <= MAX_CLIPBOARD_ROWS;
    }

    /** Tab-separated {@code rows} in {@code columns} order, header first, one line per row. */
    public static String tsv(HandleModel model, List<Integer> rows, HandleColumn[] columns) {
        return write(model, rows.size(), rows::get, columns, Format.TSV, () -> false, done -> { });
    }

    /**
     * The text of {@code count} rows ({@code rowAt(i)} is the model row of line {@code i}) in {@code columns}
     * order, header first.
     *
     * @param canceled polled every {@link #PROGRESS_STEP_ROWS} rows; true throws {@link CancellationException}
     * @param progress told the number of rows written, every {@link #PROGRESS_STEP_ROWS} rows and at the end
     */
    public static String write(HandleModel model, int count, IntUnaryOperator rowAt, HandleColumn[] columns,
            Format format, BooleanSupplier canceled, IntConsumer progress) {
        char sep = format == Format.CSV ? ',' : '\t';
        StringBuilder sb = new StringBuilder((int) Math.min(1 << 20, 16L * columns.length * (count + 1L)));
        for (int c = 0; c < columns.length; c++) {
            if (c > 0) {
                sb.append(sep);
            }
            value(sb, columns[c].displayName(), format);
        }
        sb.append('\n');
        for (int i = 0; i < count; i++) {
            if (i % PROGRESS_STEP_ROWS == 0 && i > 0) {
                if (canceled.getAsBoolean()) {
                    throw new CancellationException();
                }
                progress.accept(i);
            }
            int row = rowAt.applyAsInt(i);
            for (int c = 0; c < columns.length; c++) {
                if (c > 0) {
                    sb.append(sep);
                }
                String v = columns[c].label(model, columns[c].code(model, row));
                value(sb, v == null ? "" : v, format);
            }
            sb.append('\n');
        }
        progress.accept(count);
        return sb.toString();
    }

    private static void value(StringBuilder sb, String v, Format format) {
        if (format == Format.TSV) {
            sb.append(v.replace('\t', ' ').replace('\n', ' ').replace('\r', ' '));
        } else if (v.indexOf(',') >= 0 || v.indexOf('"') >= 0 || v.indexOf('\n') >= 0 || v.indexOf('\r') >= 0) {
            sb.append('"').append(v.replace("\"", "\"\"")).append('"');
        } else {
            sb.append(v);
        }
    }
}
