package org.handlelens.ui.editor;

import java.util.List;

import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.Status;
import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.Color;
import org.eclipse.swt.graphics.RGB;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Spinner;
import org.eclipse.swtchart.Chart;
import org.eclipse.swtchart.IBarSeries;
import org.eclipse.swtchart.ILineSeries;
import org.eclipse.swtchart.ISeries;
import org.eclipse.swtchart.ISeries.SeriesType;
import org.eclipse.swtchart.LineStyle;
import org.handlelens.model.HandleModel;
import org.handlelens.model.query.CountOverTime;
import org.handlelens.model.query.HandleColumn;
import org.handlelens.model.query.RowSelection;

/**
 * "Handles Outstanding Count by Process" (or by type) over trace time, drawn with SWTChart.
 * A snapshot source (WinDbg) has one point in time: it is shown as bars per process.
 */
public final class ChartPage {
    /** Points on the time axis. */
    public static final int POINTS = 200;
    private static final RGB[] PALETTE = { new RGB(31, 119, 180), new RGB(255, 127, 14), new RGB(44, 160, 44),
        new RGB(214, 39, 40), new RGB(148, 103, 189), new RGB(140, 86, 75), new RGB(227, 119, 194),
        new RGB(127, 127, 127), new RGB(188, 189, 34), new RGB(23, 190, 207) };

    private final HandleModel model;
    private final Composite root;
    private final Button byType;
    private final Spinner topN;
    private final Chart chart;
    private final Color[] colors;
    private volatile CountOverTime.Result result;
    private Job pending;
    /** The job whose result is on screen: ready means it is the latest one scheduled. */
    private Job shown;

    ChartPage(Composite parent, HandleModel model) {
        this.model = model;
        root = new Composite(parent, SWT.NONE);
        root.setLayout(new GridLayout(4, false));
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
        chart = new Chart(root, SWT.NONE);
        chart.setLayoutData(new GridData(SWT.FILL, SWT.FILL, true, true, 4, 1));
        chart.getTitle().setText("Handles Outstanding Count by Process");
        chart.getAxisSet().getYAxis(0).getTitle().setText("Outstanding handles");
        colors = new Color[PALETTE.length];
        for (int i = 0; i < PALETTE.length; i++) {
            colors[i] = new Color(root.getDisplay(), PALETTE[i]);
        }
        byType.addListener(SWT.Selection, e -> refresh());
        topN.addListener(SWT.Selection, e -> refresh());
        refresh();
    }

    /** Recomputes the series in a Job and redraws. */
    public void refresh() {
        HandleColumn column = byType.getSelection() ? HandleColumn.TYPE : HandleColumn.OWNING_PROCESS;
        if (pending != null) {
            pending.cancel();
        }
        Job job = new Job("Counting outstanding handles") {
            @Override
            protected IStatus run(IProgressMonitor monitor) {
                CountOverTime.Result r = CountOverTime.run(model, RowSelection.all(model), column, POINTS);
                if (monitor.isCanceled()) {
                    return Status.CANCEL_STATUS;
                }
                root.getDisplay().asyncExec(() -> show(r, column, this));
                return Status.OK_STATUS;
            }
        };
        job.setSystem(true);
        pending = job;
        job.schedule();
    }

    private void show(CountOverTime.Result r, HandleColumn column, Job from) {
        if (root.isDisposed() || from != pending) {
            return;
        }
        shown = from;
        result = r;
        for (ISeries<?> s : chart.getSeriesSet().getSeries()) {
            chart.getSeriesSet().deleteSeries(s.getId());
        }
        String by = column == HandleColumn.TYPE ? "Type" : "Process";
        chart.getTitle().setText("Handles Outstanding Count by " + by);
        List<CountOverTime.Series> series = r.series().subList(0, Math.min(topN.getSelection(), r.series().size()));
        long[] times = r.pointTimesNanos();
        if (times.length <= 1) {
            // A snapshot: one bar per process/type.
            chart.getAxisSet().getXAxis(0).getTitle().setText(by);
            IBarSeries<?> bars = (IBarSeries<?>) chart.getSeriesSet().createSeries(SeriesType.BAR, "open handles");
            String[] names = new String[series.size()];
            double[] values = new double[series.size()];
            for (int i = 0; i < series.size(); i++) {
                names[i] = series.get(i).key().label();
                values[i] = series.get(i).counts()[0];
            }
            chart.getAxisSet().getXAxis(0).enableCategory(true);
            chart.getAxisSet().getXAxis(0).setCategorySeries(names);
            bars.setYSeries(values);
            bars.setBarColor(colors[0]);
        } else {
            chart.getAxisSet().getXAxis(0).enableCategory(false);
            chart.getAxisSet().getXAxis(0).getTitle().setText("Time since trace start (s)");
            double[] x = new double[times.length];
            for (int i = 0; i < times.length; i++) {
                x[i] = times[i] / 1e9;
            }
            for (int i = 0; i < series.size(); i++) {
                CountOverTime.Series s = series.get(i);
                ILineSeries<?> line = (ILineSeries<?>) chart.getSeriesSet().createSeries(SeriesType.LINE,
                        s.key().label() + " #" + i);
                line.setDescription(s.key().label());
                line.setXSeries(x);
                double[] y = new double[s.counts().length];
                for (int k = 0; k < y.length; k++) {
                    y[k] = s.counts()[k];
                }
                line.setYSeries(y);
                line.setLineColor(colors[i % colors.length]);
                line.setLineWidth(2);
                line.setLineStyle(LineStyle.SOLID);
                line.setSymbolType(ILineSeries.PlotSymbolType.NONE);
            }
        }
        chart.getAxisSet().adjustRange();
        chart.redraw();
    }

    /** The last computed series, or null before the first Job finished. */
    public CountOverTime.Result result() {
        return result;
    }

    /** Number of series drawn. */
    public int seriesCount() {
        return chart.getSeriesSet().getSeries().length;
    }

    /** The "by type" check box. */
    public Button byTypeButton() {
        return byType;
    }

    /** True when the last computation is drawn. */
    public boolean isReady() {
        return pending != null && shown == pending;
    }

    Control control() {
        return root;
    }

    void dispose() {
        for (Color c : colors) {
            c.dispose();
        }
    }
}
