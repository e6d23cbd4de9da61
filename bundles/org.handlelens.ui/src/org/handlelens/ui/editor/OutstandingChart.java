package org.handlelens.ui.editor;

import java.util.List;

import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.Color;
import org.eclipse.swt.graphics.RGB;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swtchart.Chart;
import org.eclipse.swtchart.IBarSeries;
import org.eclipse.swtchart.ILineSeries;
import org.eclipse.swtchart.ISeries;
import org.eclipse.swtchart.ISeries.SeriesType;
import org.eclipse.swtchart.LineStyle;
import org.eclipse.swtchart.Range;
import org.handlelens.model.query.CountOverTime;
import org.handlelens.model.query.HandleColumn;

/**
 * An SWTChart of a {@link CountOverTime} result: one line per process (or type) over trace time, or
 * bars when the source is a snapshot (one point in time). Used by the chart page and, small, by the
 * Overview page.
 */
final class OutstandingChart {
    private static final RGB[] PALETTE = { new RGB(31, 119, 180), new RGB(255, 127, 14), new RGB(44, 160, 44),
        new RGB(214, 39, 40), new RGB(148, 103, 189), new RGB(140, 86, 75), new RGB(227, 119, 194),
        new RGB(127, 127, 127), new RGB(188, 189, 34), new RGB(23, 190, 207) };

    private final Chart chart;
    private final Color[] colors;

    OutstandingChart(Composite parent) {
        chart = new Chart(parent, SWT.NONE);
        chart.getTitle().setText("Handles Outstanding Count by Process");
        chart.getAxisSet().getYAxis(0).getTitle().setText("Outstanding handles");
        colors = new Color[PALETTE.length];
        for (int i = 0; i < PALETTE.length; i++) {
            colors[i] = new Color(parent.getDisplay(), PALETTE[i]);
        }
        chart.addListener(SWT.Dispose, e -> {
            for (Color c : colors) {
                c.dispose();
            }
        });
    }

    /** The SWTChart widget (layout data, title font...). */
    Chart chart() {
        return chart;
    }

    /**
     * Draws the first {@code topN} series of {@code r}, grouped by {@code column}.
     *
     * @return the lines drawn, in series order (none for a snapshot's bars)
     */
    List<ILineSeries<?>> show(CountOverTime.Result r, HandleColumn column, int topN) {
        List<ILineSeries<?>> lines = new java.util.ArrayList<>();
        // one layout of the chart (legend, axes) for all the series, not one per series and setter: 95 ms in the
        // Overview's series turn at load ~5 (docs/benchmarks.md)
        chart.suspendUpdate(true);
        try {
            addSeries(r, column, topN, lines);
        } finally {
            chart.suspendUpdate(false);
        }
        long[] times = r.pointTimesNanos();
        chart.getAxisSet().adjustRange();
        if (times.length > 1) {
            // the trace's time span exactly: adjustRange's margins are pixels of the plot area at this moment, and the
            // Overview's small chart gets its series before its plot area has its size (-3..13 s for a 10 s trace)
            chart.getAxisSet().getXAxis(0).setRange(new Range(times[0] / 1e9, times[times.length - 1] / 1e9));
        }
        chart.redraw();
        return lines;
    }

    private void addSeries(CountOverTime.Result r, HandleColumn column, int topN, List<ILineSeries<?>> lines) {
        for (ISeries<?> s : chart.getSeriesSet().getSeries()) {
            chart.getSeriesSet().deleteSeries(s.getId());
        }
        String by = column == HandleColumn.TYPE ? "Type" : "Process";
        chart.getTitle().setText("Handles Outstanding Count by " + by);
        List<CountOverTime.Series> series = r.series().subList(0, Math.min(topN, r.series().size()));
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
                lines.add(line);
            }
        }
    }

    /** Number of series drawn. */
    int seriesCount() {
        return chart.getSeriesSet().getSeries().length;
    }
}
