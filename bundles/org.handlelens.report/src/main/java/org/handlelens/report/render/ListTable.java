package org.handlelens.report.render;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/** An immutable, materialised {@link TableResult}. */
public final class ListTable implements TableResult {
    private final List<TableColumn> columns;
    private final List<Object[]> rows;
    private final Instant timeBase;

    private ListTable(List<TableColumn> columns, List<Object[]> rows, Instant timeBase) {
        this.columns = List.copyOf(columns);
        this.rows = rows;
        this.timeBase = timeBase;
    }

    @Override
    public List<TableColumn> columns() {
        return columns;
    }

    @Override
    public int rowCount() {
        return rows.size();
    }

    @Override
    public Object value(int row, int column) {
        return rows.get(row)[column];
    }

    @Override
    public Instant timeBase() {
        return timeBase;
    }

    /** Builder adding rows in order. */
    public static Builder builder(List<TableColumn> columns, Instant timeBase) {
        return new Builder(columns, timeBase);
    }

    /** Collects rows; {@link #build()} freezes them. */
    public static final class Builder {
        private final List<TableColumn> columns;
        private final Instant timeBase;
        private final List<Object[]> rows = new ArrayList<>();

        private Builder(List<TableColumn> columns, Instant timeBase) {
            this.columns = List.copyOf(columns);
            this.timeBase = timeBase;
        }

        /** Adds a row; one value per column. */
        public Builder add(Object... values) {
            if (values.length != columns.size()) {
                throw new IllegalArgumentException(values.length + " values for " + columns.size() + " columns");
            }
            rows.add(Arrays.copyOf(values, values.length));
            return this;
        }

        public ListTable build() {
            return new ListTable(columns, Collections.unmodifiableList(new ArrayList<>(rows)), timeBase);
        }
    }
}
