package org.handlelens.report.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.util.List;

import org.handlelens.model.SourceFormatException;
import org.handlelens.model.analysis.LeakSuspect;
import org.handlelens.report.analysis.SourceAnalysis;
import org.handlelens.report.json.SuspectsJson;
import org.handlelens.report.render.CsvRenderer;

import com.fasterxml.jackson.core.JsonGenerator;

/** {@code handlelens suspects FILE [--format table|csv|json] [--limit N] [--symbol-path P]}. */
final class SuspectsCommand {
    private SuspectsCommand() {
    }

    static int run(CliOptions o, ReportCommand.Loader loader, PrintStream out, PrintStream err)
            throws UsageException, IOException, SourceFormatException {
        o.singleFile("suspects");
        HandlesCommand.Format format = DiffCommand.format(o);
        List<SourceAnalysis> analyses = ReportCommand.analyse(o, loader, ReportCommand.options(o), err);
        SourceAnalysis a = analyses.get(0);
        switch (format) {
            case TABLE -> {
                List<LeakSuspect> suspects = a.suspects().suspects();
                if (suspects.isEmpty()) {
                    out.println(a.suspects().createdDuringSource() == 0
                            ? "No suspects: " + a.fileName() + " records no handle creations (a snapshot)."
                            : "No suspects among " + a.suspects().createdDuringSource() + " handles created in "
                                    + a.fileName() + ".");
                }
                for (LeakSuspect s : suspects) {
                    out.println("#" + s.rank() + " " + s.sentence());
                    if (!s.stacks().isEmpty() && !s.stacks().get(0).frames().isEmpty()) {
                        for (String f : s.stacks().get(0).frames()) {
                            boolean conv = s.convergence() != null && f.equals(s.convergence().frame());
                            out.println((conv ? "   > " : "     ") + f);
                        }
                    }
                }
                if (a.model().isPartial()) {
                    out.println("PARTIAL: " + a.model().partialReason());
                }
            }
            case CSV -> CsvRenderer.render(org.handlelens.report.tables.AnalysisTables.suspects(analyses), out);
            case JSON -> {
                try (JsonGenerator g = SuspectsJson.generator(out)) {
                    SuspectsJson.write(analyses, g);
                }
                out.println();
            }
        }
        return HandleLensCli.exitFor(a.model(), err);
    }
}
