package org.handlelens.ui.editor;

import java.util.ArrayList;
import java.util.List;

import org.eclipse.swt.SWT;
import org.eclipse.swt.events.PaintEvent;
import org.eclipse.swt.graphics.GC;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Spinner;
import org.eclipse.swt.widgets.Text;
import org.eclipse.swtchart.Chart;
import org.eclipse.swtchart.IAxis;
import org.eclipse.swtchart.ICustomPaintListener;
import org.eclipse.swtchart.ILineSeries;
import org.handlelens.model.HandleModel;
import org.handlelens.model.query.CountOverTime;
import org.handlelens.model.query.HandleColumn;
import org.handlelens.model.query.KeyValue;
import org.handlelens.model.query.RowSelection;

/**
 * "Handles Outstanding Count by Process" (or by type) over trace time, drawn with SWTChart.
 * A snapshot source (WinDbg) has one point in time: it is shown as bars per process.
 *
 * <p>Linked with the handle table ({@link ChartTableLink}): {@link #markRows} draws the create (green) and
 * close (red, dashed) times of selected rows and thickens their series; a click ({@link #clickAt}) reports the
 * time and the series under the pointer; a drag, or the range fields, ({@link #selectRange}) reports a time
 * range. The arithmetic is in {@link ChartLinking}.
 */
public final class ChartPage {
    /** Points on the time axis. */
    public static final int POINTS = 200;

    private final HandleModel model;
    private final Composite root;
    private final Button byType;
    private final Spinner topN;
    /** The series drawing (shared with the Overview page); {@link #chart} is its SWTChart. */
    private final OutstandingChart outstanding;
    private final Chart chart;
    private final BackgroundQuery<CountOverTime.Result> query;
    /** The grouping of the latest request (the only one whose result is shown). */
    private HandleColumn requestedColumn = HandleColumn.OWNING_PROCESS;
    private volatile CountOverTime.Result result;
    private final Text rangeFrom;
    private final Text rangeTo;
    /** Series drawn (the first topN of the result), their lines, and the grouping column. */
    private List<CountOverTime.Series> drawn = List.of();
    private final List<ILineSeries<?>> lines = new ArrayList<>();
    private HandleColumn drawnColumn = HandleColumn.OWNING_PROCESS;
    private int[] markedRows = new int[0];
    private ChartLinking.Markers markers = ChartLinking.Markers.NONE;
    private TimeRange selectedRange;
    private int dragStartX = -1;
    private int dragX;
    private LinkListener linkListener;

    /** Told about clicks and ranges on the chart (the handle table follows them). */
    public interface LinkListener {
        /** A click at {@code timeNanos} on {@code series} (null when no series is near). */
        void timeClicked(long timeNanos, KeyValue series);

        /** A range dragged on the chart or typed into the range fields. */
        void rangeSelected(TimeRange range);
    }

    ChartPage(Composite parent, HandleModel model) {
        this.model = model;
        root = new Composite(parent, SWT.NONE);
        root.setLayout(new GridLayout(9, false));
        byType = new Button(root, SWT.CHECK);
        byType.setText("By handle &type (instead of process)");
        Label topLabel = new Label(root, SWT.NONE);
        topLabel.setText("&Series:");
        GridData topData = new GridData();
        topData.horizontalIndent = 16;
        topLabel.setLayoutData(topData);
        topN = new Spinner(root, SWT.BORDER);
        topN.setValues(8, 1, 30, 0, 1, 5);
        new Label(root, SWT.NONE).setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
        Label rangeLabel = new Label(root, SWT.NONE);
        rangeLabel.setText("Created in &range (s):");
        rangeFrom = rangeField("from");
        new Label(root, SWT.NONE).setText("to");
        rangeTo = rangeField("to");
        Button showRange = new Button(root, SWT.PUSH);
        showRange.setText("Show &Handles");
        showRange.setToolTipText("Show the handles created in this range in the Handles table (as dragging on the chart)");
        showRange.addListener(SWT.Selection, e -> rangeFromFields());
        outstanding = new OutstandingChart(root);
        chart = outstanding.chart();
        GridData chartData = new GridData(SWT.FILL, SWT.FILL, true, true, 9, 1);
        // hidden until the first series arrive (see show): its layout is then not part of the page's first show
        chartData.exclude = true;
        chart.setLayoutData(chartData);
        chart.setVisible(false);
        query = new BackgroundQuery<>("Counting outstanding handles", root, this::show);
        installLinking();
        byType.addListener(SWT.Selection, e -> refresh());
        topN.addListener(SWT.Selection, e -> refresh());
        refresh();
    }

    /** Recomputes the series in a Job and redraws. */
    public void refresh() {
        HandleColumn column = byType.getSelection() ? HandleColumn.TYPE : HandleColumn.OWNING_PROCESS;
        requestedColumn = column;
        query.run(monitor -> CountOverTime.run(model, RowSelection.all(model), column, POINTS));
    }

    private void show(CountOverTime.Result r) {
        result = r;
        if (!chart.getVisible()) {
            // the chart's first layout and the series in separate event-loop turns: with the page's widgets they
            // kept the UI thread busy 250-340 ms in one turn at load 6 (SWTChart's axes and legend layout)
            ((GridData) chart.getLayoutData()).exclude = false;
            chart.setVisible(true);
            root.layout(true, true);
            HandleColumn column = requestedColumn;
            root.getDisplay().asyncExec(() -> draw(r, column));
        } else {
            draw(r, requestedColumn);
        }
    }

    private void draw(CountOverTime.Result r, HandleColumn column) {
        if (root.isDisposed() || r != result) {
            return; // a newer result came meanwhile: it is drawn instead
        }
        drawn = List.copyOf(r.series().subList(0, Math.min(topN.getSelection(), r.series().size())));
        drawnColumn = column;
        lines.clear();
        lines.addAll(outstanding.show(r, column, topN.getSelection()));
        markRows(markedRows); // the grouping may have changed: other series to highlight
        drawnResult = r;
    }

    /** The result whose series are drawn (UI thread). */
    private CountOverTime.Result drawnResult;

    private Text rangeField(String hint) {
        Text t = new Text(root, SWT.BORDER);
        t.setMessage(hint);
        GridData d = new GridData(SWT.BEGINNING, SWT.CENTER, false, false);
        d.widthHint = 60;
        t.setLayoutData(d);
        t.addListener(SWT.DefaultSelection, e -> rangeFromFields());
        return t;
    }

    /** Mouse: a click reports a time and series, a drag a range; the overlay paints markers and the range. */
    private void installLinking() {
        Control plot = chart.getPlotArea().getControl();
        plot.setToolTipText("Click: the handles open at that time; drag: the handles created in the range");
        plot.addListener(SWT.MouseDown, e -> {
            if (e.button == 1 && isTimed()) {
                dragStartX = e.x;
                dragX = e.x;
            }
        });
        plot.addListener(SWT.MouseMove, e -> {
            if (dragStartX >= 0) {
                dragX = e.x;
                plot.redraw();
            }
        });
        plot.addListener(SWT.MouseUp, e -> {
            if (dragStartX < 0) {
                return;
            }
            int start = dragStartX;
            dragStartX = -1;
            IAxis x = chart.getAxisSet().getXAxis(0);
            if (Math.abs(e.x - start) <= 3) {
                clickAt(x.getDataCoordinate(e.x), chart.getAxisSet().getYAxis(0).getDataCoordinate(e.y));
            } else {
                selectRange(x.getDataCoordinate(start), x.getDataCoordinate(e.x));
            }
            plot.redraw();
        });
        chart.getPlotArea().addCustomPaintListener(new ICustomPaintListener() {
            @Override
            public void paintControl(PaintEvent e) {
                paintOverlay(e.gc);
            }

            @Override
            public boolean drawBehindSeries() {
                return false;
            }
        });
    }

    private boolean isTimed() {
        CountOverTime.Result r = result;
        return r != null && r.pointTimesNanos().length > 1;
    }

    private long spanNanos() {
        long[] times = result.pointTimesNanos();
        return times[times.length - 1];
    }

    private void paintOverlay(GC gc) {
        if (!isTimed()) {
            return;
        }
        IAxis x = chart.getAxisSet().getXAxis(0);
        int height = chart.getPlotArea().getSize().y;
        Display display = root.getDisplay();
        int alpha = gc.getAlpha();
        gc.setBackground(display.getSystemColor(SWT.COLOR_LIST_SELECTION));
        gc.setAlpha(50);
        if (dragStartX >= 0) {
            gc.fillRectangle(Math.min(dragStartX, dragX), 0, Math.abs(dragX - dragStartX), height);
        } else if (selectedRange != null) {
            int a = x.getPixelCoordinate(selectedRange.fromNanos() / 1e9);
            int b = x.getPixelCoordinate(selectedRange.toNanos() / 1e9);
            gc.fillRectangle(a, 0, Math.max(1, b - a), height);
        }
        gc.setAlpha(alpha);
        gc.setLineWidth(1);
        gc.setLineStyle(SWT.LINE_SOLID);
        gc.setForeground(display.getSystemColor(SWT.COLOR_DARK_GREEN));
        for (long t : markers.createNanos()) {
            int px = x.getPixelCoordinate(t / 1e9);
            gc.drawLine(px, 0, px, height);
        }
        gc.setForeground(display.getSystemColor(SWT.COLOR_RED));
        gc.setLineStyle(SWT.LINE_DASH);
        for (long t : markers.closeNanos()) {
            int px = x.getPixelCoordinate(t / 1e9);
            gc.drawLine(px, 0, px, height);
        }
        gc.setLineStyle(SWT.LINE_SOLID);
        if (markers.createNanos().length == 1) {
            // one handle: say what the lines are
            int px = x.getPixelCoordinate(markers.createNanos()[0] / 1e9);
            gc.setForeground(display.getSystemColor(SWT.COLOR_DARK_GREEN));
            gc.drawText("created " + ChartLinking.formatSeconds(markers.createNanos()[0]) + " s", px + 4, 4, true);
            if (markers.closeNanos().length == 1) {
                int cx = x.getPixelCoordinate(markers.closeNanos()[0] / 1e9);
                gc.setForeground(display.getSystemColor(SWT.COLOR_RED));
                gc.drawText("closed " + ChartLinking.formatSeconds(markers.closeNanos()[0]) + " s", cx + 4, 22, true);
            }
        }
    }

    /**
     * Marks the create and close times of model rows {@code rows} (the handle table's selection) and
     * highlights their series.
     */
    public void markRows(int[] rows) {
        markedRows = rows.clone();
        markers = ChartLinking.markers(model, markedRows, drawnColumn);
        for (int i = 0; i < lines.size() && i < drawn.size(); i++) {
            boolean hit = markers.seriesCodes().contains(drawn.get(i).key().code());
            lines.get(i).setLineWidth(hit ? 4 : 2);
        }
        chart.redraw();
        chart.getPlotArea().getControl().redraw();
    }

    /**
     * A click at chart position {@code xSeconds}, {@code yCount} (what the mouse handler calls): tells the
     * link listener the time and the nearest drawn series. Ignored for a snapshot (bars).
     *
     * @return the series clicked, or null
     */
    public KeyValue clickAt(double xSeconds, double yCount) {
        if (!isTimed()) {
            return null;
        }
        long t = ChartLinking.timeAt(xSeconds, spanNanos());
        int i = ChartLinking.seriesAt(result, drawn.size(), t, yCount);
        KeyValue key = i < 0 ? null : drawn.get(i).key();
        if (linkListener != null) {
            linkListener.timeClicked(t, key);
        }
        return key;
    }

    /**
     * Selects the time range between chart positions {@code xSeconds1} and {@code xSeconds2} (what the mouse
     * handler calls after a drag, and the range fields): shades it, shows it in the fields and tells the link
     * listener. Ignored for a snapshot.
     *
     * @return the range (clamped to the trace, whole milliseconds), or null for a snapshot
     */
    public TimeRange selectRange(double xSeconds1, double xSeconds2) {
        if (!isTimed()) {
            return null;
        }
        TimeRange r = ChartLinking.range(xSeconds1, xSeconds2, spanNanos());
        selectedRange = r;
        rangeFrom.setText(ChartLinking.formatSeconds(r.fromNanos()));
        rangeTo.setText(ChartLinking.formatSeconds(r.toNanos()));
        chart.getPlotArea().getControl().redraw();
        if (linkListener != null) {
            linkListener.rangeSelected(r);
        }
        return r;
    }

    private void rangeFromFields() {
        if (!isTimed()) {
            return;
        }
        Long from = ChartLinking.parseSeconds(rangeFrom.getText());
        Long to = ChartLinking.parseSeconds(rangeTo.getText());
        selectRange(from == null ? 0 : from / 1e9, to == null ? spanNanos() / 1e9 : to / 1e9);
    }

    /** Sets who follows clicks and ranges (the editor links the table). */
    public void setLinkListener(LinkListener listener) {
        this.linkListener = listener;
    }

    /** What is marked for the table's selection. */
    public ChartLinking.Markers markers() {
        return markers;
    }

    /** The range last selected, or null. */
    public TimeRange selectedRange() {
        return selectedRange;
    }

    /** Labels of the series drawn thick (the selected rows' processes or types). */
    public List<String> highlightedSeries() {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < lines.size() && i < drawn.size(); i++) {
            if (lines.get(i).getLineWidth() > 2) {
                out.add(drawn.get(i).key().label());
            }
        }
        return out;
    }

    /** The "Created in range" from field. */
    public Text rangeFromText() {
        return rangeFrom;
    }

    /** The "Created in range" to field. */
    public Text rangeToText() {
        return rangeTo;
    }

    /** The last computed series, or null before the first Job finished. */
    public CountOverTime.Result result() {
        return result;
    }

    /** Number of series drawn. */
    public int seriesCount() {
        return outstanding.seriesCount();
    }

    /** The "by type" check box. */
    public Button byTypeButton() {
        return byType;
    }

    /** True when the last computation is drawn. */
    public boolean isReady() {
        return query.isReady() && drawnResult != null && drawnResult == result;
    }

    Control control() {
        return root;
    }
}
