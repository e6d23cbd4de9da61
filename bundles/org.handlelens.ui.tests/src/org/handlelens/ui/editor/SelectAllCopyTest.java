package org.handlelens.ui.editor;

import static org.handlelens.ui.tests.UiTestSupport.page;
import static org.handlelens.ui.tests.UiTestSupport.shared;
import static org.handlelens.ui.tests.UiTestSupport.spin;
import static org.handlelens.ui.tests.UiTestSupport.waitUntil;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.eclipse.core.runtime.Adapters;
import org.eclipse.jface.viewers.IStructuredSelection;
import org.eclipse.swt.SWT;
import org.eclipse.swt.dnd.Clipboard;
import org.eclipse.swt.dnd.TextTransfer;
import org.eclipse.swt.layout.FillLayout;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Event;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Table;
import org.eclipse.ui.IWorkbenchCommandConstants;
import org.eclipse.ui.handlers.IHandlerService;
import org.eclipse.ui.views.properties.IPropertySource;
import org.handlelens.model.HandleModel;
import org.handlelens.model.query.HandleColumn;
import org.handlelens.ui.properties.ReadOnlyPropertySource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Select All in the Handles table means every row of the current (filtered) result, not only the page in
 * the widget; Copy and Copy as CSV of such a selection run in a Job and put all those rows on the clipboard;
 * the status line and the Properties view say how many rows are selected. Real data: the htrace walkthrough
 * log of ../shared/testdata (7 handles); the table is given 2 rows a page so the result spans pages.
 */
class SelectAllCopyTest {
    private static final String LOG = "testdata/windbg/htrace-user-x86-cppresourceleaks.txt";

    @AfterEach
    void closeEditors() {
        page().closeAllEditors(false);
        spin(100);
    }

    private static HandleLensEditor openLog() {
        HandleLensEditor editor = (HandleLensEditor) EditorOpener.open(page(), shared(LOG).toFile());
        assertNotNull(editor);
        waitUntil("model of " + LOG, 30_000, () -> editor.loadError() != null || editor.model() != null
                && editor.handlesPage() != null && editor.handlesPage().isReady());
        assertNull(editor.loadError());
        return editor;
    }

    @Test
    void selectAllCoversEveryPageOfTheFilteredResult() {
        HandleModel model = openLog().model();
        int pageRows = 2;
        Shell shell = new Shell(Display.getCurrent());
        shell.setLayout(new FillLayout());
        shell.setSize(1200, 400);
        try {
            HandleTablePage table = new HandleTablePage(shell, model, null, pageRows);
            shell.open();
            waitUntil("rows", 10_000, table::isReady);
            int total = table.visibleRowCount();
            assertEquals(model.rowCount(), total);
            assertTrue(total > 2 * pageRows, "the log spans several pages: " + total + " rows");

            table.selectAllRows();
            SelectedRows all = table.selection();
            assertTrue(all.isAll());
            assertEquals(total, all.count(), "all rows of the result, not the page");
            assertEquals(pageRows, table.viewer().getTable().getSelectionCount(), "the page in the widget is selected");
            assertEquals(String.format("%,d rows selected", total), table.selectionSummary());
            for (int i = 0; i < total; i++) {
                assertEquals(table.modelRow(i), all.row(i), "display order, position " + i);
            }
            // the site sees one element for the whole selection; the Properties view counts it
            Object element = ((IStructuredSelection) table.selectionProvider().getSelection()).getFirstElement();
            ReadOnlyPropertySource props = assertInstanceOf(ReadOnlyPropertySource.class,
                    Adapters.adapt(element, IPropertySource.class));
            assertEquals(String.format("%,d rows selected", total), props.value("Selected"));
            assertEquals(table.modelRow(0), Adapters.adapt(element, HandleRef.class).row(), "stack views: first row");

            // the next page is selected too, and the selection is still every row
            table.showNextPage();
            assertTrue(table.allRowsSelected());
            assertEquals(table.viewer().getTable().getItemCount(), table.viewer().getTable().getSelectionCount());
            assertEquals(total, table.selection().count());

            // the text of the selection: a header and one line per row of every page, in display order
            String[] lines = table.selectionAsText().split("\n");
            assertEquals(total + 1, lines.length);
            assertTrue(lines[0].startsWith("Closing Process\tOwning Process\tHandle Type"), lines[0]);
            int last = table.modelRow(total - 1);
            assertEquals(HandleColumn.HANDLE.label(model, HandleColumn.HANDLE.code(model, last)),
                    lines[total].split("\t", -1)[5], "the last row of the last page");

            // a filter makes a new result: select-all ends, and selecting all again counts the filtered rows
            table.outstandingOnlyButton().setSelection(true);
            table.outstandingOnlyButton().notifyListeners(SWT.Selection, new Event());
            waitUntil("outstanding only", 10_000, () -> table.isReady() && table.visibleRowCount() < total);
            assertFalse(table.allRowsSelected());
            assertNull(table.selection(), "a new result clears the selection of all rows");
            int outstanding = table.visibleRowCount();
            assertTrue(outstanding > 0, "the walkthrough leaks handles");
            table.selectAllRows();
            assertEquals(outstanding, table.selection().count());

            // a click on one row replaces the selection of all rows
            Table widget = table.viewer().getTable();
            widget.setSelection(0);
            widget.notifyListeners(SWT.Selection, new Event());
            assertFalse(table.allRowsSelected());
            assertEquals(1, table.selection().count());
            assertInstanceOf(HandleRef.class,
                    ((IStructuredSelection) table.selectionProvider().getSelection()).getFirstElement());
            assertEquals("1 row selected", table.selectionSummary());
        } finally {
            shell.dispose();
        }
    }

    @Test
    void editorSelectAllAndCopyAsCsvTakeAllRows() throws Exception {
        HandleLensEditor editor = openLog();
        editor.showPage(HandleLensEditor.PAGE_HANDLES);
        HandleTablePage handles = editor.handlesPage();
        int total = handles.visibleRowCount();
        handles.viewer().getTable().setFocus();
        spin(100);
        IHandlerService commands = editor.getSite().getService(IHandlerService.class);
        commands.executeCommand(IWorkbenchCommandConstants.EDIT_SELECT_ALL, null);
        spin(100);
        assertTrue(handles.allRowsSelected());
        String selected = String.format("%,d rows selected", total);
        assertEquals(selected, editor.statusMessage(), "status line");
        Object element = ((IStructuredSelection) editor.getSite().getSelectionProvider().getSelection()).getFirstElement();
        SelectedRows rows = assertInstanceOf(SelectedRows.class, element, "the site's selection is all rows");
        assertEquals(total, rows.count());
        assertEquals(selected, ((ReadOnlyPropertySource) Adapters.adapt(element, IPropertySource.class)).value("Selected"));
        page().showView(org.eclipse.ui.IPageLayout.ID_PROP_SHEET); // it shows the row count

        page().activate(editor);
        org.handlelens.ui.tests.UiTestSupport.screenshot("36-select-all-rows");
        assertTrue(handles.allRowsSelected(), "showing the view kept the selection");

        Display display = Display.getCurrent();
        Clipboard clipboard = new Clipboard(display);
        try {
            clipboard.setContents(new Object[] { "before" }, new org.eclipse.swt.dnd.Transfer[] { TextTransfer.getInstance() });
            CopyRowsJob job = editor.copySelectedRows(RowsText.Format.CSV);
            assertNotNull(job, "copied in a Job");
            waitUntil("copy job", 30_000, () -> job.getResult() != null
                    && !"before".equals(clipboard.getContents(TextTransfer.getInstance())));
            assertTrue(job.getResult().isOK());
            String text = (String) clipboard.getContents(TextTransfer.getInstance());
            String[] lines = text.split("\n");
            assertEquals(total + 1, lines.length, "header and every row");
            assertTrue(lines[0].startsWith("Closing Process,Owning Process,Handle Type,Creating Process,Create Stack,"),
                    lines[0]);
            HandleModel model = editor.model();
            for (int i = 0; i < total; i++) {
                int row = handles.modelRow(i);
                String handle = HandleColumn.HANDLE.label(model, HandleColumn.HANDLE.code(model, row));
                assertTrue(lines[i + 1].contains("," + handle + ","), "line " + (i + 1) + " is row " + row + ": " + lines[i + 1]);
            }
        } finally {
            clipboard.dispose();
        }
        assertTrue(RowsText.fitsClipboard(RowsText.MAX_CLIPBOARD_ROWS));
        assertFalse(RowsText.fitsClipboard(RowsText.MAX_CLIPBOARD_ROWS + 1L), "larger selections are offered Export");
    }
}
