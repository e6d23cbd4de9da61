package org.handlelens.ui.editor;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.handlelens.model.HandleModel;
import org.handlelens.model.query.HandleColumn;

/**
 * Alphabetical rank of each distinct code's label of a text column (process, type, name,
 * stack). Distinct codes are few compared with rows, so labels are built once per code.
 */
final class LabelRanks {
    private final Map<Long, Long> ranks = new HashMap<>();

    LabelRanks(HandleModel model, HandleColumn column, int[] rows) {
        Map<Long, String> labels = new HashMap<>();
        for (int row : rows) {
            long code = column.code(model, row);
            labels.computeIfAbsent(code, c -> {
                String l = column.label(model, c);
                return l == null ? "" : l;
            });
        }
        List<Map.Entry<Long, String>> entries = new ArrayList<>(labels.entrySet());
        entries.sort((a, b) -> {
            int c = String.CASE_INSENSITIVE_ORDER.compare(a.getValue(), b.getValue());
            return c != 0 ? c : Long.compare(a.getKey(), b.getKey());
        });
        long rank = 0;
        for (Map.Entry<Long, String> e : entries) {
            ranks.put(e.getKey(), rank++);
        }
    }

    long rank(long code) {
        return ranks.get(code);
    }
}
