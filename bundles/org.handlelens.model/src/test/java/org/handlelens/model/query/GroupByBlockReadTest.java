package org.handlelens.model.query;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.handlelens.model.HandleModel;
import org.handlelens.model.HandleModelBuilder;
import org.handlelens.model.HandleRecord;
import org.handlelens.model.ModelConstants;
import org.handlelens.model.ProcessRecord;
import org.handlelens.model.SourceInfo;
import org.junit.jupiter.api.Test;

/** The block-read grouping of all rows gives exactly the row-by-row result: groups, order, counts, rows. */
class GroupByBlockReadTest {
    private static final long T = ModelConstants.TIME_UNKNOWN;

    /** Chunks of 16 rows in every stored form (bytes, shorts, ints; packed and raw longs; all-default). */
    private static HandleModel model() {
        HandleModelBuilder b = new HandleModelBuilder(new SourceInfo("etl", "t.etl", null, null, 8), 4);
        int[] procs = new int[300];
        for (int p = 0; p < procs.length; p++) {
            procs[p] = b.addProcess(ProcessRecord.of(4 * p + 8, "p" + (p % 17) + ".exe"));
        }
        int st = b.internStack(new long[] {0x7ff600001234L}, new String[] {"app!f+0x4"});
        for (int i = 0; i < 16 * 40 + 5; i++) {
            int chunk = i / 16;
            int owner = procs[chunk % 3 == 1 ? (i % 2) * 299 : i % 7];
            long handle = chunk % 5 == 2 ? (i % 2 == 0 ? 4 : 0x7fff_ffff_fff0L) : 4L * (i % 13);
            long create = chunk % 5 == 2 && i % 3 == 0 ? T : 1_000_000L * (i % 50);
            b.addHandle(new HandleRecord(owner, handle, chunk % 4 == 3 ? -1 : 0xffff_c000_0000_0000L + 16L * (i % 9),
                    chunk % 5 == 2 ? "t" + (i % 11) : "File", chunk >= 20 ? "n" + (i % 6) : null, 0x1f0003, null,
                    chunk % 6 == 0 ? -1 : owner, i % 3 == 0 ? -1 : procs[i % 5], 77 + (i % 4), create,
                    i % 3 == 0 ? T : create + 100, chunk % 2 == 0 ? st : -1, -1, -1, -1));
        }
        return b.build();
    }

    @Test
    void blockReadsEqualRowByRow() {
        HandleModel m = model();
        RowSelection all = RowSelection.all(m);
        List<List<HandleColumn>> groupings = new ArrayList<>();
        List<HandleColumn> groupable = HandleColumn.groupableKeys().stream().map(HandleColumn::fromKey).toList();
        for (HandleColumn a : groupable) {
            groupings.add(List.of(a));
            for (HandleColumn c : groupable) {
                if (c != a) {
                    groupings.add(List.of(a, c));
                }
            }
        }
        for (List<HandleColumn> cols : groupings) {
            GroupResult block = GroupBy.run(m, all, cols, T, true);
            GroupResult rowByRow = GroupBy.run(m, all, cols, T, false);
            assertEquals(rowByRow.totalCount(), block.totalCount(), cols.toString());
            assertEquals(rowByRow.totalOutstanding(), block.totalOutstanding(), cols.toString());
            assertTrue(block.totalOutstanding() > 0 && block.totalOutstanding() < m.rowCount(), cols.toString());
            assertEquals(rowByRow.groups().size(), block.groups().size(), cols.toString());
            for (int g = 0; g < block.groups().size(); g++) {
                Group x = block.groups().get(g);
                Group y = rowByRow.groups().get(g);
                assertEquals(y.keys(), x.keys(), cols + " group " + g);
                assertEquals(y.count(), x.count(), cols + " group " + g);
                assertEquals(y.outstanding(), x.outstanding(), cols + " group " + g);
                assertEquals(y.rows().size(), x.rows().size());
                for (int i = 0; i < x.rows().size(); i++) {
                    assertEquals(y.rows().row(i), x.rows().row(i), cols + " group " + g + " row " + i);
                }
            }
        }
    }
}
