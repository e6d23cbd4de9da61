package org.handlelens.report.analysis;

import java.nio.file.Path;
import java.util.List;

import org.handlelens.model.HandleModel;
import org.handlelens.model.analysis.FrameTexts;
import org.handlelens.model.analysis.LeakSuspectAnalysis;
import org.handlelens.model.analysis.ProcessOverview;
import org.handlelens.model.query.CountOverTime;
import org.handlelens.model.query.GroupBy;
import org.handlelens.model.query.GroupResult;
import org.handlelens.model.query.HandleColumn;
import org.handlelens.model.query.RowSelection;
import org.handlelens.model.spi.FrameSymbolizer;

/**
 * Everything the report shows about one source, computed once: leak suspects, the process overview,
 * outstanding handles by process and type, and the outstanding count over time per process.
 *
 * @param file       the source file
 * @param model      its model
 * @param frames     frame texts (resolved through the symbol path when one was given)
 * @param suspects   leak suspects
 * @param overview   processes by handle count
 * @param byProcessType all handles grouped by owning process and type (outstanding = open at the end)
 * @param byType     all handles grouped by type
 * @param countOverTime open handles per process over the trace (one point for snapshots)
 */
public record SourceAnalysis(Path file, HandleModel model, FrameTexts frames, LeakSuspectAnalysis.Report suspects,
        ProcessOverview.Result overview, GroupResult byProcessType, GroupResult byType,
        CountOverTime.Result countOverTime) {

    /** Points of the charts. */
    public static final int CHART_POINTS = 120;

    /** Runs the analyses on {@code model}; {@code resolver} may be null. */
    public static SourceAnalysis of(Path file, HandleModel model, FrameSymbolizer.Resolver resolver,
            LeakSuspectAnalysis.Options options) {
        FrameTexts frames = new FrameTexts(model, resolver);
        RowSelection all = RowSelection.all(model);
        return new SourceAnalysis(file, model, frames, LeakSuspectAnalysis.run(model, all, frames, options),
                ProcessOverview.of(model, CHART_POINTS),
                GroupBy.run(model, all, List.of(HandleColumn.OWNING_PROCESS, HandleColumn.TYPE)),
                GroupBy.run(model, all, List.of(HandleColumn.TYPE)),
                CountOverTime.byProcess(model, all, CHART_POINTS));
    }

    /** File name for display. */
    public String fileName() {
        return file.getFileName().toString();
    }
}
