package org.handlelens.ui.editor;

import org.eclipse.swt.SWT;
import org.handlelens.model.query.KeyValue;

/**
 * Links the outstanding chart and the handle table both ways, as WPA's graph and table: selecting rows marks
 * their create/close times and series on the chart; a click on the chart shows the clicked series' handles
 * open at that time, a dragged range the handles created within it, and then brings the table forward.
 */
public final class ChartTableLink {
    private ChartTableLink() {
    }

    /**
     * Connects {@code table} and {@code chart}.
     *
     * @param showTable brings the table forward (the editor's Handles page) after a click or range on the chart
     */
    public static void connect(HandleTablePage table, ChartPage chart, Runnable showTable) {
        table.viewer().getTable().addListener(SWT.Selection, e -> chart.markRows(table.selectedRows()));
        chart.setLinkListener(new ChartPage.LinkListener() {
            @Override
            public void timeClicked(long timeNanos, KeyValue series) {
                table.showOpenAt(timeNanos, series);
                showTable.run();
            }

            @Override
            public void rangeSelected(TimeRange range) {
                table.showCreatedBetween(range);
                showTable.run();
            }
        });
    }
}
