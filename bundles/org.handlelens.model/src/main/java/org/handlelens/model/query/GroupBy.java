package org.handlelens.model.query;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.function.BooleanSupplier;

import org.handlelens.model.HandleModel;
import org.handlelens.model.ModelConstants;
import org.handlelens.model.store.HandleRows;

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
        return run(m, rows, columns, atNanos, true, NEVER);
    }

    /**
     * Like {@link #run(HandleModel, RowSelection, List)}, polling {@code canceled} every few thousand rows.
     *
     * @throws CancellationException when {@code canceled} returns true
     */
    public static GroupResult run(HandleModel m, RowSelection rows, List<HandleColumn> columns,
            BooleanSupplier canceled) {
        return run(m, rows, columns, ModelConstants.TIME_UNKNOWN, true, canceled);
    }

    private static final BooleanSupplier NEVER = () -> false;

    /** {@link #run(HandleModel, RowSelection, List, long)}; {@code blockReads} false forces the row-by-row reads (tests). */
    static GroupResult run(HandleModel m, RowSelection rows, List<HandleColumn> columns, long atNanos,
            boolean blockReads) {
        return run(m, rows, columns, atNanos, blockReads, NEVER);
    }

    private static GroupResult run(HandleModel m, RowSelection rows, List<HandleColumn> columns, long atNanos,
            boolean blockReads, BooleanSupplier canceled) {
        if (columns.isEmpty()) {
            throw new IllegalArgumentException("no group-by columns");
        }
        HandleColumn[] cols = columns.toArray(HandleColumn[]::new);
        GroupTable table = new GroupTable(cols.length);
        // pass 1: group number of every selected row and the counts; pass 2: rows into exact-size arrays
        // (no per-group array doubling and final copy)
        int n = rows.size();
        int[] groupOfRow = new int[n];
        int[] counts = new int[64];
        long[] outstanding = new long[64];
        long totalOutstanding = 0;
        long[] probe = new long[cols.length]; // reused for every row: keys are stored inline by the table
        if (blockReads && isAllRows(m, rows) && atNanos == ModelConstants.TIME_UNKNOWN && hasFields(cols)) {
            // all rows, outstanding at the end: the columns read in blocks (one chunk-type dispatch per chunk,
            // not per cell), the same codes and the same first-seen group order as the row-by-row loop below
            HandleRows store = m.rowStore();
            long[][] block = new long[cols.length][BLOCK_ROWS];
            long[] closing = new long[BLOCK_ROWS];
            long[] closeTime = new long[BLOCK_ROWS];
            long[] closedSnapshot = new long[BLOCK_ROWS];
            for (int from = 0; from < n; from += BLOCK_ROWS) {
                checkCanceled(canceled);
                int len = Math.min(BLOCK_ROWS, n - from);
                for (int c = 0; c < cols.length; c++) {
                    store.read(cols[c].field(), from, len, block[c]);
                }
                store.read(HandleRows.Field.CLOSING_PROCESS, from, len, closing);
                store.read(HandleRows.Field.CLOSE_TIME, from, len, closeTime);
                store.read(HandleRows.Field.CLOSED_SNAPSHOT, from, len, closedSnapshot);
                for (int k = 0; k < len; k++) {
                    for (int c = 0; c < cols.length; c++) {
                        probe[c] = block[c][k];
                    }
                    int g = table.groupOf(probe);
                    if (g == counts.length) {
                        counts = Arrays.copyOf(counts, g * 2);
                        outstanding = Arrays.copyOf(outstanding, g * 2);
                    }
                    groupOfRow[from + k] = g;
                    counts[g]++;
                    boolean open = HandleModel.isOutstanding(closing[k], closeTime[k], closedSnapshot[k]);
                    outstanding[g] += open ? 1 : 0;
                    totalOutstanding += open ? 1 : 0;
                }
            }
        } else {
            for (int i = 0; i < n; i++) {
                if ((i & (BLOCK_ROWS - 1)) == 0) {
                    checkCanceled(canceled);
                }
                int row = rows.row(i);
                for (int c = 0; c < cols.length; c++) {
                    probe[c] = cols[c].code(m, row);
                }
                int g = table.groupOf(probe);
                if (g == counts.length) {
                    counts = Arrays.copyOf(counts, g * 2);
                    outstanding = Arrays.copyOf(outstanding, g * 2);
                }
                groupOfRow[i] = g;
                counts[g]++;
                boolean open = atNanos == ModelConstants.TIME_UNKNOWN ? m.isOutstanding(row)
                        : m.isOpenAt(row, atNanos);
                outstanding[g] += open ? 1 : 0;
                totalOutstanding += open ? 1 : 0;
            }
        }
        checkCanceled(canceled);
        int groups = table.size();
        int[][] rowsOf = new int[groups][];
        for (int g = 0; g < groups; g++) {
            rowsOf[g] = new int[counts[g]];
        }
        int[] filled = new int[groups];
        for (int i = 0; i < n; i++) {
            int g = groupOfRow[i];
            rowsOf[g][filled[g]++] = rows.row(i);
        }
        List<Sortable> sortable = new ArrayList<>(groups);
        for (int gi = 0; gi < groups; gi++) {
            List<KeyValue> keys = new ArrayList<>(cols.length);
            for (int c = 0; c < cols.length; c++) {
                long code = table.code(gi, c);
                keys.add(new KeyValue(cols[c], code, cols[c].value(m, code), cols[c].label(m, code)));
            }
            Group g = new Group(keys, counts[gi], outstanding[gi], RowSelection.wrap(rowsOf[gi]));
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

    /** Rows per block of the block-read path (a power of two: also the row loop's cancel-check interval). */
    private static final int BLOCK_ROWS = 4096;

    private static void checkCanceled(BooleanSupplier canceled) {
        if (canceled.getAsBoolean()) {
            throw new CancellationException();
        }
    }

    /** True when {@code rows} are all rows of {@code m} (an ascending selection of rowCount rows is 0..n-1). */
    private static boolean isAllRows(HandleModel m, RowSelection rows) {
        int n = rows.size();
        return n == m.rowCount() && (n == 0 || (rows.row(0) == 0 && rows.row(n - 1) == n - 1));
    }

    private static boolean hasFields(HandleColumn[] cols) {
        for (HandleColumn c : cols) {
            if (c.field() == null) {
                return false;
            }
        }
        return true;
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
}
