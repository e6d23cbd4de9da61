package org.handlelens.ui.editor;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.eclipse.jface.resource.JFaceResources;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Label;
import org.eclipse.ui.forms.events.HyperlinkAdapter;
import org.eclipse.ui.forms.events.HyperlinkEvent;
import org.eclipse.ui.forms.widgets.FormText;
import org.eclipse.ui.forms.widgets.FormToolkit;
import org.eclipse.ui.forms.widgets.ScrolledForm;
import org.eclipse.ui.forms.widgets.Section;
import org.eclipse.ui.forms.widgets.TableWrapData;
import org.eclipse.ui.forms.widgets.TableWrapLayout;
import org.handlelens.model.HandleModel;
import org.handlelens.model.SourceInfo;
import org.handlelens.model.analysis.LeakSuspect;
import org.handlelens.model.analysis.LeakSuspectAnalysis;
import org.handlelens.model.analysis.ProcessOverview;
import org.handlelens.model.query.CountOverTime;
import org.handlelens.model.query.Group;
import org.handlelens.model.query.GroupResult;
import org.handlelens.model.query.HandleColumn;
import org.handlelens.model.query.GroupBy;
import org.handlelens.model.query.RowSelection;

/**
 * The "Overview" page, the editor's first (as in Eclipse MAT): what the source is, the top leak
 * suspects as sentences with links into the Leak Suspects and Handles pages, processes by handle
 * count (above {@value ProcessOverview#FLAG_THRESHOLD} flagged), the top handle types and a small
 * outstanding-count chart. The content follows the HTML report's overview. Links are FormText
 * hyperlinks: Tab reaches them, Enter follows them.
 */
public final class OverviewPage {
    /** Suspects listed (the Leak Suspects page has them all). */
    public static final int TOP_SUSPECTS = 5;
    /** Processes listed. */
    public static final int TOP_PROCESSES = 8;
    /** Handle types listed. */
    public static final int TOP_TYPES = 8;
    /** Series in the small chart. */
    private static final int CHART_SERIES = 5;
    private static final int CHART_POINTS = 120;

    /** What the page's Job computes (the suspects come from the Leak Suspects page). */
    public record Data(ProcessOverview.Result processes, GroupResult byProcess, GroupResult byType,
            CountOverTime.Result overTime, long outstanding, long preExistingOutstanding) {
    }

    private final HandleModel model;
    private final EditorNavigation navigation;
    private final FormToolkit toolkit;
    private final ScrolledForm form;
    private final Map<String, String> facts = new LinkedHashMap<>();
    private Label handlesFact;
    /** Created the turn after the page (with the chart's section): null until then. */
    private FormText suspectsText;
    /** Created the turn after the page: null until then. */
    private FormText processesText;
    private FormText typesText;
    /** The small chart, created when its data arrives (SWTChart's first layout is slow: not in the open). */
    private OutstandingChart chart;
    private Composite chartSection;
    private final Runnable created;
    private final Composite left;
    private final Composite right;
    /** Started with the right column; null until then. */
    private BackgroundQuery<Data> query;
    private final HyperlinkAdapter links = new HyperlinkAdapter() {
        @Override
        public void linkActivated(HyperlinkEvent e) {
            follow(String.valueOf(e.getHref()));
        }
    };
    private volatile Data data;
    private volatile LeakSuspectAnalysis.Report report;
    private String suspectsMarkup = "";
    private String processesMarkup = "";
    private String typesMarkup = "";

    /**
     * Creates the page's form and source facts; the lists, the right column and the page's Job follow in the next
     * event-loop turns, after which {@code created} runs (in that turn: the editor lays the page out in the next).
     */
    OverviewPage(Composite parent, HandleModel model, EditorNavigation navigation, Runnable created) {
        this.created = created;
        this.model = model;
        this.navigation = navigation;
        toolkit = new FormToolkit(parent.getDisplay());
        form = toolkit.createScrolledForm(parent);
        form.setText("Overview of " + model.source().fileName());
        toolkit.decorateFormHeading(form.getForm());
        form.addListener(SWT.Dispose, e -> toolkit.dispose());
        Composite body = form.getBody();
        TableWrapLayout bodyLayout = new TableWrapLayout();
        bodyLayout.numColumns = 2;
        bodyLayout.makeColumnsEqualWidth = true;
        bodyLayout.horizontalSpacing = 16;
        body.setLayout(bodyLayout);
        left = column(body);
        right = column(body);

        Composite source = section(left, "Source", null);
        sourceFacts(source);
        // the rest in the next event-loop turns (the left column's lists, then the right column and the Job): the
        // whole page in one turn kept the UI thread 85 ms busy (warm, load 3; 190 ms at load 5) before its first
        // layout (docs/benchmarks.md)
        form.getDisplay().asyncExec(this::createLists);
    }

    /** The left column's process and type lists (the turn after the constructor). */
    private void createLists() {
        if (form.isDisposed()) {
            return;
        }
        processesText = formText(section(left, "Processes by handle count", null));
        typesText = formText(section(left, "Top handle types", null));
        setMarkup(processesText, "<form><p>Counting...</p></form>");
        setMarkup(typesText, "<form><p>Counting...</p></form>");
        processesText.addHyperlinkListener(links);
        typesText.addHyperlinkListener(links);
        form.getDisplay().asyncExec(this::createRightColumn);
    }

    /** The suspects and the chart's section, then the page's Job (the turn after the lists). */
    private void createRightColumn() {
        if (form.isDisposed()) {
            return;
        }
        suspectsText = formText(section(right, "Leak suspects", null));
        setMarkup(suspectsText, "<form><p>Looking for leak suspects...</p></form>");
        suspectsText.addHyperlinkListener(links);
        chartSection = section(right, "Outstanding handles by process", null);
        Label chartPending = toolkit.createLabel(chartSection, "Counting...");
        TableWrapData pendingData = new TableWrapData(TableWrapData.FILL_GRAB);
        pendingData.heightHint = 230;
        chartPending.setLayoutData(pendingData);

        query = new BackgroundQuery<>("Summarizing " + model.source().fileName(), form, this::show)
                .onError(message -> setMarkup(processesText, "<form><p>" + esc(message) + "</p></form>"));
        query.run(monitor -> {
            RowSelection all = RowSelection.all(model);
            long outstanding = 0;
            long preExisting = 0;
            for (int row = 0; row < model.rowCount(); row++) {
                if (model.isOutstanding(row)) {
                    outstanding++;
                    if (model.isPreExisting(row)) {
                        preExisting++;
                    }
                }
            }
            return new Data(ProcessOverview.of(model, 2), GroupBy.run(model, all, List.of(HandleColumn.OWNING_PROCESS)),
                    GroupBy.run(model, all, List.of(HandleColumn.TYPE)),
                    CountOverTime.run(model, all, HandleColumn.OWNING_PROCESS, CHART_POINTS), outstanding, preExisting);
        });
        if (report != null) { // the suspects were ranked before this column existed
            showSuspects(report);
        } else if (form.getSize().x > 0) { // the page was laid out already (created on demand, not on opening)
            form.reflow(true);
        }
        created.run();
    }

    private Composite column(Composite body) {
        Composite c = toolkit.createComposite(body);
        TableWrapLayout layout = new TableWrapLayout();
        layout.leftMargin = 0;
        layout.rightMargin = 0;
        layout.verticalSpacing = 14;
        c.setLayout(layout);
        c.setLayoutData(new TableWrapData(TableWrapData.FILL_GRAB));
        return c;
    }

    private Composite section(Composite parent, String title, String description) {
        Section s = toolkit.createSection(parent, Section.TITLE_BAR | (description == null ? 0 : Section.DESCRIPTION));
        s.setText(title);
        if (description != null) {
            s.setDescription(description);
        }
        s.setLayoutData(new TableWrapData(TableWrapData.FILL_GRAB));
        Composite client = toolkit.createComposite(s);
        TableWrapLayout layout = new TableWrapLayout();
        layout.leftMargin = 2;
        layout.rightMargin = 2;
        client.setLayout(layout);
        s.setClient(client);
        return client;
    }

    private FormText formText(Composite parent) {
        FormText text = toolkit.createFormText(parent, true);
        text.setLayoutData(new TableWrapData(TableWrapData.FILL_GRAB));
        text.setColor("flag", parent.getDisplay().getSystemColor(SWT.COLOR_DARK_RED));
        text.setFont("bold", JFaceResources.getFontRegistry().getBold(JFaceResources.DEFAULT_FONT));
        return text;
    }

    private void sourceFacts(Composite parent) {
        SourceInfo s = model.source();
        facts.put("Format", s.format().equals("etl") ? "ETW trace (.etl)" : s.format().equals("windbg")
                ? "WinDbg output" : s.format());
        facts.put("File", s.fileName());
        long span = CountOverTime.spanNanos(model);
        facts.put("Time span", span > 0 ? String.format("%,.3f s", span / 1e9) : "a snapshot (no times)");
        if (s.startTime() != null) {
            facts.put("Started", s.startTime().toString());
        }
        if (s.eventCount() >= 0) {
            facts.put("Events read", String.format("%,d", s.eventCount()));
        }
        if (s.eventsLost() > 0 || s.buffersLost() > 0) {
            facts.put("Lost", String.format("%,d events, %,d buffers", Math.max(0, s.eventsLost()),
                    Math.max(0, s.buffersLost())));
        }
        facts.put("Processes", String.format("%,d", model.processes().size()));
        // the open counts scan every row: filled in by the page's Job
        facts.put("Handles", String.format("%,d (counting open ones...)", model.rowCount()));
        facts.put("Warnings", model.warnings().isEmpty() ? "none" : String.format("%,d (see the Error Log)",
                model.warnings().size()));
        if (model.isPartial()) {
            facts.put("Partial", model.partialReason());
        }
        TableWrapLayout layout = new TableWrapLayout();
        layout.numColumns = 2;
        layout.leftMargin = 2;
        layout.rightMargin = 2;
        parent.setLayout(layout);
        for (Map.Entry<String, String> f : facts.entrySet()) {
            Label name = toolkit.createLabel(parent, f.getKey() + ":");
            name.setFont(JFaceResources.getFontRegistry().getBold(JFaceResources.DEFAULT_FONT));
            Label value = toolkit.createLabel(parent, f.getValue(), SWT.WRAP);
            if (f.getKey().equals("Handles")) {
                handlesFact = value;
            }
            value.setLayoutData(new TableWrapData(TableWrapData.FILL_GRAB));
            if (f.getKey().equals("Partial") || f.getKey().equals("Warnings") && !model.warnings().isEmpty()) {
                value.setForeground(parent.getDisplay().getSystemColor(SWT.COLOR_DARK_RED));
                value.setToolTipText(String.join("\n", model.warnings().subList(0, Math.min(20,
                        model.warnings().size()))));
            }
        }
    }

    private void show(Data d) {
        data = d;
        facts.put("Handles", String.format("%,d (%,d open at the end, %,d of them pre-existing)", model.rowCount(),
                d.outstanding(), d.preExistingOutstanding()));
        handlesFact.setText(facts.get("Handles"));
        // processes, flagged first (they sort by handle count)
        List<ProcessOverview.ProcessRow> rows = d.processes().processes();
        int flagged = d.processes().flagged().size();
        StringBuilder p = new StringBuilder("<form>");
        p.append("<p>").append(flagged == 0 ? "No process has more than 10,000 handles (the Task Manager rule of thumb)."
                : "<span color=\"flag\" font=\"bold\">" + flagged + (flagged == 1 ? " process has" : " processes have")
                        + " more than 10,000 handles.</span>").append("</p>");
        for (ProcessOverview.ProcessRow r : rows.subList(0, Math.min(TOP_PROCESSES, rows.size()))) {
            String count = String.format("%,d handles", r.handleCount())
                    + (r.countSource() == ProcessOverview.CountSource.REPORTED ? " (reported)" : " open at the end");
            p.append("<li>");
            if (r.flagged()) {
                p.append("<span color=\"flag\" font=\"bold\">\u2691 </span>");
            }
            p.append("<a href=\"process:").append(r.processKey()).append("\">").append(esc(r.label())).append("</a> ");
            p.append(r.flagged() ? "<span color=\"flag\" font=\"bold\">" + count + "</span>" : count);
            p.append("</li>");
        }
        if (rows.size() > TOP_PROCESSES) {
            p.append("<p><a href=\"page:processes\">All ").append(rows.size()).append(" processes</a></p>");
        }
        processesMarkup = p.append("</form>").toString();
        setMarkup(processesText, processesMarkup);

        StringBuilder t = new StringBuilder("<form>");
        List<Group> types = d.byType().groups();
        if (types.isEmpty()) {
            t.append("<p>No handles in this source.</p>");
        }
        for (int i = 0; i < Math.min(TOP_TYPES, types.size()); i++) {
            Group g = types.get(i);
            String type = g.keys().get(0).label();
            t.append("<li><a href=\"type:").append(i).append("\">")
                    .append(esc(type == null || type.isBlank() ? "(type not in the source)" : type))
                    .append("</a> ").append(String.format("%,d open at the end of %,d", g.outstanding(), g.count()))
                    .append("</li>");
        }
        typesMarkup = t.append("</form>").toString();
        setMarkup(typesText, typesMarkup);

        // the form's reflow around the new text in the next event-loop turn (FormText sizes: with the text, 70-90 ms
        // in one turn at load 3), the chart a turn later: its creation and first layout are the page's slowest part
        form.getDisplay().asyncExec(() -> {
            if (form.isDisposed()) {
                return;
            }
            form.reflow(true);
            form.getDisplay().asyncExec(() -> showChart(d));
        });
    }

    private void showChart(Data d) {
        if (form.isDisposed()) {
            return;
        }
        if (chart == null) {
            for (Control c : chartSection.getChildren()) {
                if (c instanceof Label) {
                    c.dispose(); // "Counting..."
                }
            }
            chart = new OutstandingChart(chartSection);
            TableWrapData chartData = new TableWrapData(TableWrapData.FILL_GRAB);
            chartData.heightHint = 230;
            chart.chart().setLayoutData(chartData);
            // small: no titles, the legend below the plot
            chart.chart().getTitle().setVisible(false);
            chart.chart().getAxisSet().getYAxis(0).getTitle().setVisible(false);
            chart.chart().getLegend().setPosition(SWT.BOTTOM);
        }
        // creating the chart, drawing its series and the form's reflow in separate event-loop turns: together they
        // kept the UI thread busy ~550 ms at load 6 (SWTChart's legend and axis layout, FormText sizes)
        form.getDisplay().asyncExec(() -> {
            if (form.isDisposed()) {
                return;
            }
            chart.show(d.overTime(), HandleColumn.OWNING_PROCESS, CHART_SERIES);
            form.getDisplay().asyncExec(() -> {
                if (!form.isDisposed()) {
                    form.reflow(true);
                    chartShown = true;
                }
            });
        });
    }

    /** True once the small chart shows its series and the form was laid out around it (UI thread). */
    private boolean chartShown;
    /** True once the suspects' markup is shown (UI thread). */
    private boolean suspectsShown;

    /** Shows the top suspects of {@code r} (called by the editor when the Leak Suspects page has ranked them). */
    void showSuspects(LeakSuspectAnalysis.Report r) {
        if (form.isDisposed()) {
            return;
        }
        report = r;
        if (suspectsText == null) {
            return; // shown when the right column is created
        }
        StringBuilder s = new StringBuilder("<form>");
        if (r.suspects().isEmpty()) {
            s.append("<p>").append(r.createdDuringSource() == 0
                    ? "No leak suspects: the source records no handle creations (a snapshot shows what is open, "
                            + "not what leaks). Compare two snapshots or two times on the Diff page."
                    : "No leak suspects: no handle group was left open in a way that looks like a leak.")
                    .append("</p>");
        } else {
            s.append("<p>").append(String.format("%,d leaked handles of %,d open at the end (%,d existed before the "
                    + "source started).", r.totalLeaked(), r.totalOutstanding(), r.preExistingOutstanding()))
                    .append("</p>");
        }
        for (LeakSuspect x : r.suspects().subList(0, Math.min(TOP_SUSPECTS, r.suspects().size()))) {
            s.append("<li style=\"text\" value=\"#").append(x.rank()).append("\" bindent=\"2\" indent=\"26\">").append(esc(x.sentence()))
                    .append(" <a href=\"suspect:").append(x.rank()).append("\">Details</a>")
                    .append(" \u00b7 <a href=\"handles:").append(x.rank()).append("\">Handles</a></li>");
        }
        if (r.suspects().size() > TOP_SUSPECTS) {
            s.append("<p><a href=\"page:suspects\">All ").append(r.suspects().size()).append(" suspects</a></p>");
        }
        suspectsMarkup = s.append("</form>").toString();
        setMarkup(suspectsText, suspectsMarkup);
        form.reflow(true);
        suspectsShown = true;
    }

    private static void setMarkup(FormText text, String markup) {
        text.setText(markup, true, false);
    }

    /**
     * Follows a link of the page: {@code suspect:RANK} (Leak Suspects page), {@code handles:RANK} (the
     * suspect's handles), {@code process:KEY} and {@code type:INDEX} (their handles), {@code page:NAME}.
     */
    public void follow(String href) {
        int colon = href.indexOf(':');
        String kind = href.substring(0, colon);
        String arg = href.substring(colon + 1);
        switch (kind) {
            case "suspect", "handles" -> {
                LeakSuspect s = suspect(Integer.parseInt(arg));
                if (s != null && kind.equals("suspect")) {
                    navigation.showSuspect(s);
                } else if (s != null) {
                    navigation.showHandles(s.leakedRows(), "suspect #" + s.rank());
                }
            }
            case "process" -> {
                int key = Integer.parseInt(arg);
                for (Group g : data.byProcess().groups()) {
                    if (g.keys().get(0).code() == key) {
                        navigation.showHandles(g.rows(), g.keys().get(0).label());
                    }
                }
            }
            case "type" -> {
                Group g = data.byType().groups().get(Integer.parseInt(arg));
                navigation.showHandles(g.rows(), "type " + g.keys().get(0).label());
            }
            case "page" -> navigation.showPage(switch (arg) {
                case "suspects" -> HandleLensEditor.PAGE_SUSPECTS;
                case "processes" -> HandleLensEditor.PAGE_PROCESSES;
                default -> HandleLensEditor.PAGE_HANDLES;
            });
            default -> throw new IllegalArgumentException("unknown link " + href);
        }
    }

    private LeakSuspect suspect(int rank) {
        LeakSuspectAnalysis.Report r = report;
        return r == null ? null : r.suspects().stream().filter(s -> s.rank() == rank).findFirst().orElse(null);
    }

    /** XML text for FormText markup. */
    static String esc(String s) {
        StringBuilder b = new StringBuilder(s.length() + 16);
        for (char c : s.toCharArray()) {
            switch (c) {
                case '&' -> b.append("&amp;");
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&apos;");
                default -> b.append(c < 0x20 && c != '\t' ? ' ' : c);
            }
        }
        return b.toString();
    }

    /** The source facts shown (label to value), in order. */
    public Map<String, String> facts() {
        return Map.copyOf(facts);
    }

    /** Markup of the suspects section (what the FormText shows). */
    public String suspectsMarkup() {
        return suspectsMarkup;
    }

    /** Markup of the processes section. */
    public String processesMarkup() {
        return processesMarkup;
    }

    /** Markup of the types section. */
    public String typesMarkup() {
        return typesMarkup;
    }

    /** The computed overview, or null while computing. */
    public Data data() {
        return data;
    }

    /** True when the overview and the suspects are shown. */
    public boolean isReady() {
        return query != null && query.isReady() && report != null && suspectsShown && chartShown;
    }

    /** Number of series in the small chart. */
    public int chartSeriesCount() {
        return chart == null ? 0 : chart.seriesCount();
    }

    Control control() {
        return form;
    }
}
