package org.handlelens.windbg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import org.handlelens.model.HandleModel;
import org.handlelens.model.ProgressMonitor;
import org.handlelens.model.Snapshot;
import org.handlelens.model.query.Diff;
import org.handlelens.model.query.GroupResult;
import org.handlelens.model.query.HandleColumn;
import org.handlelens.windbg.parse.HtraceKind;
import org.handlelens.windbg.parse.HtraceRecord;
import org.handlelens.windbg.parse.HtraceSection;
import org.handlelens.windbg.parse.SharedData;
import org.handlelens.windbg.parse.WinDbgLog;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Snapshots of a WinDbg log and the diff between two of them, on the shared real logs. */
class WinDbgSnapshotsTest {
    private static final String CPP_LEAKS = "htrace-user-x86-cppresourceleaks.txt";
    private static final List<HandleColumn> BY_HANDLE = List.of(HandleColumn.OWNING_PROCESS, HandleColumn.HANDLE);

    @TempDir
    Path dir;

    private static HandleModel load(Path file) throws Exception {
        return new WinDbgModelSource().load(file, ProgressMonitor.NULL);
    }

    /** Handle values of the rows of a diff part. */
    private static Set<Long> handles(HandleModel m, GroupResult r) {
        Set<Long> out = new TreeSet<>();
        for (var g : r.groups()) {
            for (int i = 0; i < g.rows().size(); i++) {
                out.add(m.handleValue(g.rows().row(i)));
            }
        }
        return out;
    }

    private static Set<Long> values(long... v) {
        Set<Long> out = new TreeSet<>();
        for (long x : v) {
            out.add(x);
        }
        return out;
    }

    @Test
    void cppResourceLeaksHasFiveSnapshotsInLogOrder() throws Exception {
        HandleModel m = load(SharedData.windbg(CPP_LEAKS));
        List<Snapshot> s = m.snapshots();
        assertEquals(List.of(Snapshot.Kind.HTRACE_SNAPSHOT, Snapshot.Kind.HTRACE_DIFF, Snapshot.Kind.HANDLE_LISTING,
                Snapshot.Kind.HTRACE_DIFF, Snapshot.Kind.END_OF_LOG), s.stream().map(Snapshot::kind).toList());
        assertEquals(List.of(6, 93, 139, 143, -1), s.stream().map(Snapshot::lineNumber).toList());
        assertEquals("!htrace -enable", s.get(0).label());
        assertEquals("!htrace -diff", s.get(1).label());
        assertEquals("!handle 0x3c", s.get(2).label());
        assertEquals("#3 !htrace -diff (line 143)", s.get(3).describe());
        for (int i = 0; i < s.size(); i++) {
            assertEquals(i, s.get(i).index());
        }
    }

    @Test
    void diffOfEnableAndFirstDiffEqualsWhatWinDbgPrinted() throws Exception {
        Path file = SharedData.windbg(CPP_LEAKS);
        HandleModel m = load(file);
        // oracle: the handle values the debugger itself listed in each -diff output
        List<HtraceSection> diffs = WinDbgLog.read(file).htrace().stream()
                .filter(x -> x.kind() == HtraceKind.DIFF).toList();
        assertEquals(2, diffs.size());
        Set<Long> firstDiff = new TreeSet<>(diffs.get(0).recordsNewestFirst().stream()
                .map(HtraceRecord::handleValue).toList());
        Set<Long> secondDiff = new TreeSet<>(diffs.get(1).recordsNewestFirst().stream()
                .map(HtraceRecord::handleValue).toList());
        assertEquals(values(0x20, 0x24, 0x38, 0x3c), firstDiff);
        assertEquals(values(0x114), secondDiff);

        Diff.Result enableToDiff1 = Diff.betweenSnapshots(m, 0, 1, BY_HANDLE);
        assertEquals(firstDiff, handles(m, enableToDiff1.added()));
        // 0x34 was opened and closed again before the first -diff: in neither snapshot
        assertEquals(0, enableToDiff1.closed().totalCount());
        assertEquals(0, enableToDiff1.stillOpen().totalCount());

        Diff.Result diff1ToDiff2 = Diff.betweenSnapshots(m, 1, 3, Diff.DEFAULT_COLUMNS);
        assertEquals(secondDiff, handles(m, diff1ToDiff2.added()));
        assertEquals(firstDiff, handles(m, diff1ToDiff2.stillOpen()));
        assertEquals(0, diff1ToDiff2.closed().totalCount());
        // grouped by process, type and stack: 0x3c and 0x38 have their own stacks, 0x24 and 0x20 none
        // (elided in the source), so they share one group
        assertEquals(3, diff1ToDiff2.stillOpen().groups().size());
        // 0x114 was duplicated into the process by pid 0xd30: owner is the debuggee, creator the other process
        int row = diff1ToDiff2.added().groups().get(0).rows().row(0);
        assertEquals(0x19ec, m.process(m.owningProcess(row)).pid());
        assertEquals(0xd30, m.process(m.creatingProcess(row)).pid());

        // the output pasted after the last -diff (segment 7) is new at the end of the log
        Diff.Result toEnd = Diff.betweenSnapshots(m, 3, 4, BY_HANDLE);
        assertEquals(values(0x7d8), handles(m, toEnd.added()));
        assertEquals(5, toEnd.stillOpen().totalCount());
    }

    @Test
    void rowsKnowWhenTheyWereOpenedAndClosed() throws Exception {
        HandleModel m = load(SharedData.windbg(CPP_LEAKS));
        int closed34 = -1;
        for (int r = 0; r < m.rowCount(); r++) {
            if (m.handleValue(r) == 0x34) {
                closed34 = r;
            }
        }
        assertEquals(1, m.openedSnapshot(closed34));
        assertEquals(1, m.closedSnapshot(closed34));
        for (int k = 0; k < m.snapshots().size(); k++) {
            assertFalse(m.isOpenAtSnapshot(closed34, k), "0x34 is open at no snapshot (" + k + ")");
        }
    }

    @Test
    void snapshotIndexesAreChecked() throws Exception {
        HandleModel m = load(SharedData.windbg(CPP_LEAKS));
        assertThrows(IllegalArgumentException.class, () -> Diff.betweenSnapshots(m, 1, 1, BY_HANDLE));
        assertThrows(IllegalArgumentException.class, () -> Diff.betweenSnapshots(m, 3, 1, BY_HANDLE));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Diff.betweenSnapshots(m, 0, 5, BY_HANDLE));
        assertTrue(e.getMessage().contains("0..4"), e.getMessage());
    }

    @Test
    void everyHandleCommandIsASnapshotAndIncompleteListingsCloseNothing() throws Exception {
        HandleModel m = load(SharedData.windbg("handle-examples-docs.txt"));
        assertEquals(List.of("!handle", "!handle 8 f", "!handle 0 4", "!handle 14 13", "!handle 0 3 0 Section"),
                m.snapshots().stream().map(Snapshot::label).toList());
        assertTrue(m.snapshots().stream().allMatch(s -> s.kind() == Snapshot.Kind.HANDLE_LISTING));
        // `!handle 8 f` lists one of the six handles: the other five are not closed by it
        Diff.Result d = Diff.betweenSnapshots(m, 0, 1, BY_HANDLE);
        assertEquals(0, d.added().totalCount());
        assertEquals(0, d.closed().totalCount());
        assertEquals(values(0x4, 0x8, 0xc, 0x10, 0x14, 0x5c), handles(m, d.stillOpen()));
        // the elided Idle table (380 entries in use, 7 printed) and the Section filter close nothing either
        for (int r = 0; r < m.rowCount(); r++) {
            assertTrue(m.isOutstanding(r));
            assertEquals(-1, m.closedSnapshot(r));
        }
        Diff.Result idle = Diff.betweenSnapshots(m, 1, 2, BY_HANDLE);
        assertEquals(7, idle.added().totalCount());
        assertEquals(6, idle.stillOpen().totalCount());
    }

    /**
     * No shared log lists one process's whole table twice, so this input concatenates two real sections
     * (no line changed): the user-mode session of {@value #CPP_LEAKS} up to its first {@code !htrace -diff}
     * (lines 1-136; its {@code (19ec.153c)} event line names the debuggee), then the complete user-mode
     * {@code !handle} listing (example 1, lines 4-23) of {@code handle-examples-docs.txt}. That listing shows
     * all "6 Handles" of the debuggee, so the four handles the {@code -diff} showed open were closed by it.
     */
    @Test
    void completeListingClosesTheHandlesItNoLongerShows() throws Exception {
        List<String> lines = new ArrayList<>(Files.readAllLines(SharedData.windbg(CPP_LEAKS),
                StandardCharsets.UTF_8).subList(0, 136));
        lines.addAll(Files.readAllLines(SharedData.windbg("handle-examples-docs.txt"), StandardCharsets.UTF_8)
                .subList(3, 23));
        Path file = dir.resolve("htrace-then-handle.txt");
        Files.write(file, lines, StandardCharsets.UTF_8);
        HandleModel m = load(file);
        assertEquals(List.of(Snapshot.Kind.HTRACE_SNAPSHOT, Snapshot.Kind.HTRACE_DIFF, Snapshot.Kind.HANDLE_LISTING),
                m.snapshots().stream().map(Snapshot::kind).toList());
        Diff.Result d = Diff.betweenSnapshots(m, 1, 2, BY_HANDLE);
        assertEquals(values(0x4, 0x8, 0xc, 0x10, 0x14, 0x5c), handles(m, d.added()));
        assertEquals(values(0x20, 0x24, 0x38, 0x3c), handles(m, d.closed()));
        assertEquals(0, d.stillOpen().totalCount());
        for (int r = 0; r < m.rowCount(); r++) {
            if (values(0x20, 0x24, 0x38, 0x3c).contains(m.handleValue(r))) {
                assertEquals(2, m.closedSnapshot(r));
                assertFalse(m.isOutstanding(r), "closed by the listing, closer unknown");
                assertEquals(-1, m.closingProcess(r));
            }
        }
    }

    @Test
    void seed004ListsSmssPartlyAndClosesNothing() throws Exception {
        HandleModel m = load(SharedData.seed004());
        assertEquals(1, m.snapshots().size());
        assertEquals("!handle", m.snapshots().get(0).label());
        assertEquals(47, m.snapshots().get(0).lineNumber());
        // "Handle table at e1674000 with 21 Entries in use" but 3 entries printed
        assertEquals(3, m.rowCount());
        for (int r = 0; r < m.rowCount(); r++) {
            assertTrue(m.isOpenAtSnapshot(r, 0));
        }
    }
}
