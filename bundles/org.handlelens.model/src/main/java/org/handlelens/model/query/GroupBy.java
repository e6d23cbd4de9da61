package org.handlelens.model.query;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

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
        Map<Key, Acc> groups = new HashMap<>();
        long totalOutstanding = 0;
        for (int i = 0; i < rows.size(); i++) {
            int row = rows.row(i);
            long[] codes = new long[cols.length];
            for (int c = 0; c < cols.length; c++) {
                codes[c] = cols[c].code(m, row);
            }
            Acc acc = groups.computeIfAbsent(new Key(codes), k -> new Acc());
            boolean open = atNanos == ModelConstants.TIME_UNKNOWN ? m.isOutstanding(row) : m.isOpenAt(row, atNanos);
            acc.add(row, open);
            totalOutstanding += open ? 1 : 0;
        }
        List<Group> out = new ArrayList<>(groups.size());
        for (Map.Entry<Key, Acc> e : groups.entrySet()) {
            long[] codes = e.getKey().codes;
            List<KeyValue> keys = new ArrayList<>(cols.length);
            for (int c = 0; c < cols.length; c++) {
                keys.add(new KeyValue(cols[c], codes[c], cols[c].value(m, codes[c]), cols[c].label(m, codes[c])));
            }
            Acc acc = e.getValue();
            out.add(new Group(keys, acc.count, acc.outstanding, RowSelection.wrap(Arrays.copyOf(acc.rows, acc.count))));
        }
        out.sort(ORDER);
        return new GroupResult(columns, out, rows.size(), totalOutstanding);
    }

    /** Outstanding descending, count descending, then key labels. */
    static final Comparator<Group> ORDER = Comparator.comparingLong(Group::outstanding).reversed()
            .thenComparing(Comparator.comparingLong(Group::count).reversed())
            .thenComparing(g -> String.join("\u0000", g.keys().stream().map(KeyValue::label).toList()));

    private record Key(long[] codes) {
        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && Arrays.equals(codes, k.codes);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(codes);
        }
    }

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
