package org.handlelens.ui.editor;

import java.util.function.Supplier;

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
     * Makes a click or a dragged range on {@code chart} show those handles in the table (and bring it
     * forward). The other direction, marking the table's selected rows on the chart, is
     * {@link ChartPage#markRows}, called by the table's owner on each selection.
     *
     * @param table     the table, created on first use (the editor creates its pages when first needed)
     * @param showTable brings the table forward (the editor's Handles page) after a click or range on the chart
     */
    public static void connect(Supplier<HandleTablePage> table, ChartPage chart, Runnable showTable) {
        chart.setLinkListener(new ChartPage.LinkListener() {
            @Override
            public void timeClicked(long timeNanos, KeyValue series) {
                table.get().showOpenAt(timeNanos, series);
                showTable.run();
            }

            @Override
            public void rangeSelected(TimeRange range) {
                table.get().showCreatedBetween(range);
                showTable.run();
            }
        });
    }
}
