package org.handlelens.model.query;

import java.util.List;

/**
 * One group of a {@link GroupResult}.
 *
 * @param keys        key values, in the order of the group-by columns
 * @param count       rows in the group
 * @param outstanding rows still open (at the end, or at the time the query asked about)
 * @param rows        the rows, ascending (for drill-down)
 */
public record Group(List<KeyValue> keys, long count, long outstanding, RowSelection rows) {
    public Group {
        keys = List.copyOf(keys);
    }

    /** The key value of {@code column}, or null when it is not a key. */
    public KeyValue key(HandleColumn column) {
        for (KeyValue k : keys) {
            if (k.column() == column) {
                return k;
            }
        }
        return null;
    }
}
