package org.handlelens.model.query;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.handlelens.model.HandleModel;
import org.handlelens.model.HandleModelBuilder;
import org.handlelens.model.HandleRecord;
import org.handlelens.model.ProcessRecord;
import org.handlelens.model.SourceInfo;
import org.junit.jupiter.api.Test;

/** Call-tree and group-tree aggregation over stacks and groups with known weights. */
class StackAndGroupTreeTest {

    /** app.exe: 3 leaking Events from Worker::Start, 2 closed Files from Log::Open; one handle without a stack. */
    private static HandleModel model() {
        HandleModelBuilder b = new HandleModelBuilder(new SourceInfo("generated", "g", null, null, 8));
        int app = b.addProcess(ProcessRecord.of(100, "app.exe"));
        int leak = b.internSymbolicStack(new String[] { "ntdll!NtCreateEvent+0x14", "app!Worker::Start+0x4f",
            "kernel32!BaseThreadInitThunk+0x14" });
        int churn = b.internSymbolicStack(new String[] { "ntdll!NtCreateFile+0x14", "app!Log::Open+0x10",
            "kernel32!BaseThreadInitThunk+0x14" });
        for (int i = 0; i < 3; i++) {
            b.addHandle(new HandleRecord(app, 4 + 4 * i, 0x100 + i, "Event", null, 0x1f0003, null, app,
                    HandleRecord.UNKNOWN_PROCESS, 1, 10L * i, HandleRecord.TIME_UNKNOWN, leak, HandleRecord.NO_STACK, -1, -1));
        }
        for (int i = 0; i < 2; i++) {
            b.addHandle(new HandleRecord(app, 40 + 4 * i, 0x200 + i, "File", null, 0x120089, null, app, app, 1,
                    10L * i, 10L * i + 5, churn, HandleRecord.NO_STACK, -1, -1));
        }
        b.addHandle(new HandleRecord(app, 80, 0x300, "Key", null, 0x20019, null, app, HandleRecord.UNKNOWN_PROCESS, 1,
                50, HandleRecord.TIME_UNKNOWN, HandleRecord.NO_STACK, HandleRecord.NO_STACK, -1, -1));
        return b.build();
    }

    @Test
    void callersFirstTreeSplitsAtTheApplicationFrame() {
        HandleModel m = model();
        StackTree.Node root = StackTree.build(m, RowSelection.all(m), StackTree.Direction.CALLERS_FIRST);
        assertEquals(6, root.count());
        assertEquals(4, root.outstanding());
        StackTree.Node thunk = root.children().get(0);
        assertEquals("kernel32!BaseThreadInitThunk+0x14", thunk.frame());
        assertEquals(5, thunk.count());
        assertEquals(3, thunk.outstanding());
        assertEquals(List.of("app!Worker::Start+0x4f", "app!Log::Open+0x10"),
                thunk.children().stream().map(StackTree.Node::frame).toList(), "heaviest outstanding first");
        assertEquals(StackTree.NO_STACK, root.children().get(1).frame());
    }

    @Test
    void calleesFirstTreeStartsAtTheCreatingApi() {
        HandleModel m = model();
        StackTree.Node root = StackTree.build(m, HandleFilter.outstandingAtEnd(m), StackTree.Direction.CALLEES_FIRST);
        assertEquals(4, root.count());
        assertEquals("ntdll!NtCreateEvent+0x14", root.children().get(0).frame());
        assertEquals("app!Worker::Start+0x4f", root.children().get(0).children().get(0).frame());
    }

    @Test
    void rowsThroughANodeAreTheHandlesItCounts() {
        HandleModel m = model();
        for (StackTree.Direction d : StackTree.Direction.values()) {
            StackTree.Node root = StackTree.build(m, RowSelection.all(m), d);
            assertEquals(root.count(), StackTree.rowsThrough(m, RowSelection.all(m), d, List.of()).size());
            checkEveryNode(m, d, root, new java.util.ArrayList<>());
        }
        // the Worker::Start leak (callers first: thunk > Worker::Start) is exactly the three Event rows
        RowSelection leak = StackTree.rowsThrough(m, RowSelection.all(m), StackTree.Direction.CALLERS_FIRST,
                List.of("kernel32!BaseThreadInitThunk+0x14", "app!Worker::Start+0x4f"));
        assertEquals(List.of(0, 1, 2), leak.stream().boxed().toList());
        assertEquals(List.of(5), StackTree.rowsThrough(m, RowSelection.all(m), StackTree.Direction.CALLEES_FIRST,
                List.of(StackTree.NO_STACK)).stream().boxed().toList());
        assertEquals(0, StackTree.rowsThrough(m, RowSelection.all(m), StackTree.Direction.CALLEES_FIRST,
                List.of("kernel32!BaseThreadInitThunk+0x14")).size(), "callees first starts at the creating frame");
    }

    private static void checkEveryNode(HandleModel m, StackTree.Direction d, StackTree.Node node, List<String> path) {
        for (StackTree.Node child : node.children()) {
            List<String> childPath = new java.util.ArrayList<>(path);
            childPath.add(child.frame());
            RowSelection rows = StackTree.rowsThrough(m, RowSelection.all(m), d, childPath);
            assertEquals(child.count(), rows.size(), d + " " + childPath);
            assertEquals(child.outstanding(), rows.stream().filter(m::isOutstanding).count(), d + " " + childPath);
            checkEveryNode(m, d, child, childPath);
        }
    }

    @Test
    void latestTimeIsKnownFromTheBuilderAndMatchesAScan() {
        HandleModel m = model();
        // Events created at 0/10/20 ns, Files 0-5 and 10-15 ns, the Key at 50 ns
        assertEquals(50, m.latestTimeNanos());
        assertEquals(50, CountOverTime.spanNanos(m), "no duration stated: the span is the latest time");
        long scanned = 0;
        for (int r = 0; r < m.rowCount(); r++) {
            scanned = Math.max(scanned, Math.max(m.createTimeNanos(r), m.closeTimeNanos(r)));
        }
        assertEquals(scanned, m.latestTimeNanos(), "what the builder tracked equals a scan of the rows");
    }

    @Test
    void groupTreeNestsLevelsWithTotals() {
        HandleModel m = model();
        GroupTree.Node root = GroupTree.build(m, RowSelection.all(m), List.of(HandleColumn.OWNING_PROCESS, HandleColumn.TYPE));
        assertEquals(6, root.count());
        assertEquals(1, root.children().size());
        GroupTree.Node app = root.children().get(0);
        assertEquals("app.exe (100)", app.key().label());
        assertEquals(List.of("Event", "Key", "File"), app.children().stream().map(n -> n.key().label()).toList());
        assertEquals(3, app.children().get(0).outstanding());
        assertEquals(0, app.children().get(2).outstanding());
        // rows of an inner node = the union of its leaves (the Event, Key and File rows of app.exe)
        assertEquals(List.of(0, 1, 2, 3, 4, 5), GroupTree.rowsOf(app).stream().boxed().toList());
        assertEquals(List.of(3, 4), GroupTree.rowsOf(app.children().get(2)).stream().boxed().toList());
        assertEquals(6, GroupTree.rowsOf(root).size());
    }
}
