package org.handlelens.ui.tests;

import static org.handlelens.ui.tests.UiTestSupport.page;
import static org.handlelens.ui.tests.UiTestSupport.shared;
import static org.handlelens.ui.tests.UiTestSupport.spin;
import static org.handlelens.ui.tests.UiTestSupport.waitUntil;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.util.concurrent.atomic.AtomicReference;

import org.eclipse.core.runtime.Adapters;
import org.eclipse.jface.viewers.ISelection;
import org.eclipse.jface.viewers.IStructuredSelection;
import org.eclipse.jface.viewers.StructuredSelection;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Event;
import org.eclipse.ui.ISelectionListener;
import org.eclipse.ui.views.properties.IPropertySource;
import org.handlelens.ui.editor.EditorOpener;
import org.handlelens.ui.editor.HandleLensEditor;
import org.handlelens.ui.editor.HandleRef;
import org.handlelens.ui.editor.ProcessesPage;
import org.handlelens.ui.properties.ProcessPropertySource;
import org.handlelens.ui.properties.ReadOnlyPropertySource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The editor's selection follows the active page: a handle on the Handles page, a process on the Processes
 * page, each shown by the Properties view (through IPropertySource).
 */
class PagesSelectionTest {
    @AfterEach
    void closeEditors() {
        page().closeAllEditors(false);
        spin(100);
    }

    @Test
    void propertiesFollowTheActivePage() throws Exception {
        HandleLensEditor editor = (HandleLensEditor) EditorOpener.open(page(),
                shared("seeds/004_f02eea20df4c3f54.txt").toFile());
        assertNotNull(editor);
        waitUntil("handle table", 30_000, () -> editor.handlesPage() != null && editor.handlesPage().isReady());
        AtomicReference<ISelection> seen = new AtomicReference<>();
        ISelectionListener listener = (part, selection) -> {
            if (part == editor) {
                seen.set(selection);
            }
        };
        page().addSelectionListener(listener);
        try {
            // Handles page: a handle row.
            editor.showPage(HandleLensEditor.PAGE_HANDLES);
            var table = editor.handlesPage().viewer();
            table.getTable().setSelection(0);
            Event e = new Event();
            e.item = table.getTable().getItem(0);
            table.getTable().notifyListeners(SWT.Selection, e);
            spin(100);
            Object first = ((IStructuredSelection) editor.getSite().getSelectionProvider().getSelection())
                    .getFirstElement();
            HandleRef ref = assertInstanceOf(HandleRef.class, first);
            ReadOnlyPropertySource handle = assertInstanceOf(ReadOnlyPropertySource.class,
                    Adapters.adapt(ref, IPropertySource.class));
            assertEquals(table.getTable().getItem(0).getText(2), handle.value("Handle Type"));
            assertInstanceOf(HandleRef.class, ((IStructuredSelection) seen.get()).getFirstElement(),
                    "the selection service saw the handle");

            // Processes page: its selection replaces the handle's.
            editor.showPage(HandleLensEditor.PAGE_PROCESSES);
            ProcessesPage processes = editor.processesPage();
            waitUntil("processes counted", 30_000, processes::isReady);
            processes.viewer().setSelection(new StructuredSelection(processes.viewer().getElementAt(0)), true);
            spin(100);
            Object selected = ((IStructuredSelection) seen.get()).getFirstElement();
            ProcessesPage.ProcessRow row = assertInstanceOf(ProcessesPage.ProcessRow.class, selected);
            ProcessPropertySource props = assertInstanceOf(ProcessPropertySource.class,
                    Adapters.adapt(row, IPropertySource.class));
            // seed 004's !process 0 0: System (pid 4) has the most handles (1056) and is listed first
            assertEquals("System", props.value("Image"));
            assertEquals("4 (0x4)", props.value("PID"));
            assertEquals("1,056", props.value("Handle Count (reported)"));

            // Back on the Handles page, the handle is the selection again.
            editor.showPage(HandleLensEditor.PAGE_HANDLES);
            spin(100);
            assertInstanceOf(HandleRef.class, ((IStructuredSelection) seen.get()).getFirstElement());
        } finally {
            page().removeSelectionListener(listener);
        }
    }
}
