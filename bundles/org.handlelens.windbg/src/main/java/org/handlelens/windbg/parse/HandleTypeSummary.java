package org.handlelens.windbg.parse;

import java.util.Map;

/**
 * User-mode {@code !handle} trailer: {@code 6 Handles}, then {@code Type Count} rows.
 *
 * @param owner        debuggee, null when unknown
 * @param totalHandles the {@code N Handles} number
 * @param countByType  rows in printed order
 * @param lineNumber   1-based line of {@code N Handles}
 */
public record HandleTypeSummary(ProcessRef owner, long totalHandles, Map<String, Long> countByType, int lineNumber) {

    public HandleTypeSummary {
        countByType = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(countByType));
    }
}
