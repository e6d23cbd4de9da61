package org.handlelens.model.query;

/**
 * One key column value of a group.
 *
 * @param column the column
 * @param code   grouping code (process key, string id, address, stack id...)
 * @param value  typed value for JSON (see {@link HandleColumn#value}), null = Unknown/none
 * @param label  display text
 */
public record KeyValue(HandleColumn column, long code, Object value, String label) {
}
