package org.handlelens.report.render;

import java.time.Instant;
import java.util.List;

/**
 * A table any face can render (text, CSV, JSON, HTML): column metadata plus cells addressed by row and
 * column. Implementations may be virtual (computing cells on demand over millions of model rows).
 */
public interface TableResult {
    /** The columns. */
    List<TableColumn> columns();

    /** Number of rows. */
    int rowCount();

    /** Cell value (see {@link CellKind} for the types), null for none/Unknown. */
    Object value(int row, int column);

    /** Wall-clock time of trace start for {@link CellKind#TIME} cells, null when unknown. */
    default Instant timeBase() {
        return null;
    }
}
