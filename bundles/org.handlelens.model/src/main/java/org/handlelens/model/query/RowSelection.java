package org.handlelens.model.query;

import java.util.Arrays;
import java.util.stream.IntStream;

import org.handlelens.model.HandleModel;

/** An immutable, ascending set of row indexes of one model. */
public final class RowSelection {
    private final int[] rows;

    private RowSelection(int[] rows) {
        this.rows = rows;
    }

    /** All rows of {@code m}. */
    public static RowSelection all(HandleModel m) {
        return new RowSelection(IntStream.range(0, m.rowCount()).toArray());
    }

    /** Selection of the given rows (copied, sorted, de-duplicated). */
    public static RowSelection of(int... rows) {
        return new RowSelection(Arrays.stream(rows).sorted().distinct().toArray());
    }

    /** Wraps an array the caller built ascending and will not modify. */
    static RowSelection wrap(int[] ascendingRows) {
        return new RowSelection(ascendingRows);
    }

    /** Number of rows. */
    public int size() {
        return rows.length;
    }

    /** The {@code i}-th selected row index. */
    public int row(int i) {
        return rows[i];
    }

    /** Copy of the row indexes. */
    public int[] toArray() {
        return rows.clone();
    }

    /** The row indexes as a stream. */
    public IntStream stream() {
        return Arrays.stream(rows);
    }
}
