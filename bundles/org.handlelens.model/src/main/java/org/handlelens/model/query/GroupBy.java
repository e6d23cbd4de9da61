package org.handlelens.model.query;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

import org.handlelens.model.HandleModel;
import org.handlelens.model.ModelConstants;

/** Groups rows by any list of columns, counting rows and outstanding rows per group. */
public final class GroupBy {
    private GroupBy() {
    }

    /** Groups {@code rows}; outstanding means still open at the end of the source. */
    public static GroupResult run(HandleModel m, RowSelection rows, List<HandleColumn> columns) {
        return run(m, rows, columns, ModelConstants.TIME_UNKNOWN);
    }

    /**
     * Groups {@code rows}; outstanding means open at {@code atNanos}, or at the end when it is
     * {@link ModelConstants#TIME_UNKNOWN}.
     */
    public static GroupResult run(HandleModel m, RowSelection rows, List<HandleColumn> columns, long atNanos) {
        if (columns.isEmpty()) {
            throw new IllegalArgumentException("no group-by columns");
        }
        HandleColumn[] cols = columns.toArray(HandleColumn[]::new);
        GroupTable table = new GroupTable(cols.length);
        List<Acc> accs = new ArrayList<>();
        long totalOutstanding = 0;
        long[] probe = new long[cols.length]; // reused for every row: keys are stored inline by the table
        for (int i = 0; i < rows.size(); i++) {
            int row = rows.row(i);
            for (int c = 0; c < cols.length; c++) {
                probe[c] = cols[c].code(m, row);
            }
            int g = table.groupOf(probe);
            if (g == accs.size()) {
                accs.add(new Acc());
            }
            boolean open = atNanos == ModelConstants.TIME_UNKNOWN ? m.isOutstanding(row) : m.isOpenAt(row, atNanos);
            accs.get(g).add(row, open);
            totalOutstanding += open ? 1 : 0;
        }
        List<Sortable> sortable = new ArrayList<>(accs.size());
        for (int gi = 0; gi < accs.size(); gi++) {
            List<KeyValue> keys = new ArrayList<>(cols.length);
            for (int c = 0; c < cols.length; c++) {
                long code = table.code(gi, c);
                keys.add(new KeyValue(cols[c], code, cols[c].value(m, code), cols[c].label(m, code)));
            }
            Acc acc = accs.get(gi);
            Group g = new Group(keys, acc.count, acc.outstanding, RowSelection.wrap(Arrays.copyOf(acc.rows, acc.count)));
            sortable.add(new Sortable(g, labelKey(g)));
        }
        // ORDER with the label key built once per group, not once per comparison
        sortable.sort(Comparator.comparingLong((Sortable x) -> x.group().outstanding()).reversed()
                .thenComparing(Comparator.comparingLong((Sortable x) -> x.group().count()).reversed())
                .thenComparing(Sortable::labels));
        List<Group> out = new ArrayList<>(sortable.size());
        for (Sortable x : sortable) {
            out.add(x.group());
        }
        return new GroupResult(columns, out, rows.size(), totalOutstanding);
    }

    private static String labelKey(Group g) {
        return String.join("\u0000", g.keys().stream().map(KeyValue::label).toList());
    }

    /** A group with its label sort key. */
    private record Sortable(Group group, String labels) {
    }

    /** Outstanding descending, count descending, then key labels. */
    static final Comparator<Group> ORDER = Comparator.comparingLong(Group::outstanding).reversed()
            .thenComparing(Comparator.comparingLong(Group::count).reversed())
            .thenComparing(GroupBy::labelKey);

    private static final class Acc {
        int[] rows = new int[4];
        int count;
        long outstanding;

        void add(int row, boolean open) {
            if (count == rows.length) {
                rows = Arrays.copyOf(rows, count * 2);
            }
            rows[count++] = row;
            outstanding += open ? 1 : 0;
        }
    }
}
