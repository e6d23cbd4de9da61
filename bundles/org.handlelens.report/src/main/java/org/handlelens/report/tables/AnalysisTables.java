package org.handlelens.report.tables;

import java.util.ArrayList;
import java.util.List;

import org.handlelens.model.HandleModel;
import org.handlelens.model.ModelConstants;
import org.handlelens.model.analysis.LeakSuspect;
import org.handlelens.model.analysis.ProcessOverview;
import org.handlelens.model.query.Diff;
import org.handlelens.model.query.Group;
import org.handlelens.model.query.GroupResult;
import org.handlelens.model.query.HandleColumn;
import org.handlelens.model.query.KeyValue;
import org.handlelens.report.analysis.SourceAnalysis;
import org.handlelens.report.render.CellKind;
import org.handlelens.report.render.ListTable;
import org.handlelens.report.render.ProcessCell;
import org.handlelens.report.render.TableColumn;
import org.handlelens.report.render.TableResult;

/** Tables of the analyses (suspects, processes, process × type, diff) for CSV, text and HTML. */
public final class AnalysisTables {
    private AnalysisTables() {
    }

    /** One row per suspect of every source. */
    public static TableResult suspects(List<SourceAnalysis> sources) {
        List<TableColumn> cols = List.of(new TableColumn("source", "Source", CellKind.TEXT),
                new TableColumn("rank", "Rank", CellKind.INTEGER),
                new TableColumn("process", "Owning Process", CellKind.PROCESS),
                new TableColumn("processImage", "Image", CellKind.TEXT),
                new TableColumn("type", "Handle Type", CellKind.TEXT),
                new TableColumn("leaked", "Leaked", CellKind.INTEGER),
                new TableColumn("outstanding", "Outstanding", CellKind.INTEGER),
                new TableColumn("closedByExit", "Closed by Exit", CellKind.INTEGER),
                new TableColumn("closed", "Closed", CellKind.INTEGER),
                new TableColumn("created", "Created", CellKind.INTEGER),
                new TableColumn("share", "Share", CellKind.DECIMAL),
                new TableColumn("growthPerSecond", "Growth/s", CellKind.DECIMAL),
                new TableColumn("rSquared", "R²", CellKind.DECIMAL),
                new TableColumn("score", "Score", CellKind.DECIMAL),
                new TableColumn("convergenceFrame", "Convergence Frame", CellKind.TEXT),
                new TableColumn("sentence", "Finding", CellKind.TEXT));
        ListTable.Builder b = ListTable.builder(cols, null);
        for (SourceAnalysis a : sources) {
            for (LeakSuspect s : a.suspects().suspects()) {
                b.add(a.fileName(), (long) s.rank(), new ProcessCell(s.pid(), s.processLabel()), s.processImage(),
                        s.type(), s.leaked(), s.outstanding(), s.closedByExit(), s.closed(), s.created(), s.share(),
                        s.growthPerSecond(), s.rSquared(), s.score(),
                        s.convergence() == null ? null : s.convergence().frame(), s.sentence());
            }
        }
        return b.build();
    }

    /** One row per process of every source, by handle count. */
    public static TableResult processes(List<SourceAnalysis> sources) {
        List<TableColumn> cols = List.of(new TableColumn("source", "Source", CellKind.TEXT),
                new TableColumn("pid", "PID", CellKind.INTEGER),
                new TableColumn("image", "Image", CellKind.TEXT),
                new TableColumn("handleCount", "Handles", CellKind.INTEGER),
                new TableColumn("countSource", "Count From", CellKind.TEXT),
                new TableColumn("openAtEnd", "Open at End", CellKind.INTEGER),
                new TableColumn("createdInSource", "Created in Source", CellKind.INTEGER),
                new TableColumn("flagged", "Over 10,000", CellKind.TEXT),
                new TableColumn("start", "Start", CellKind.TIME),
                new TableColumn("end", "End", CellKind.TIME));
        ListTable.Builder b = ListTable.builder(cols, sources.size() == 1 ? sources.get(0).model().source().startTime()
                : null);
        for (SourceAnalysis a : sources) {
            for (ProcessOverview.ProcessRow p : a.overview().processes()) {
                b.add(a.fileName(), p.pid() < 0 ? null : (long) p.pid(), p.image(), p.handleCount(),
                        p.countSource() == ProcessOverview.CountSource.REPORTED ? "reported" : "open handles",
                        p.openAtEnd(), p.createdInSource(), p.flagged() ? "yes" : "no", time(p.startTimeNanos()),
                        time(p.endTimeNanos()));
            }
        }
        return b.build();
    }

    /** Handles by owning process and type of every source: count and outstanding. */
    public static TableResult byProcessType(List<SourceAnalysis> sources) {
        List<TableColumn> cols = List.of(new TableColumn("source", "Source", CellKind.TEXT),
                new TableColumn("owning-process", "Owning Process", CellKind.PROCESS),
                new TableColumn("type", "Handle Type", CellKind.TEXT),
                new TableColumn("count", "Count", CellKind.INTEGER),
                new TableColumn("outstanding", "Outstanding", CellKind.INTEGER));
        ListTable.Builder b = ListTable.builder(cols, null);
        for (SourceAnalysis a : sources) {
            HandleModel m = a.model();
            for (Group g : a.byProcessType().groups()) {
                b.add(a.fileName(), HandleTables.process(m, (int) g.keys().get(0).code()), g.keys().get(1).label(),
                        g.count(), g.outstanding());
            }
        }
        return b.build();
    }

    /**
     * A diff as one table: {@code change} (new, closed, still-open), the key columns, count.
     * Closed groups come from {@code before}, the others from {@code after}.
     */
    public static TableResult diff(HandleModel before, HandleModel after, Diff.Result d,
            org.handlelens.model.spi.FrameSymbolizer.Resolver resolver) {
        List<HandleColumn> keys = d.added().columns();
        List<TableColumn> cols = new ArrayList<>();
        cols.add(new TableColumn("change", "Change", CellKind.TEXT));
        for (HandleColumn c : keys) {
            cols.add(new TableColumn(c.key(), c.displayName(), c == HandleColumn.CREATE_STACK ? CellKind.FRAMES
                    : c == HandleColumn.OBJECT ? CellKind.ADDRESS
                    : c == HandleColumn.HANDLE ? CellKind.HEX_INTEGER : CellKind.TEXT));
        }
        cols.add(new TableColumn("count", "Count", CellKind.INTEGER));
        ListTable.Builder b = ListTable.builder(cols, null);
        addDiffRows(b, "new", after, d.added(), resolver);
        addDiffRows(b, "closed", before, d.closed(), resolver);
        addDiffRows(b, "still-open", after, d.stillOpen(), resolver);
        return b.build();
    }

    private static void addDiffRows(ListTable.Builder b, String change, HandleModel m, GroupResult r,
            org.handlelens.model.spi.FrameSymbolizer.Resolver resolver) {
        for (Group g : r.groups()) {
            Object[] row = new Object[g.keys().size() + 2];
            row[0] = change;
            for (int i = 0; i < g.keys().size(); i++) {
                KeyValue k = g.keys().get(i);
                row[i + 1] = switch (k.column()) {
                    case CREATE_STACK -> HandleTables.frames(m,
                            g.rows().size() == 0 ? -1 : m.owningProcess(g.rows().row(0)), (int) k.code(), resolver);
                    case OBJECT, HANDLE -> k.code() == -1 ? null : k.code();
                    default -> k.label();
                };
            }
            row[row.length - 1] = g.count();
            b.add(row);
        }
    }

    private static Long time(long nanos) {
        return nanos == ModelConstants.TIME_UNKNOWN ? null : nanos;
    }
}
