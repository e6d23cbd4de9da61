package org.handlelens.ui.editor;

import java.util.Arrays;

import org.eclipse.core.runtime.IAdaptable;
import org.eclipse.ui.views.properties.IPropertySource;
import org.handlelens.model.HandleModel;
import org.handlelens.ui.properties.ReadOnlyPropertySource;

/**
 * Several rows selected in the Handles table, as one selection element: all rows of the shown order (Select
 * All, any number of pages) or some rows of the page in the table. The Properties view shows how many;
 * it adapts to the first row's {@link HandleRef} for the stack views. Immutable.
 */
public final class SelectedRows implements IAdaptable {
    private final HandleModel model;
    private final RowOrder order;
    /** Model rows of a partial selection, or null when all rows of {@link #order} are selected. */
    private final int[] rows;

    private SelectedRows(HandleModel model, RowOrder order, int[] rows) {
        this.model = model;
        this.order = order;
        this.rows = rows;
    }

    /** All rows of {@code order} (the table's filtered and sorted rows, all pages). */
    public static SelectedRows all(HandleModel model, RowOrder order) {
        return new SelectedRows(model, order, null);
    }

    /** The model rows {@code rows} (in this order) of {@code shown}, the order they were selected in. */
    public static SelectedRows of(HandleModel model, RowOrder shown, int[] rows) {
        return new SelectedRows(model, shown, rows.clone());
    }

    /** The model. */
    public HandleModel model() {
        return model;
    }

    /** True if every row of the shown order is selected. */
    public boolean isAll() {
        return rows == null;
    }

    /** Number of rows selected. */
    public int count() {
        return rows == null ? order.size() : rows.length;
    }

    /** Rows in the shown order (all pages). */
    public int shownCount() {
        return order.size();
    }

    /** Model row of selected row {@code i} ({@code 0 <= i < count()}; in display order when all are selected). */
    public int row(int i) {
        return rows == null ? order.row(i) : rows[i];
    }

    /** "1 row selected", "12,345 rows selected". */
    public static String summary(int count) {
        return count == 1 ? "1 row selected" : String.format("%,d rows selected", count);
    }

    @Override
    public <T> T getAdapter(Class<T> adapter) {
        if (adapter == IPropertySource.class) {
            return adapter.cast(new Properties(this));
        }
        if (adapter == HandleRef.class && count() > 0) {
            return adapter.cast(new HandleRef(model, row(0)));
        }
        return null;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SelectedRows s && s.model == model && s.order == order && Arrays.equals(s.rows, rows);
    }

    @Override
    public int hashCode() {
        return System.identityHashCode(order) * 31 + Arrays.hashCode(rows);
    }

    @Override
    public String toString() {
        return summary(count());
    }

    /** What the Properties view shows for a selection of several rows. */
    private static final class Properties extends ReadOnlyPropertySource {
        Properties(SelectedRows s) {
            add("Selection", "Selected", summary(s.count()));
            add("Selection", "Shown", String.format("%,d rows (filters applied)", s.shownCount()));
            add("Selection", "Scope", s.isAll() ? "all rows shown, every page" : "rows of the current page");
        }
    }
}
