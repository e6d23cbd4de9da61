package org.handlelens.ui.editor;

import static org.handlelens.ui.tests.UiTestSupport.page;
import static org.handlelens.ui.tests.UiTestSupport.shared;
import static org.handlelens.ui.tests.UiTestSupport.spin;
import static org.handlelens.ui.tests.UiTestSupport.waitUntil;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.eclipse.jface.viewers.IStructuredSelection;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Event;
import org.eclipse.swt.widgets.Table;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A page first shown by its tab is made in the event-loop turns after the tab switch, not in it (issue #5: the Handles
 * page took 80-250 ms in one turn with 10 M rows), and ends up whole: all columns, laid out, wired to the editor's
 * selection. A getter asked right after the tab switch still returns the whole page.
 */
class EditorPageTurnsTest {
    private static final String LOG = "seeds/004_f02eea20df4c3f54.txt";

    @AfterEach
    void closeEditors() {
        page().closeAllEditors(false);
        spin(100);
    }

    private static HandleLensEditor open() {
        HandleLensEditor editor = (HandleLensEditor) EditorOpener.open(page(), shared(LOG).toFile());
        assertNotNull(editor);
        waitUntil("Overview", 30_000,
                () -> editor.createdOverviewPage() != null && editor.createdOverviewPage().isReady());
        return editor;
    }

    @Test
    void pagesShownByTheirTabsAreMadeInLaterTurns() {
        HandleLensEditor editor = open();
        editor.showPage(HandleLensEditor.PAGE_HANDLES); // what a click on the tab does (pageChange)
        assertFalse(editor.isPageComplete(HandleLensEditor.PAGE_HANDLES), "not made in the tab switch's turn");
        waitUntil("Handles page made", 30_000, () -> editor.isPageComplete(HandleLensEditor.PAGE_HANDLES));
        HandleTablePage handles = editor.handlesPage();
        Table table = handles.viewer().getTable();
        assertEquals(HandleTablePage.COLUMNS.length, table.getColumnCount());
        assertTrue(table.getSize().y > 0, "laid out");
        waitUntil("rows", 30_000, handles::isReady);
        assertTrue(table.getItemCount() > 0);
        // the page's selection is the editor's (Properties view, Create Stack view)
        table.setSelection(0);
        table.notifyListeners(SWT.Selection, new Event());
        assertEquals(1, ((IStructuredSelection) editor.getSite().getSelectionProvider().getSelection()).size());

        editor.showPage(HandleLensEditor.PAGE_GROUPS);
        assertFalse(editor.isPageComplete(HandleLensEditor.PAGE_GROUPS), "not made in the tab switch's turn");
        waitUntil("Groups page made", 30_000, () -> editor.isPageComplete(HandleLensEditor.PAGE_GROUPS));
        GroupsPage groups = editor.groupsPage();
        waitUntil("groups", 30_000, groups::isReady);
        assertEquals(groups.tree().children().size(), groups.viewer().getTree().getItemCount(), "every top group");
        assertTrue(groups.viewer().getTree().getSize().y > 0, "laid out");
    }

    @Test
    void aGetterWhileThePageIsMadeGetsTheWholePage() {
        HandleLensEditor editor = open();
        editor.showPage(HandleLensEditor.PAGE_HANDLES);
        waitUntil("Handles page being made", 30_000, editor::isHandlesPageInTurns); // its columns still to come
        HandleTablePage handles = editor.handlesPage(); // the rest now, as the getter promises
        assertNotNull(handles);
        assertFalse(editor.isHandlesPageInTurns());
        Table table = handles.viewer().getTable();
        assertEquals(HandleTablePage.COLUMNS.length, table.getColumnCount());
        assertTrue(editor.isPageComplete(HandleLensEditor.PAGE_HANDLES));
        assertTrue(table.getSize().y > 0, "laid out");
        waitUntil("rows", 30_000, handles::isReady);
        spin(200); // the page's queued turns find it made: still 11 columns
        assertEquals(HandleTablePage.COLUMNS.length, table.getColumnCount());
        table.setSelection(0);
        table.notifyListeners(SWT.Selection, new Event());
        assertEquals(1, ((IStructuredSelection) editor.getSite().getSelectionProvider().getSelection()).size(),
                "the page's selection is the editor's");
    }

    @Test
    void aGetterRightAfterTheTabSwitchGetsTheWholePage() {
        HandleLensEditor editor = open();
        editor.showPage(HandleLensEditor.PAGE_HANDLES);
        HandleTablePage handles = editor.handlesPage(); // same turn: made now, as the getter promises
        assertNotNull(handles);
        assertEquals(HandleTablePage.COLUMNS.length, handles.viewer().getTable().getColumnCount());
        assertTrue(editor.isPageComplete(HandleLensEditor.PAGE_HANDLES));
        waitUntil("rows", 30_000, handles::isReady);
        spin(200); // the queued turns of the tab switch find the page made
        Table table = handles.viewer().getTable();
        assertEquals(HandleTablePage.COLUMNS.length, table.getColumnCount());
        table.setSelection(0);
        table.notifyListeners(SWT.Selection, new Event());
        assertEquals(1, ((IStructuredSelection) editor.getSite().getSelectionProvider().getSelection()).size(),
                "the page's selection is the editor's");
    }
}
