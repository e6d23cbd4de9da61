package org.handlelens.report.cli;

import static org.handlelens.report.cli.CliHarness.obj;
import static org.handlelens.report.cli.CliHarness.list;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.BeforeAll;
import org.handlelens.report.cli.CliHarness.Run;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code handlelens diff} between two snapshots of one WinDbg log ({@code --from-snapshot/--to-snapshot}) and
 * between two WinDbg files of {@code !handle} output, with the real WinDbg importer on the shared logs.
 */
class SnapshotDiffCliTest {
    private static Path shared;
    @TempDir
    Path tmp;

    @BeforeAll
    static void sharedFolder() {
        shared = CliHarness.shared();
    }

    private Run run(String... args) {
        return CliHarness.run(tmp.resolve("cache"), args);
    }

    private static String cppLeaks() {
        return shared.resolve("testdata/windbg/htrace-user-x86-cppresourceleaks.txt").toString();
    }

    private static String handleDocs() {
        return shared.resolve("testdata/windbg/handle-examples-docs.txt").toString();
    }

    /** Handle values of one part ("new", "closed", "stillOpen") of a diff grouped by owning-process,handle. */
    private static Set<Long> handles(Map<String, Object> diff, String part) {
        Set<Long> out = new TreeSet<>();
        for (Object g : list(obj(diff.get(part)).get("groups"))) {
            out.add((Long) obj(g).get("handle"));
        }
        return out;
    }

    private static long count(Map<String, Object> diff, String part) {
        return (Long) obj(diff.get(part)).get("count");
    }

    @Test
    void twoHtraceDiffOutputsOfOneLog() throws IOException {
        Run r = run("diff", cppLeaks(), "--from-snapshot", "1", "--to-snapshot", "3", "--group-by",
                "owning-process,handle", "--format", "json");
        assertEquals(0, r.code(), r.err());
        Map<String, Object> d = obj(r.json());
        assertNull(d.get("from"));
        assertNull(d.get("to"));
        Map<String, Object> from = obj(d.get("fromSnapshot"));
        assertEquals(1L, from.get("index"));
        assertEquals("htrace-diff", from.get("kind"));
        assertEquals(93L, from.get("line"));
        assertEquals("!htrace -diff", from.get("label"));
        assertEquals(143L, obj(d.get("toSnapshot")).get("line"));
        assertEquals(false, d.get("partial"));
        // the second -diff shows 0x114 (duplicated in by pid 0xd30); the first one's four stay open
        assertEquals(Set.of(0x114L), handles(d, "new"));
        assertEquals(Set.of(0x20L, 0x24L, 0x38L, 0x3cL), handles(d, "stillOpen"));
        assertEquals(0, count(d, "closed"));

        // from !htrace -enable to the first -diff: exactly the four handles that -diff printed
        Map<String, Object> first = obj(run("diff", cppLeaks(), "--from-snapshot", "0", "--to-snapshot", "1",
                "--group-by", "owning-process,handle", "--format", "json").json());
        assertEquals(Set.of(0x20L, 0x24L, 0x38L, 0x3cL), handles(first, "new"));
        assertEquals(0, count(first, "stillOpen"));

        // default: first and last snapshot (the end of the log holds the pasted 0x7d8)
        Map<String, Object> all = obj(run("diff", cppLeaks(), "--group-by", "owning-process,handle", "--format",
                "json").json());
        assertEquals(0L, obj(all.get("fromSnapshot")).get("index"));
        assertEquals("end-of-log", obj(all.get("toSnapshot")).get("kind"));
        assertNull(obj(all.get("toSnapshot")).get("line"));
        assertEquals(Set.of(0x20L, 0x24L, 0x38L, 0x3cL, 0x114L, 0x7d8L), handles(all, "new"));

        // the table groups by process, type and stack as for times
        Run table = run("diff", cppLeaks(), "--from-snapshot", "1", "--to-snapshot", "3");
        assertEquals(0, table.code(), table.err());
        assertTrue(table.out().startsWith("snapshot #1 !htrace -diff (line 93) -> #3 !htrace -diff (line 143)\n"
                + "new: 1, closed: 0, still open: 4"), table.out());
        Run csv = run("diff", cppLeaks(), "--from-snapshot", "1", "--to-snapshot", "3", "--format", "csv");
        assertTrue(csv.out().startsWith("change,owning-process,type,create-stack,count\r\nnew,Process (6636),,"
                + "\"ntdll!ZwDuplicateObject+0xc\n"), csv.out());
    }

    @Test
    void infoListsTheSnapshots() throws IOException {
        Run r = run("info", cppLeaks(), "--json");
        assertEquals(0, r.code(), r.err());
        List<Object> snaps = list(obj(r.json()).get("snapshots"));
        assertEquals(List.of("!htrace -enable", "!htrace -diff", "!handle 0x3c", "!htrace -diff", "end of log"),
                snaps.stream().map(s -> obj(s).get("label")).toList());
        assertEquals(List.of("htrace-snapshot", "htrace-diff", "handle-listing", "htrace-diff", "end-of-log"),
                snaps.stream().map(s -> obj(s).get("kind")).toList());
        Run text = run("info", cppLeaks());
        assertTrue(text.out().contains("  #2 !handle 0x3c (line 139)"), text.out());
    }

    /** No shared log lists one table twice; this one is two real sections concatenated (see the windbg tests). */
    @Test
    void completeHandleListingClosesWhatItNoLongerShows() throws IOException {
        List<String> lines = new java.util.ArrayList<>(Files.readAllLines(Path.of(cppLeaks()), StandardCharsets.UTF_8)
                .subList(0, 136));
        lines.addAll(Files.readAllLines(Path.of(handleDocs()), StandardCharsets.UTF_8).subList(3, 23));
        Path file = tmp.resolve("htrace-then-handle.txt");
        Files.write(file, lines, StandardCharsets.UTF_8);
        Run r = run("diff", file.toString(), "--from-snapshot", "1", "--to-snapshot", "2", "--group-by",
                "owning-process,handle", "--format", "json");
        assertEquals(0, r.code(), r.err());
        Map<String, Object> d = obj(r.json());
        assertEquals("handle-listing", obj(d.get("toSnapshot")).get("kind"));
        assertEquals(Set.of(0x4L, 0x8L, 0xcL, 0x10L, 0x14L, 0x5cL), handles(d, "new"));
        assertEquals(Set.of(0x20L, 0x24L, 0x38L, 0x3cL), handles(d, "closed"));
    }

    /** {@code diff A B}: the user-mode listing alone (example 1 of the docs file, lines 4-23) vs the whole file. */
    @Test
    void twoWinDbgFilesOfHandleOutput() throws IOException {
        Path a = tmp.resolve("handle-example1.txt");
        Files.write(a, Files.readAllLines(Path.of(handleDocs()), StandardCharsets.UTF_8).subList(3, 23),
                StandardCharsets.UTF_8);
        Run r = run("diff", a.toString(), handleDocs(), "--group-by", "owning-process,handle", "--format", "json");
        assertEquals(0, r.code(), r.err());
        Map<String, Object> d = obj(r.json());
        assertEquals("handle-example1.txt", d.get("before"));
        assertEquals("handle-examples-docs.txt", d.get("after"));
        assertNull(d.get("fromSnapshot"));
        assertEquals(Set.of(0x4L, 0x8L, 0xcL, 0x10L, 0x14L, 0x5cL), handles(d, "stillOpen"));
        // the kernel tables: Idle's 7 printed entries (0x4..0x10 again, 0x168, 0x16c, 0x174), the Key 0x14, smss's 0x40
        assertEquals(9, count(d, "new"));
        assertEquals(0, count(d, "closed"));
        Map<String, Object> back = obj(run("diff", handleDocs(), a.toString(), "--group-by", "owning-process,handle",
                "--format", "json").json());
        assertEquals(9, count(back, "closed"));
        assertEquals(0, count(back, "new"));
        assertEquals(6, count(back, "stillOpen"));
    }

    @Test
    void badSnapshotOptionsExit2() {
        Run range = run("diff", cppLeaks(), "--from-snapshot", "1", "--to-snapshot", "9");
        assertEquals(2, range.code());
        assertTrue(range.err().contains("--to-snapshot needs a snapshot index 0..4")
                && range.err().contains("#3 !htrace -diff (line 143)"), range.err());
        assertEquals(2, run("diff", cppLeaks(), "--from-snapshot", "3", "--to-snapshot", "1").code());
        assertEquals(2, run("diff", cppLeaks(), "--from-snapshot", "x").code());
        assertEquals(2, run("diff", cppLeaks(), "--from-snapshot", "0", "--to", "5").code(), "times or snapshots");
        assertEquals(2, run("diff", cppLeaks(), handleDocs(), "--from-snapshot", "0").code());
        Run one = run("diff", shared.resolve("seeds/004_f02eea20df4c3f54.txt").toString());
        assertEquals(2, one.code());
        assertTrue(one.err().contains("fewer than two snapshots"), one.err());
    }

    /** A log cut inside the second -diff: the diff is printed, marked partial, exit 3. */
    @Test
    void partialLogIsMarked() throws IOException {
        List<String> lines = Files.readAllLines(Path.of(cppLeaks()), StandardCharsets.UTF_8);
        Path cut = tmp.resolve("cut.txt");
        Files.write(cut, lines.subList(0, 149), StandardCharsets.UTF_8);
        Run r = run("diff", cut.toString(), "--from-snapshot", "0", "--to-snapshot", "1", "--format", "json");
        assertEquals(3, r.code(), r.err());
        Map<String, Object> d = obj(r.json());
        assertEquals(true, d.get("partial"));
        assertNotNull(d.get("partialReason"));
        assertEquals(4, count(d, "new"));
    }
}
