package org.handlelens.model.query;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

import org.handlelens.model.HandleModel;
import org.handlelens.model.ProcessRecord;
import org.handlelens.model.StackTrace;

/**
 * First leak-suspect ranking: groups of (owning process, type, create stack) scored by how many of
 * their handles are still open and by how fast that number grew during the trace.
 *
 * @deprecated superseded by {@link org.handlelens.model.analysis.LeakSuspectAnalysis} (exit closes,
 *             overdue handles, convergence frame, fit quality); kept for existing callers.
 */
@Deprecated
public final class LeakSuspects {

    private LeakSuspects() {
    }

    /**
     * One suspect.
     *
     * @param group          the group (keys: owning process, type, create stack)
     * @param outstanding    handles still open at the end
     * @param growthPerSecond slope of the group's open count over the trace, handles per second (0 for snapshots)
     * @param score          ranking score: outstanding plus positive growth over the trace span
     * @param description    one sentence for humans
     */
    public record Suspect(Group group, long outstanding, double growthPerSecond, double score, String description) {
    }

    /** Suspects among {@code rows}, best first, at most {@code limit} (0 = all). */
    public static List<Suspect> rank(HandleModel m, RowSelection rows, int limit) {
        List<HandleColumn> cols = List.of(HandleColumn.OWNING_PROCESS, HandleColumn.TYPE, HandleColumn.CREATE_STACK);
        GroupResult groups = GroupBy.run(m, rows, cols);
        long span = CountOverTime.spanNanos(m);
        double spanSeconds = span / 1e9;
        List<Suspect> out = new ArrayList<>();
        for (Group g : groups.groups()) {
            if (g.outstanding() == 0) {
                continue;
            }
            double slope = 0;
            if (span > 0) {
                CountOverTime.Result r = CountOverTime.run(m, g.rows(), HandleColumn.OWNING_PROCESS, 20);
                if (!r.series().isEmpty()) {
                    slope = CountOverTime.slopePerSecond(r.pointTimesNanos(), r.series().get(0).counts());
                }
            }
            double score = g.outstanding() + Math.max(0, slope) * spanSeconds;
            out.add(new Suspect(g, g.outstanding(), slope, score, describe(m, g, slope)));
        }
        out.sort(Comparator.comparingDouble(Suspect::score).reversed()
                .thenComparing(s -> s.group().keys().get(0).label()));
        return limit > 0 && out.size() > limit ? List.copyOf(out.subList(0, limit)) : List.copyOf(out);
    }

    private static String describe(HandleModel m, Group g, double slope) {
        int processKey = (int) g.keys().get(0).code();
        ProcessRecord p = m.process(processKey);
        String who = p == null ? "An unknown process" : p.image() + " (pid " + p.pid() + ")";
        String type = g.keys().get(1).label();
        StringBuilder sb = new StringBuilder();
        sb.append(who).append(" holds ").append(g.outstanding()).append(" open handle")
                .append(g.outstanding() == 1 ? "" : "s").append(" of type ").append(type);
        StackTrace stack = m.stack((int) g.keys().get(2).code());
        if (stack != null && stack.frameCount() > 0) {
            sb.append(" created at ").append(interestingFrame(stack));
        }
        if (slope > 0) {
            sb.append(String.format(Locale.ROOT, ", growing by %.2f per second", slope));
        }
        return sb.append('.').toString();
    }

    /** First frame outside kernel/system DLLs, else the innermost frame. */
    static String interestingFrame(StackTrace stack) {
        for (int i = 0; i < stack.frameCount(); i++) {
            String text = stack.frameText(i);
            String module = org.handlelens.model.analysis.OsModules.moduleOfFrame(text);
            if (module != null && !org.handlelens.model.analysis.OsModules.isOsModule(module)) {
                return text;
            }
        }
        return stack.frameText(0);
    }
}
