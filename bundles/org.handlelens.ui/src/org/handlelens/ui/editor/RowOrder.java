package org.handlelens.ui.editor;

import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.CancellationException;
import java.util.function.BooleanSupplier;

import org.handlelens.model.HandleModel;
import org.handlelens.model.query.HandleColumn;
import org.handlelens.model.query.HandleFilter;
import org.handlelens.model.query.RowSelection;

/**
 * The rows a handle table shows, in display order: a model filter, a text filter over the
 * visible text columns, and a sort column. UI-free and computed off the UI thread; the table
 * only maps a display index to a model row.
 */
public final class RowOrder {
    private final int[] rows;

    private RowOrder(int[] rows) {
        this.rows = rows;
    }

    /** Number of rows shown. */
    public int size() {
        return rows.length;
    }

    /** Model row at display index {@code i}. */
    public int row(int i) {
        return rows[i];
    }

    /**
     * Computes the order.
     *
     * @param text     case-insensitive substring matched against process, type and name; empty = all
     * @param sortBy   column to sort by, or null for model order
     * @param canceled polled between chunks; throws {@link CancellationException} when true
     */
    public static RowOrder compute(HandleModel model, HandleFilter filter, String text, HandleColumn sortBy,
            boolean descending, BooleanSupplier canceled) {
        return compute(model, null, filter, text, sortBy, descending, canceled);
    }

    /**
     * Like {@link #compute(HandleModel, HandleFilter, String, HandleColumn, boolean, BooleanSupplier)}
     * over a subset of rows ({@code base}, e.g. a leak suspect's handles; null = all rows).
     */
    public static RowOrder compute(HandleModel model, RowSelection base, HandleFilter filter, String text,
            HandleColumn sortBy, boolean descending, BooleanSupplier canceled) {
        int[] rows;
        if (base == null) {
            rows = filter.select(model).toArray();
        } else {
            int[] candidates = base.toArray();
            int n = 0;
            for (int row : candidates) {
                if (filter.test(model, row)) {
                    candidates[n++] = row;
                }
            }
            rows = Arrays.copyOf(candidates, n);
        }
        if (text != null && !text.isBlank()) {
            rows = matchText(model, rows, text.toLowerCase(Locale.ROOT), canceled);
        }
        if (sortBy != null) {
            rows = sort(model, rows, sortBy, descending, canceled);
        }
        return new RowOrder(rows);
    }

    private static int[] matchText(HandleModel model, int[] rows, String needle, BooleanSupplier canceled) {
        HandleColumn[] searched = { HandleColumn.OWNING_PROCESS, HandleColumn.TYPE, HandleColumn.NAME,
            HandleColumn.CREATING_PROCESS, HandleColumn.CLOSING_PROCESS, HandleColumn.HANDLE, HandleColumn.OBJECT };
        int n = 0;
        int[] out = new int[rows.length];
        for (int i = 0; i < rows.length; i++) {
            if ((i & 0xFFFF) == 0 && canceled.getAsBoolean()) {
                throw new CancellationException();
            }
            int row = rows[i];
            for (HandleColumn c : searched) {
                String label = c.label(model, c.code(model, row));
                if (label != null && label.toLowerCase(Locale.ROOT).contains(needle)) {
                    out[n++] = row;
                    break;
                }
            }
        }
        return Arrays.copyOf(out, n);
    }

    /**
     * Sorts by a per-row long key. Text columns are keyed by the rank of their label among
     * the distinct labels, so 1 M rows sort as primitives without a string compare per pair.
     */
    private static int[] sort(HandleModel model, int[] rows, HandleColumn column, boolean descending,
            BooleanSupplier canceled) {
        long[] keys = new long[rows.length];
        if (isNumeric(column)) {
            for (int i = 0; i < rows.length; i++) {
                keys[i] = column.code(model, rows[i]);
            }
        } else {
            LabelRanks ranks = new LabelRanks(model, column, rows);
            for (int i = 0; i < rows.length; i++) {
                keys[i] = ranks.rank(column.code(model, rows[i]));
            }
        }
        if (canceled.getAsBoolean()) {
            throw new CancellationException();
        }
        // Pack (key, position) pairs and sort primitives; stable by original position.
        int[] perm = new int[rows.length];
        for (int i = 0; i < perm.length; i++) {
            perm[i] = i;
        }
        IndexSort.sort(perm, keys);
        int[] out = new int[rows.length];
        for (int i = 0; i < perm.length; i++) {
            int p = descending ? perm[perm.length - 1 - i] : perm[i];
            out[i] = rows[p];
        }
        return out;
    }

    private static boolean isNumeric(HandleColumn c) {
        return switch (c) {
            case HANDLE, OBJECT, GRANTED_ACCESS, CREATE_TIME, CLOSE_TIME, CREATE_THREAD -> true;
            default -> false;
        };
    }
}
