package org.handlelens.ui.editor;

import java.util.List;

import org.handlelens.model.HandleModel;
import org.handlelens.model.query.HandleColumn;

/** Rows of the handle table as text for the clipboard: tab-separated with a header line. */
public final class RowsText {
    private RowsText() {
    }

    /** Tab-separated {@code rows} in {@code columns} order, header first, one line per row. */
    public static String tsv(HandleModel model, List<Integer> rows, HandleColumn[] columns) {
        StringBuilder sb = new StringBuilder();
        for (int c = 0; c < columns.length; c++) {
            sb.append(c == 0 ? "" : "\t").append(columns[c].displayName());
        }
        sb.append('\n');
        for (int row : rows) {
            for (int c = 0; c < columns.length; c++) {
                String v = columns[c].label(model, columns[c].code(model, row));
                sb.append(c == 0 ? "" : "\t").append(v == null ? "" : v.replace('\t', ' ').replace('\n', ' '));
            }
            sb.append('\n');
        }
        return sb.toString();
    }
}
