package org.handlelens.model.query;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicInteger;

import org.handlelens.model.HandleModel;
import org.handlelens.model.HandleModelBuilder;
import org.handlelens.model.HandleRecord;
import org.handlelens.model.ModelConstants;
import org.handlelens.model.ProcessRecord;
import org.handlelens.model.SourceInfo;
import org.junit.jupiter.api.Test;

/** A grouping whose request was replaced stops: both read paths poll the cancel check while grouping. */
class GroupByCancelTest {
    private static final long T = ModelConstants.TIME_UNKNOWN;
    private static final List<HandleColumn> BY = List.of(HandleColumn.OWNING_PROCESS, HandleColumn.TYPE);

    private static HandleModel model(int rows) {
        HandleModelBuilder b = new HandleModelBuilder(new SourceInfo("etl", "t.etl", null, null, 8));
        int p = b.addProcess(ProcessRecord.of(8, "a.exe"));
        for (int i = 0; i < rows; i++) {
            b.addHandle(new HandleRecord(p, 4L * (i + 1), 0xffff_c000_0000_0000L + 16L * i, i % 2 == 0 ? "File" : "Key",
                    null, 0x1f0003, null, p, i % 3 == 0 ? -1 : p, 1, 1000L * i, i % 3 == 0 ? T : 1000L * i + 5, -1,
                    -1, -1, -1));
        }
        return b.build();
    }

    @Test
    void canceledGroupingStopsOnBothPaths() {
        HandleModel m = model(20_000);
        RowSelection all = RowSelection.all(m); // the block-read path
        RowSelection outstanding = HandleFilter.ALL.withOutstandingOnly(true).select(m); // the row-by-row path
        for (RowSelection rows : List.of(all, outstanding)) {
            AtomicInteger polls = new AtomicInteger();
            // canceled once the grouping is under way (after its first poll): it must stop, not finish
            assertThrows(CancellationException.class,
                    () -> GroupTree.build(m, rows, BY, () -> polls.incrementAndGet() > 1));
            assertTrue(polls.get() >= 2, "polled while grouping");
            GroupTree.Node whole = GroupTree.build(m, rows, BY, () -> false);
            assertEquals(rows.size(), whole.count());
            assertEquals(GroupTree.build(m, rows, BY).outstanding(), whole.outstanding());
        }
    }
}
