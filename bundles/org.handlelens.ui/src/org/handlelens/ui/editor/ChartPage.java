package org.handlelens.ui.editor;

import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Spinner;
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

    private final HandleModel model;
    private final Composite root;
    private final Button byType;
    private final Spinner topN;
    private final OutstandingChart chart;
    private final BackgroundQuery<CountOverTime.Result> query;
    private volatile CountOverTime.Result result;
    private HandleColumn requestedColumn = HandleColumn.OWNING_PROCESS;

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
        chart = new OutstandingChart(root);
        chart.chart().setLayoutData(new GridData(SWT.FILL, SWT.FILL, true, true, 4, 1));
        query = new BackgroundQuery<>("Counting outstanding handles", root, this::show);
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
        chart.show(r, requestedColumn, topN.getSelection());
    }

    /** The last computed series, or null before the first Job finished. */
    public CountOverTime.Result result() {
        return result;
    }

    /** Number of series drawn. */
    public int seriesCount() {
        return chart.seriesCount();
    }

    /** The "by type" check box. */
    public Button byTypeButton() {
        return byType;
    }

    /** True when the last computation is drawn. */
    public boolean isReady() {
        return query.isReady();
    }

    Control control() {
        return root;
    }
}
