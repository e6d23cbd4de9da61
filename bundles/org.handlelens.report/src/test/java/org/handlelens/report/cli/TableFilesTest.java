package org.handlelens.report.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.handlelens.model.HandleModel;
import org.handlelens.model.ProgressMonitor;
import org.handlelens.model.query.RowSelection;
import org.handlelens.report.render.CsvRenderer;
import org.handlelens.report.render.TableFiles;
import org.handlelens.report.render.TableResult;
import org.handlelens.report.tables.HandleTables;
import org.handlelens.windbg.WinDbgModelSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Table export to files (the workbench's Export Table and the report's CSVs) on a real WinDbg log. */
class TableFilesTest {
    @TempDir
    Path tmp;

    private static HandleModel seed004() throws Exception {
        String shared = System.getProperty("handlelens.shared");
        assertNotNull(shared, "system property handlelens.shared is not set (path of the shared folder)");
        return new WinDbgModelSource().load(Paths.get(shared, "seeds/004_f02eea20df4c3f54.txt"), ProgressMonitor.NULL);
    }

    @Test
    void csvFileHasTheRendererBytesAndReportsProgress() throws Exception {
        HandleModel m = seed004();
        TableResult table = HandleTables.handles(m, RowSelection.all(m), null, true);
        Path out = tmp.resolve("handles.csv");
        List<Integer> progress = new ArrayList<>();
        TableFiles.write(table, TableFiles.Format.forFileName(out.toString()), out, progress::add);

        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        CsvRenderer.render(table, new PrintStream(expected, true, StandardCharsets.UTF_8));
        assertEquals(expected.toString(StandardCharsets.UTF_8), Files.readString(out));
        // seed 004: smss.exe's three handles (File, KeyedEvent, Port) under one header line
        String[] lines = Files.readString(out).split("\r\n");
        assertEquals(4, lines.length);
        assertTrue(lines[0].startsWith("process,processImage,handle,object,type,"), lines[0]);
        assertEquals(List.of(3), progress);
        assertEquals(List.of(out), list(tmp), "no temporary file left");
    }

    @Test
    void jsonFileIsAnArrayOfTheContractObjects() throws Exception {
        HandleModel m = seed004();
        Path out = tmp.resolve("handles.json");
        TableFiles.write(HandleTables.handles(m, RowSelection.all(m), null, true), TableFiles.Format.JSON, out, n -> { });
        Object json = JsonTree.parse(Files.readString(out));
        List<?> rows = (List<?>) json;
        assertEquals(3, rows.size());
        List<Object> types = new ArrayList<>();
        for (Object r : rows) {
            types.add(((java.util.Map<?, ?>) r).get("type"));
        }
        types.sort(null);
        assertEquals(List.of("File", "KeyedEvent", "Port"), types);
    }

    @Test
    void cancelledWriteKeepsTheOlderFileAndLeavesNoTemporary() throws Exception {
        HandleModel m = seed004();
        Path out = tmp.resolve("handles.csv");
        Files.writeString(out, "older export");
        TableResult table = HandleTables.handles(m, RowSelection.all(m), null, true);
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> TableFiles.write(table, TableFiles.Format.CSV, out, n -> {
                    throw new IllegalStateException("cancelled");
                }));
        assertEquals("cancelled", e.getMessage());
        assertEquals("older export", Files.readString(out));
        assertEquals(List.of(out), list(tmp));
    }

    @Test
    void unwritableTargetFailsWithIOException() throws Exception {
        HandleModel m = seed004();
        Path blocker = tmp.resolve("file");
        Files.writeString(blocker, "x");
        Path out = blocker.resolve("handles.csv");
        assertThrows(IOException.class, () -> TableFiles.write(
                HandleTables.handles(m, RowSelection.all(m), null, true), TableFiles.Format.CSV, out, n -> { }));
        assertFalse(Files.exists(out));
    }

    private static List<Path> list(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.toList();
        }
    }
}
