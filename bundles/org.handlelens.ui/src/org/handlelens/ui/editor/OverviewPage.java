package org.handlelens.ui.editor;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.eclipse.jface.resource.JFaceResources;
import org.eclipse.swt.SWT;
import org.eclipse.swt.accessibility.AccessibleAdapter;
import org.eclipse.swt.accessibility.AccessibleEvent;
import org.eclipse.swt.custom.StyleRange;
import org.eclipse.swt.custom.StyledText;
import org.eclipse.swt.graphics.Color;
import org.eclipse.swt.graphics.Font;
import org.eclipse.swt.graphics.GC;
import org.eclipse.swt.graphics.Rectangle;
import org.eclipse.swt.widgets.Canvas;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Label;
import org.eclipse.ui.forms.events.HyperlinkAdapter;
import org.eclipse.ui.forms.events.HyperlinkEvent;
import org.eclipse.ui.forms.widgets.FormText;
import org.eclipse.ui.forms.widgets.FormToolkit;
import org.eclipse.ui.forms.widgets.ScrolledForm;
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
    /** The source facts, one line each: "Name:" (bold) TAB value. */
    private StyledText factsText;
    /** Bold font of the facts' names and the sections' titles. */
    private final Font bold = JFaceResources.getFontRegistry().getBold(JFaceResources.DEFAULT_FONT);
    /** Height of a section's title bar (the bold font's height and a margin). */
    private final int titleHeight;
    /** Width of the widest fact name: the facts' values start there. */
    private int factsTab;
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
        collectFacts();
        titleHeight = measureFacts();
        Composite body = form.getBody();
        TableWrapLayout bodyLayout = new TableWrapLayout();
        bodyLayout.numColumns = 2;
        bodyLayout.makeColumnsEqualWidth = true;
        bodyLayout.horizontalSpacing = 16;
        body.setLayout(bodyLayout);
        left = column(body);
        right = column(body);

        Composite source = section(left, "Source");
        createFacts(source);
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
        processesText = formText(section(left, "Processes by handle count"));
        typesText = formText(section(left, "Top handle types"));
        setMarkup(processesText, "<form><p>Counting...</p></form>");
        setMarkup(typesText, "<form><p>Counting...</p></form>");
        processesText.addHyperlinkListener(links);
        typesText.addHyperlinkListener(links);
        startQuery();
        form.getDisplay().asyncExec(this::createRightColumn);
    }

    /** The suspects and the chart's section, then the page's Job (the turn after the lists). */
    private void createRightColumn() {
        if (form.isDisposed()) {
            return;
        }
        suspectsText = formText(section(right, "Leak suspects"));
        setMarkup(suspectsText, "<form><p>Looking for leak suspects...</p></form>");
        suspectsText.addHyperlinkListener(links);
        chartSection = section(right, "Outstanding handles by process");
        Label chartPending = toolkit.createLabel(chartSection, "Counting...");
        TableWrapData pendingData = new TableWrapData(TableWrapData.FILL_GRAB);
        pendingData.heightHint = 230;
        chartPending.setLayoutData(pendingData);

        if (report != null) { // the suspects were ranked before this column existed
            showSuspects(report);
        } else if (form.getSize().x > 0) { // the page was laid out already (created on demand, not on opening)
            form.reflow(true);
        }
        created.run();
    }

    /**
     * Starts the page's Job (with the lists: it is scheduled before the Leak Suspects' ranking, which takes the same
     * rule and runs after it, so the page's own sections fill first).
     */
    private void startQuery() {
        query = new BackgroundQuery<>("Summarizing " + model.source().fileName(), form, this::show)
                .onError(message -> setMarkup(processesText, "<form><p>" + esc(message) + "</p></form>"))
                .withRule(new OpeningAnalysisRule(model)); // the Leak Suspects' ranking runs after it, not beside it
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

    /**
     * A titled section: a flat title bar (painted, no widget of its own to size) over a client composite. Forms'
     * {@code Section} painted its title bar through a new image on every paint, ~4 ms each, several times per open
     * (docs/benchmarks.md); this draws the same bar directly.
     */
    private Composite section(Composite parent, String title) {
        Composite s = toolkit.createComposite(parent);
        TableWrapLayout sLayout = new TableWrapLayout();
        sLayout.leftMargin = 2;
        sLayout.rightMargin = 2;
        sLayout.topMargin = 0;
        sLayout.bottomMargin = 0;
        sLayout.verticalSpacing = 3;
        s.setLayout(sLayout);
        s.setLayoutData(new TableWrapData(TableWrapData.FILL_GRAB));
        s.setBackgroundMode(SWT.INHERIT_DEFAULT); // as Section: the chart inherits the form's background
        Canvas bar = new Canvas(s, SWT.NO_BACKGROUND);
        TableWrapData barData = new TableWrapData(TableWrapData.FILL_GRAB);
        barData.heightHint = titleHeight;
        bar.setLayoutData(barData);
        bar.setData(TITLE_KEY, title);
        bar.addPaintListener(e -> paintTitle(bar, e.gc));
        bar.getAccessible().addAccessibleListener(new AccessibleAdapter() {
            @Override
            public void getName(AccessibleEvent e) {
                e.result = title;
            }
        });
        Composite client = toolkit.createComposite(s);
        TableWrapLayout layout = new TableWrapLayout();
        layout.leftMargin = CLIENT_MARGIN;
        layout.rightMargin = CLIENT_MARGIN;
        client.setLayout(layout);
        client.setLayoutData(new TableWrapData(TableWrapData.FILL_GRAB));
        return client;
    }

    /** Data key of a title bar's text. */
    private static final String TITLE_KEY = "org.handlelens.title";
    /** Left and right margins of a section's contents (where Forms' Section put them). */
    private static final int CLIENT_MARGIN = 6;
    /** Space between the widest fact name and the values. */
    private static final int FACTS_GAP = 5;
    /** Left margin of a title bar's text. */
    private static final int TITLE_INSET = 4;

    /**
     * The title bar's colours: those the workbench's theme gives Forms' {@code Section} (E4 light theme,
     * {@code e4-light_globalstyle.css}: {@code background-color-titlebar: #eaeaea; color: #505050}), which the CSS
     * engine does not apply to this bar (the product's default theme; a dark theme would leave this bar light).
     */
    private static final Color TITLE_BAR_BG = new Color(0xea, 0xea, 0xea);
    private static final Color TITLE_FG = new Color(0x50, 0x50, 0x50);

    private void paintTitle(Canvas bar, GC gc) {
        Rectangle r = bar.getClientArea();
        gc.setBackground(TITLE_BAR_BG);
        gc.fillRectangle(r);
        gc.setFont(bold);
        gc.setForeground(TITLE_FG);
        gc.drawString((String) bar.getData(TITLE_KEY), TITLE_INSET, (r.height - gc.getFontMetrics().getHeight()) / 2, true);
    }

    /**
     * Measures the bold font once (one GC for the page, not a widget per fact): the facts' value column and the
     * title bars' height. Returns the title bars' height.
     */
    private int measureFacts() {
        GC gc = new GC(form);
        try {
            gc.setFont(bold);
            int widest = 0;
            for (String name : facts.keySet()) {
                widest = Math.max(widest, gc.textExtent(name + ":").x);
            }
            factsTab = widest + FACTS_GAP;
            return gc.getFontMetrics().getHeight() + 6;
        } finally {
            gc.dispose();
        }
    }

    private FormText formText(Composite parent) {
        FormText text = toolkit.createFormText(parent, true);
        text.setLayoutData(new TableWrapData(TableWrapData.FILL_GRAB));
        text.setColor("flag", parent.getDisplay().getSystemColor(SWT.COLOR_DARK_RED));
        text.setFont("bold", bold);
        return text;
    }

    /** What the source says about itself (the handle counts come with the page's Job). */
    private void collectFacts() {
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
    }

    private void createFacts(Composite parent) {
        TableWrapLayout layout = new TableWrapLayout();
        layout.leftMargin = CLIENT_MARGIN;
        layout.rightMargin = CLIENT_MARGIN;
        layout.bottomMargin = 0; // the text's line spacing follows its last line too
        parent.setLayout(layout);
        // one read-only text for all facts (names bold, values from a tab stop, wrapped under the values): a label
        // pair per fact was 18 GTK labels, each sized several times by the nested TableWrapLayouts on the first layout
        factsText = new StyledText(parent, SWT.MULTI | SWT.WRAP | SWT.READ_ONLY);
        toolkit.adapt(factsText, false, false);
        factsText.setEditable(false);
        factsText.setTabStops(new int[] { factsTab });
        factsText.setWrapIndent(factsTab);
        factsText.setLineSpacing(5);
        factsText.setLayoutData(new TableWrapData(TableWrapData.FILL_GRAB));
        if (!model.warnings().isEmpty()) {
            factsText.setToolTipText(String.join("\n", model.warnings().subList(0, Math.min(20,
                    model.warnings().size()))));
        }
        showFacts();
    }

    /** Puts {@link #facts} into the facts text: "Name:" bold, the value after a tab; warnings and partial in red. */
    private void showFacts() {
        StringBuilder text = new StringBuilder();
        List<StyleRange> styles = new ArrayList<>();
        Color red = factsText.getDisplay().getSystemColor(SWT.COLOR_DARK_RED);
        for (Map.Entry<String, String> f : facts.entrySet()) {
            if (!text.isEmpty()) {
                text.append('\n');
            }
            StyleRange name = new StyleRange(text.length(), f.getKey().length() + 1, null, null);
            name.font = bold;
            styles.add(name);
            text.append(f.getKey()).append(":\t");
            if (f.getKey().equals("Partial") || f.getKey().equals("Warnings") && !model.warnings().isEmpty()) {
                styles.add(new StyleRange(text.length(), f.getValue().length(), red, null));
            }
            text.append(f.getValue());
        }
        factsText.setText(text.toString());
        factsText.setStyleRanges(styles.toArray(StyleRange[]::new));
    }

    private void show(Data d) {
        data = d;
        facts.put("Handles", String.format("%,d (%,d open at the end, %,d of them pre-existing)", model.rowCount(),
                d.outstanding(), d.preExistingOutstanding()));
        showFacts();
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
        // the types' text in the next event-loop turn, the form's reflow around the new text in the one after (FormText
        // sizes: with the text, 70-90 ms in one turn at load 3), the chart a turn later: its creation and first layout
        // are the page's slowest part
        form.getDisplay().asyncExec(() -> {
            if (form.isDisposed()) {
                return;
            }
            showTypes(d);
            form.getDisplay().asyncExec(() -> {
                if (form.isDisposed()) {
                    return;
                }
                form.reflow(true);
                form.getDisplay().asyncExec(() -> showChart(d));
            });
        });
    }

    private void showTypes(Data d) {
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
        // the Leak Suspects page filled its tree in this turn: the text in the next one, the form's reflow in the one
        // after (all three in one turn: 107 ms at load ~5, docs/benchmarks.md)
        form.getDisplay().asyncExec(() -> {
            if (form.isDisposed()) {
                return;
            }
            setMarkup(suspectsText, suspectsMarkup(r));
            form.getDisplay().asyncExec(() -> {
                if (!form.isDisposed()) {
                    form.reflow(true);
                    suspectsShown = true;
                }
            });
        });
    }

    /** The suspects section's markup for {@code r} (also kept for {@link #suspectsMarkup()}). */
    private String suspectsMarkup(LeakSuspectAnalysis.Report r) {
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
        return suspectsMarkup;
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
