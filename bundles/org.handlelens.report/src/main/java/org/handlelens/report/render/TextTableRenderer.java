package org.handlelens.report.render;

import java.io.PrintStream;
import java.util.List;

/**
 * Aligned text table: titles, a dashed rule, then rows; numbers right-aligned. Cells longer than
 * {@link #MAX_CELL} characters are cut with "...". Create stacks show their frames joined by " < ".
 */
public final class TextTableRenderer {
    /** Widest cell in characters. */
    public static final int MAX_CELL = 120;

    private TextTableRenderer() {
    }

    /** Writes {@code table} to {@code out}. */
    public static void render(TableResult table, PrintStream out) {
        List<TableColumn> cols = table.columns();
        int n = table.rowCount();
        int[] widths = new int[cols.size()];
        for (int c = 0; c < cols.size(); c++) {
            widths[c] = cols.get(c).title().length();
        }
        for (int r = 0; r < n; r++) {
            for (int c = 0; c < cols.size(); c++) {
                widths[c] = Math.max(widths[c], cell(table, r, c).length());
            }
        }
        StringBuilder sb = new StringBuilder();
        for (int c = 0; c < cols.size(); c++) {
            pad(sb, cols.get(c).title(), widths[c], rightAligned(cols.get(c).kind()), c == cols.size() - 1);
        }
        out.println(sb.toString().stripTrailing());
        sb.setLength(0);
        for (int c = 0; c < cols.size(); c++) {
            sb.append("-".repeat(widths[c])).append(c == cols.size() - 1 ? "" : "  ");
        }
        out.println(sb);
        for (int r = 0; r < n; r++) {
            sb.setLength(0);
            for (int c = 0; c < cols.size(); c++) {
                pad(sb, cell(table, r, c), widths[c], rightAligned(cols.get(c).kind()), c == cols.size() - 1);
            }
            out.println(sb.toString().stripTrailing());
        }
    }

    private static boolean rightAligned(CellKind kind) {
        return kind == CellKind.INTEGER || kind == CellKind.DECIMAL || kind == CellKind.TIME;
    }

    private static String cell(TableResult t, int r, int c) {
        String s = CellFormat.text(t.columns().get(c).kind(), t.value(r, c), " < ");
        s = s.replace('\n', ' ').replace('\r', ' ');
        return s.length() > MAX_CELL ? s.substring(0, MAX_CELL - 3) + "..." : s;
    }

    private static void pad(StringBuilder sb, String s, int width, boolean right, boolean last) {
        String fill = " ".repeat(width - s.length());
        sb.append(right ? fill + s : s + (last ? "" : fill));
        if (!last) {
            sb.append("  ");
        }
    }
}
