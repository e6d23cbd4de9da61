package org.handlelens.report.html;

import static org.handlelens.report.html.Html.count;
import static org.handlelens.report.html.Html.esc;

import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.handlelens.model.HandleModel;
import org.handlelens.model.ModelConstants;
import org.handlelens.model.analysis.Convergence;
import org.handlelens.model.analysis.FrameTexts;
import org.handlelens.model.analysis.LeakSuspect;
import org.handlelens.model.analysis.LeakSuspectAnalysis;
import org.handlelens.model.analysis.ProcessOverview;
import org.handlelens.model.query.CountOverTime;
import org.handlelens.model.query.Group;
import org.handlelens.report.analysis.SourceAnalysis;
import org.handlelens.report.render.CellFormat;

/**
 * The self-contained {@code index.html}: one page, inline CSS and SVG, no scripts and no external
 * resources. Per source: overview, leak suspects with their evidence and stacks, outstanding count per
 * process over time (a bar chart per process for snapshots), top types and the process table.
 */
public final class HtmlReport {
    /** Lines drawn in the over-time chart. */
    static final int CHART_LINES = 8;
    /** Rows of the process table. */
    static final int PROCESS_ROWS = 50;
    /** Rows of the type table. */
    static final int TYPE_ROWS = 15;

    private HtmlReport() {
    }

    /** Writes the page for {@code sources} to {@code out}. */
    public static void write(List<SourceAnalysis> sources, Writer out) throws IOException {
        StringBuilder sb = new StringBuilder(64 * 1024);
        List<String> names = sources.stream().map(SourceAnalysis::fileName).toList();
        sb.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
                .append("<meta name=\"generator\" content=\"HandleLens\">")
                .append("<link rel=\"icon\" href=\"data:,\">")
                .append("<title>HandleLens report: ").append(esc(String.join(", ", names))).append("</title>")
                .append("<style>").append(CSS).append("</style></head><body>\n");
        sb.append("<header><h1>HandleLens handle-leak report</h1><p>")
                .append(sources.size() == 1 ? "Source " : "Sources ")
                .append(esc(String.join(", ", names))).append("</p>");
        if (sources.size() > 1) {
            sb.append("<nav><ul>");
            for (int i = 0; i < sources.size(); i++) {
                sb.append("<li><a href=\"#src-").append(i).append("\">").append(esc(names.get(i))).append("</a></li>");
            }
            sb.append("</ul></nav>");
        }
        sb.append("</header>\n<main>\n");
        for (int i = 0; i < sources.size(); i++) {
            source(sb, i, sources.get(i));
        }
        sb.append("</main><footer>Written by HandleLens. Leaked = created during the source and still open at its ")
                .append("end and older than every handle of the same stack the program closed itself, or closed only ")
                .append("by the exit of its process (within ")
                .append(Html.num(LeakSuspectAnalysis.Options.DEFAULT.exitCloses().windowNanos() / 1e6, 0))
                .append(" ms of the exit, or with ExSweepHandleTable / PspExitProcess / NtTerminateProcess on the ")
                .append("close stack).</footer>\n</body></html>\n");
        out.write(sb.toString());
    }

    private static void source(StringBuilder sb, int index, SourceAnalysis a) {
        HandleModel m = a.model();
        LeakSuspectAnalysis.Report r = a.suspects();
        sb.append("<section class=\"source\" id=\"src-").append(index).append("\"><h2>").append(esc(a.fileName()))
                .append("</h2>\n");
        if (m.isPartial()) {
            sb.append("<p class=\"partial\"><strong>Partial result:</strong> ").append(esc(m.partialReason()))
                    .append("</p>\n");
        }
        // overview
        List<ProcessOverview.ProcessRow> flagged = a.overview().flagged();
        sb.append("<h3 id=\"overview-").append(index).append("\">Overview</h3><div class=\"cards\">");
        card(sb, "Format", m.source().format());
        card(sb, "Span", r.spanNanos() > 0 ? Html.num(r.spanNanos() / 1e9, 1) + " s" : "snapshot (no times)");
        if (m.source().startTime() != null) {
            card(sb, "Start", CellFormat.iso(m.source().startTime()));
        }
        card(sb, "Processes", count(m.processes().size()));
        card(sb, "Handles", count(m.rowCount()));
        card(sb, "Open at end", count(r.totalOutstanding()));
        card(sb, "Pre-existing, open", count(r.preExistingOutstanding()));
        card(sb, "Leaked", count(r.totalLeaked()));
        card(sb, "Suspects", count(r.suspects().size()));
        card(sb, "Processes over 10,000", count(flagged.size()));
        sb.append("</div>\n");
        for (ProcessOverview.ProcessRow p : flagged) {
            sb.append("<p class=\"flag\">").append(esc(p.label())).append(" has ").append(count(p.handleCount()))
                    .append(" handles (more than ").append(count(ProcessOverview.FLAG_THRESHOLD)).append(").</p>\n");
        }
        if (!m.warnings().isEmpty()) {
            sb.append("<details class=\"warnings\"><summary>").append(count(m.warnings().size()))
                    .append(" importer warning").append(m.warnings().size() == 1 ? "" : "s").append("</summary><ul>");
            for (String w : m.warnings()) {
                sb.append("<li>").append(esc(w)).append("</li>");
            }
            sb.append("</ul></details>\n");
        }
        chart(sb, a);
        suspects(sb, index, a);
        types(sb, a);
        processes(sb, a);
        sb.append("</section>\n");
    }

    private static void card(StringBuilder sb, String label, String value) {
        sb.append("<div class=\"card\"><div class=\"cl\">").append(esc(label)).append("</div><div class=\"cv\">")
                .append(esc(value)).append("</div></div>");
    }

    private static void suspects(StringBuilder sb, int index, SourceAnalysis a) {
        LeakSuspectAnalysis.Report r = a.suspects();
        sb.append("<h3 id=\"suspects-").append(index).append("\">Leak suspects</h3>\n");
        if (r.suspects().isEmpty()) {
            sb.append("<p class=\"none\">");
            if (r.createdDuringSource() == 0) {
                sb.append("No suspects: the source records no handle creations (a snapshot such as ")
                        .append("<code>!handle</code> or <code>!process 0 0</code> shows what is open, not what ")
                        .append("leaks). Compare two snapshots with <code>handlelens diff A B</code>, or record a ")
                        .append("trace or <code>!htrace</code>.");
            } else {
                sb.append("No suspects: of ").append(count(r.createdDuringSource()))
                        .append(" handles created during the source, none outlived the handles its stack closed.");
            }
            sb.append("</p>\n");
            return;
        }
        for (LeakSuspect s : r.suspects()) {
            sb.append("<article class=\"suspect\"><h4><span class=\"rank\">#").append(s.rank()).append("</span> ")
                    .append(esc(s.sentence())).append("</h4>\n<div class=\"ev\"><table class=\"kv\">");
            kv(sb, "Process", s.processLabel());
            kv(sb, "Type", s.type().isEmpty() ? "(not given)" : s.type());
            kv(sb, "Leaked", count(s.leaked()) + " (" + Html.percent(s.share()) + " of all leaked)");
            kv(sb, "Still open at end", count(s.outstanding()));
            kv(sb, "Closed only by process exit", count(s.closedByExit()));
            kv(sb, "Closed by the program", count(s.closed()) + " of " + count(s.created()) + " created");
            if (s.growthPerSecond() != null) {
                kv(sb, "Growth", String.format(Locale.ROOT, "%+.3f handles/s over %s s (R\u00b2 %.3f)",
                        s.growthPerSecond(), Html.num((s.windowEndNanos() - s.windowStartNanos()) / 1e9, 1),
                        s.rSquared()));
            }
            if (s.processExited()) {
                kv(sb, "Process exited", Html.num(s.processExitNanos() / 1e9, 3) + " s");
            }
            kv(sb, "Score", Html.num(s.score(), 1));
            Convergence c = s.convergence();
            kv(sb, "Convergence frame", c == null ? "(none)" : c.frame()
                    + (c.kind() == FrameTexts.FrameKind.USER ? "" : " (" + c.kind().name().toLowerCase(Locale.ROOT)
                            + " module)"));
            sb.append("</table>");
            String spark = SvgCharts.sparkline(s.seriesTimesNanos(), s.seriesCounts(), 260, 64);
            if (!spark.isEmpty()) {
                sb.append("<figure class=\"spark\">").append(spark).append("<figcaption>open handles of this suspect, ")
                        .append(Html.num(s.windowStartNanos() / 1e9, 1)).append(" s \u2013 ")
                        .append(Html.num(s.windowEndNanos() / 1e9, 1)).append(" s</figcaption></figure>");
            }
            sb.append("</div>\n");
            for (int i = 0; i < s.stacks().size(); i++) {
                LeakSuspect.SuspectStack st = s.stacks().get(i);
                sb.append("<details class=\"stack\"").append(s.rank() <= 3 && i == 0 ? " open" : "")
                        .append("><summary>Create stack").append(s.stacks().size() > 1 ? " " + (i + 1) : "")
                        .append(" \u2014 ").append(count(st.leaked())).append(" leaked</summary>");
                if (st.frames().isEmpty()) {
                    sb.append("<p class=\"none\">No stack recorded.</p>");
                } else {
                    sb.append("<ol class=\"frames\">");
                    for (String f : st.frames()) {
                        FrameTexts.FrameKind k = FrameTexts.kindOf(f);
                        boolean conv = c != null && f.equals(c.frame());
                        sb.append("<li class=\"").append(k.name().toLowerCase(Locale.ROOT)).append(conv ? " conv" : "")
                                .append("\">").append(esc(f)).append(conv ? " <span class=\"tag\">convergence</span>" : "")
                                .append("</li>");
                    }
                    sb.append("</ol>");
                }
                sb.append("</details>\n");
            }
            if (!s.samples().isEmpty()) {
                sb.append("<table class=\"samples\"><thead><tr><th>Handle</th><th>Object</th><th>Name</th>")
                        .append("<th>Created (s)</th><th>Closed (s)</th></tr></thead><tbody>");
                for (LeakSuspect.SampleHandle h : s.samples()) {
                    sb.append("<tr><td>0x").append(Long.toHexString(h.handle())).append("</td><td>")
                            .append(h.objectAddress() == -1 ? "" : "0x" + Long.toHexString(h.objectAddress()))
                            .append("</td><td>").append(esc(h.objectName())).append("</td><td>")
                            .append(secs(h.createTimeNanos())).append("</td><td>").append(secs(h.closeTimeNanos()))
                            .append(h.closedByExit() ? " (exit)" : "").append("</td></tr>");
                }
                sb.append("</tbody></table>\n");
            }
            sb.append("</article>\n");
        }
    }

    private static String secs(long nanos) {
        return nanos == ModelConstants.TIME_UNKNOWN ? "" : Html.num(nanos / 1e9, 3);
    }

    private static void kv(StringBuilder sb, String k, String v) {
        sb.append("<tr><th>").append(esc(k)).append("</th><td>").append(esc(v)).append("</td></tr>");
    }

    private static void chart(StringBuilder sb, SourceAnalysis a) {
        CountOverTime.Result c = a.countOverTime();
        sb.append("<h3>Outstanding handles by process</h3>\n<div class=\"chartbox\">");
        if (c.pointTimesNanos().length >= 2) {
            // the processes that grew most: a flat line of pre-existing handles would squash the leaks
            List<CountOverTime.Series> grew = new ArrayList<>(c.series().stream().filter(s -> growth(s) > 0).toList());
            grew.sort(java.util.Comparator.comparingLong(HtmlReport::growth).reversed());
            List<CountOverTime.Series> shown = grew.isEmpty() ? c.series() : grew;
            List<SvgCharts.Line> lines = new ArrayList<>();
            for (CountOverTime.Series s : shown) {
                if (lines.size() == CHART_LINES) {
                    break;
                }
                lines.add(new SvgCharts.Line(s.key().label(), s.counts()));
            }
            sb.append(SvgCharts.lineChart("Open handles over trace time: the " + lines.size() + " process"
                    + (lines.size() == 1 ? "" : "es") + (grew.isEmpty() ? " with most handles" : " that grew most"),
                    c.pointTimesNanos(), lines, 1100, 420));
        } else {
            List<SvgCharts.Bar> bars = new ArrayList<>();
            for (ProcessOverview.ProcessRow p : a.overview().processes()) {
                if (bars.size() == 25) {
                    break;
                }
                bars.add(new SvgCharts.Bar(p.label(), p.handleCount(), p.flagged()));
            }
            sb.append(SvgCharts.barChart("Handles per process (snapshot" + (bars.size() < a.overview().processes()
                    .size() ? ", top " + bars.size() : "") + ")", bars, 1100));
        }
        sb.append("</div>\n");
    }

    /** Highest count minus the first one. */
    static long growth(CountOverTime.Series s) {
        long[] c = s.counts();
        return c.length == 0 ? 0 : s.max() - c[0];
    }

    private static void types(StringBuilder sb, SourceAnalysis a) {
        sb.append("<h3>Top handle types</h3><table class=\"grid\"><thead><tr><th>Type</th><th class=\"n\">Open at end")
                .append("</th><th class=\"n\">Handles</th></tr></thead><tbody>");
        int n = 0;
        for (Group g : a.byType().groups()) {
            if (n++ == TYPE_ROWS) {
                break;
            }
            String t = g.keys().get(0).label();
            sb.append("<tr><td>").append(t == null || t.isEmpty() ? "<i>(not given)</i>" : esc(t))
                    .append("</td><td class=\"n\">").append(count(g.outstanding())).append("</td><td class=\"n\">")
                    .append(count(g.count())).append("</td></tr>");
        }
        sb.append("</tbody></table>\n");
    }

    private static void processes(StringBuilder sb, SourceAnalysis a) {
        List<ProcessOverview.ProcessRow> rows = a.overview().processes();
        sb.append("<h3>Processes</h3><table class=\"grid\"><thead><tr><th class=\"n\">PID</th><th>Image</th>")
                .append("<th class=\"n\">Handles</th><th>Count from</th><th class=\"n\">Open at end</th>")
                .append("<th class=\"n\">Created in source</th><th>Start (s)</th><th>Exit (s)</th></tr></thead><tbody>");
        for (int i = 0; i < rows.size() && i < PROCESS_ROWS; i++) {
            ProcessOverview.ProcessRow p = rows.get(i);
            sb.append("<tr").append(p.flagged() ? " class=\"flagged\"" : "").append("><td class=\"n\">")
                    .append(p.pid() < 0 ? "" : p.pid()).append("</td><td>").append(esc(p.image()))
                    .append("</td><td class=\"n\">").append(count(p.handleCount())).append(p.flagged() ? " \u26a0" : "")
                    .append("</td><td>").append(p.countSource() == ProcessOverview.CountSource.REPORTED ? "reported"
                            : "open handles")
                    .append("</td><td class=\"n\">").append(count(p.openAtEnd())).append("</td><td class=\"n\">")
                    .append(count(p.createdInSource())).append("</td><td>").append(secs(p.startTimeNanos()))
                    .append("</td><td>").append(secs(p.endTimeNanos())).append("</td></tr>");
        }
        sb.append("</tbody></table>");
        if (rows.size() > PROCESS_ROWS) {
            sb.append("<p class=\"none\">").append(count(rows.size() - PROCESS_ROWS))
                    .append(" more processes in processes.csv.</p>");
        }
        sb.append('\n');
    }

    private static final String CSS = """
            body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,"DejaVu Sans",sans-serif;margin:0;color:#1b1f24;background:#f6f7f9}
            header{background:#1f3a5f;color:#fff;padding:14px 24px}header h1{margin:0;font-size:22px}header p{margin:4px 0 0;opacity:.85}
            header nav ul{margin:6px 0 0;padding:0;list-style:none;display:flex;gap:14px}header a{color:#cfe3ff}
            main{padding:8px 24px 24px;max-width:1180px}h2{margin:18px 0 4px;font-size:20px}h3{margin:22px 0 8px;font-size:16px;border-bottom:1px solid #d6dae0;padding-bottom:4px}
            .cards{display:flex;flex-wrap:wrap;gap:10px}.card{background:#fff;border:1px solid #d6dae0;border-radius:6px;padding:8px 12px;min-width:110px}
            .cl{font-size:12px;color:#5a6472}.cv{font-size:17px;font-weight:600}
            .partial{background:#fff4d6;border:1px solid #e0b400;padding:8px 12px;border-radius:6px}
            .flag{color:#a33c00;font-weight:600;margin:6px 0}
            .suspect{background:#fff;border:1px solid #d6dae0;border-left:4px solid #D55E00;border-radius:6px;padding:10px 14px;margin:10px 0}
            .suspect h4{margin:0 0 8px;font-size:15px;font-weight:600}.rank{color:#D55E00}
            .ev{display:flex;gap:24px;align-items:flex-start;flex-wrap:wrap}
            table{border-collapse:collapse}.kv th{text-align:left;font-weight:500;color:#5a6472;padding:1px 12px 1px 0}.kv td{padding:1px 0}
            .grid{background:#fff;border:1px solid #d6dae0;min-width:420px}.grid th,.grid td{padding:3px 10px;border-bottom:1px solid #eceef1;text-align:left}
            .grid thead th{background:#eef1f5}.n{text-align:right!important;font-variant-numeric:tabular-nums}
            tr.flagged td{background:#fff0e6;font-weight:600}
            .samples{margin-top:6px;font-size:12.5px}.samples th,.samples td{padding:2px 10px 2px 0;text-align:left}
            details.stack{margin:6px 0}details.stack summary{cursor:pointer;color:#1f3a5f}
            ol.frames{font:12.5px/1.5 ui-monospace,"DejaVu Sans Mono",Consolas,monospace;margin:4px 0;padding-left:34px}
            ol.frames li.os{color:#7a8491}ol.frames li.unknown{color:#5a6472}ol.frames li.conv{background:#fff0e6;font-weight:700}
            .tag{font:11px system-ui,sans-serif;background:#D55E00;color:#fff;border-radius:3px;padding:0 4px}
            .chartbox{background:#fff;border:1px solid #d6dae0;border-radius:6px;padding:6px;overflow-x:auto}
            svg .ct{font:600 13px system-ui,sans-serif;fill:#1b1f24}svg .ya{font:11px system-ui,sans-serif;text-anchor:end;fill:#5a6472}
            svg .xa{font:11px system-ui,sans-serif;text-anchor:middle;fill:#5a6472}svg .lg{font:11.5px system-ui,sans-serif;fill:#1b1f24}
            svg .gl{stroke:#eceef1}svg .axis{stroke:#8a94a3}
            .none{color:#5a6472}details.warnings{margin:8px 0;color:#5a6472}
            footer{padding:12px 24px;color:#5a6472;font-size:12px;max-width:1180px}
            code{background:#eef1f5;padding:0 3px;border-radius:3px}
            figure.spark{margin:0;background:#fbfcfd;border:1px solid #eceef1;border-radius:4px;padding:4px 6px}
            figure.spark figcaption{font-size:11.5px;color:#5a6472;text-align:center}
            """;
}
