package org.handlelens.model.query;

import java.util.List;

/**
 * Result of {@link GroupBy}: groups sorted by outstanding count (descending), then count, then label.
 *
 * @param columns          key columns
 * @param groups           the groups
 * @param totalCount       rows over all groups
 * @param totalOutstanding outstanding rows over all groups
 */
public record GroupResult(List<HandleColumn> columns, List<Group> groups, long totalCount, long totalOutstanding) {
    public GroupResult {
        columns = List.copyOf(columns);
        groups = List.copyOf(groups);
    }
}
