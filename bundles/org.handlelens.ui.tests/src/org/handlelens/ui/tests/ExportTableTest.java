package org.handlelens.ui.tests;

import static org.handlelens.ui.tests.UiTestSupport.page;
import static org.handlelens.ui.tests.UiTestSupport.shared;
import static org.handlelens.ui.tests.UiTestSupport.spin;
import static org.handlelens.ui.tests.UiTestSupport.waitUntil;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.eclipse.core.commands.Command;
import org.eclipse.core.runtime.IStatus;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Event;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.TableColumn;
import org.eclipse.ui.PlatformUI;
import org.eclipse.ui.commands.ICommandService;
import org.handlelens.ui.editor.EditorOpener;
import org.handlelens.ui.editor.HandleLensEditor;
import org.handlelens.ui.editor.HandleTablePage;
import org.handlelens.ui.export.ExportTableHandler;
import org.handlelens.ui.export.ExportTableJob;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** File > Export Table on a real WinDbg log: the file holds the rows as the table shows them. */
class ExportTableTest {
    private final Path tmp;

    ExportTableTest() throws java.io.IOException {
        tmp = Files.createTempDirectory("hl-export");
    }

    @AfterEach
    void closeEditors() throws java.io.IOException {
        page().closeAllEditors(false);
        spin(100);
        try (var files = Files.list(tmp)) {
            for (Path f : files.toList()) {
                Files.delete(f);
            }
        }
        Files.delete(tmp);
    }

    @Test
    void exportsTheShownRowsInTheShownOrder() throws Exception {
        HandleLensEditor editor = (HandleLensEditor) EditorOpener.open(page(),
                shared("seeds/004_f02eea20df4c3f54.txt").toFile());
        assertNotNull(editor);
        waitUntil("handle table", 30_000, () -> editor.handlesPage() != null && editor.handlesPage().isReady());
        HandleTablePage handles = editor.handlesPage();
        Table table = handles.viewer().getTable();

        ICommandService commands = PlatformUI.getWorkbench().getService(ICommandService.class);
        Command command = commands.getCommand(ExportTableHandler.COMMAND_ID);
        assertTrue(command.isDefined(), "Export Table command contributed");
        assertTrue(command.isEnabled(), "enabled while the handle editor is active");

        // Sort by Handle Type descending (click the header twice), as a user would.
        TableColumn typeColumn = table.getColumn(2);
        assertEquals("Handle Type", typeColumn.getText());
        typeColumn.notifyListeners(SWT.Selection, new Event());
        waitUntil("sorted", 10_000, handles::isReady);
        typeColumn.notifyListeners(SWT.Selection, new Event());
        waitUntil("sorted descending", 10_000, handles::isReady);
        spin(100);
        List<String> shownTypes = new ArrayList<>();
        for (int i = 0; i < table.getItemCount(); i++) {
            shownTypes.add(table.getItem(i).getText(2));
        }
        assertEquals(3, shownTypes.size());

        Path csv = tmp.resolve("seed-handles.csv");
        List<String[]> rows = export(editor, csv);
        assertEquals(List.of("process", "processImage", "handle", "object", "type", "name", "grantedAccess",
                "creatingProcess", "closingProcess", "createTime", "closeTime", "createStack"), List.of(rows.get(0)));
        List<String> exportedTypes = new ArrayList<>();
        for (String[] r : rows.subList(1, rows.size())) {
            exportedTypes.add(r[4]);
            assertEquals("smss.exe", r[1]);
        }
        assertEquals(shownTypes, exportedTypes, "same rows in the same order as the table");

        // A filter narrows the export too.
        handles.filterText().setText("port");
        waitUntil("filtered rows", 10_000, () -> handles.isReady() && handles.visibleRowCount() == 1);
        Path json = tmp.resolve("port.json");
        String text = exportText(editor, json);
        assertTrue(text.startsWith("[{\"process\":"), text);
        assertTrue(text.contains("\"type\":\"Port\""), text);
        assertEquals(1, text.split("\"type\":").length - 1, "one handle exported");
    }

    private static String exportText(HandleLensEditor editor, Path target) throws Exception {
        ExportTableJob job = ExportTableJob.of(editor, target);
        assertNotNull(job);
        job.schedule();
        waitUntil("export job", 20_000, () -> job.getResult() != null);
        assertEquals(IStatus.OK, job.getResult().getSeverity(), String.valueOf(job.getResult()));
        return Files.readString(target);
    }

    /** CSV rows split on commas (the seed's values hold no commas or quotes in these columns). */
    private static List<String[]> export(HandleLensEditor editor, Path target) throws Exception {
        List<String[]> rows = new ArrayList<>();
        for (String line : exportText(editor, target).split("\r\n")) {
            rows.add(line.split(",", -1));
        }
        return rows;
    }
}
