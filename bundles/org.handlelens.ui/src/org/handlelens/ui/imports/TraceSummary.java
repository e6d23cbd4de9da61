package org.handlelens.ui.imports;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.handlelens.model.HandleModel;
import org.handlelens.model.ProcessRecord;

/**
 * What the navigator and the Properties view show of a trace without keeping its model: format,
 * size, event/row counts and the processes with their handle counts.
 *
 * @param format     importer format id
 * @param sizeBytes  trace file size
 * @param rowCount   handle rows in the model
 * @param partial    reason the model is partial, or null
 * @param processes  processes, most handles first
 */
public record TraceSummary(String format, long sizeBytes, int rowCount, String partial, List<ProcessSummary> processes) {
    public TraceSummary {
        processes = List.copyOf(processes);
    }

    /**
     * One process.
     *
     * @param label       WPA-style label, e.g. {@code smss.exe (1276)}
     * @param image       image name
     * @param pid         process id
     * @param handleCount handles: the count the source reports, else the handles it still holds at the end
     * @param outstanding handle rows of this process never closed in the source
     */
    public record ProcessSummary(String label, String image, int pid, long handleCount, long outstanding) {
        /** Navigator text: {@code smss.exe (1276) — 21 handles}. */
        public String text() {
            return label + " \u2014 " + handleCount + (handleCount == 1 ? " handle" : " handles");
        }
    }

    /** The summary of {@code model} read from a file of {@code sizeBytes}. */
    public static TraceSummary of(HandleModel model, long sizeBytes) {
        List<ProcessRecord> records = model.processes();
        long[] outstanding = new long[records.size()];
        for (int row = 0; row < model.rowCount(); row++) {
            int owner = model.owningProcess(row);
            if (owner >= 0 && owner < outstanding.length && model.isOutstanding(row)) {
                outstanding[owner]++;
            }
        }
        List<ProcessSummary> processes = new ArrayList<>(records.size());
        for (int key = 0; key < records.size(); key++) {
            ProcessRecord p = records.get(key);
            long count = p.handleCount() >= 0 ? p.handleCount() : outstanding[key];
            processes.add(new ProcessSummary(p.label(), p.image(), p.pid(), count, outstanding[key]));
        }
        processes.sort(Comparator.comparingLong(ProcessSummary::handleCount).reversed()
                .thenComparing(ProcessSummary::label));
        return new TraceSummary(model.source().format(), sizeBytes, model.rowCount(), model.partialReason(),
                processes);
    }
}
