package org.handlelens.ui.tests;

import static org.handlelens.ui.tests.UiTestSupport.page;
import static org.handlelens.ui.tests.UiTestSupport.shared;
import static org.handlelens.ui.tests.UiTestSupport.spin;
import static org.handlelens.ui.tests.UiTestSupport.waitUntil;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import org.eclipse.jface.viewers.ITreeSelection;
import org.eclipse.jface.viewers.StructuredSelection;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Event;
import org.eclipse.swt.widgets.Tree;
import org.handlelens.model.HandleModel;
import org.handlelens.model.StackTrace;
import org.handlelens.model.query.GroupTree;
import org.handlelens.model.query.StackTree;
import org.handlelens.ui.editor.EditorOpener;
import org.handlelens.ui.editor.GroupsPage;
import org.handlelens.ui.editor.HandleLensEditor;
import org.handlelens.ui.editor.HandleTablePage;
import org.handlelens.ui.editor.StacksPage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Double-click (or Enter) on a group or a call-tree frame shows exactly those handles in the Handles page,
 * on real user-mode {@code !htrace} output.
 */
class OpenRowsFromTreesTest {
    private static final String HTRACE = "testdata/windbg/htrace-user-x86-cppresourceleaks.txt";

    @AfterEach
    void closeEditors() {
        page().closeAllEditors(false);
        spin(100);
    }

    private static void doubleClick(Tree tree) {
        Event e = new Event();
        e.item = tree.getSelection()[0];
        tree.notifyListeners(SWT.DefaultSelection, e);
    }

    private static Set<Integer> shownRows(HandleTablePage handles) {
        Set<Integer> rows = new TreeSet<>();
        for (int i = 0; i < handles.visibleRowCount(); i++) {
            rows.add(handles.modelRow(i));
        }
        return rows;
    }

    @Test
    void groupsAndFramesOpenTheirHandles() throws Exception {
        HandleLensEditor editor = (HandleLensEditor) EditorOpener.open(page(), shared(HTRACE).toFile());
        assertNotNull(editor);
        waitUntil("handle table", 30_000, () -> editor.handlesPage() != null && editor.handlesPage().isReady());
        HandleModel model = editor.model();
        HandleTablePage handles = editor.handlesPage();

        // Groups page (Owning Process > Handle Type ..., outstanding only): the first type group of the process.
        editor.showPage(HandleLensEditor.PAGE_GROUPS);
        GroupsPage groups = editor.groupsPage();
        waitUntil("groups", 10_000, groups::isReady);
        GroupTree.Node process = groups.tree().children().get(0);
        GroupTree.Node type = process.children().get(0);
        groups.viewer().expandToLevel(process, 1);
        groups.viewer().setSelection(new StructuredSelection(type), true);
        doubleClick(groups.viewer().getTree());
        waitUntil("handles of the group", 10_000,
                () -> editor.getActivePage() == HandleLensEditor.PAGE_HANDLES && handles.isReady()
                        && handles.visibleRowCount() == type.count());
        Set<Integer> expected = new TreeSet<>();
        GroupTree.rowsOf(type).stream().forEach(expected::add);
        assertEquals(expected, shownRows(handles));
        for (int row : shownRows(handles)) {
            assertEquals(type.key().label(), model.typeName(row), "every row has the group's type");
            assertTrue(model.isOutstanding(row));
        }

        // A grouping typed into the group-by box (any order of columns), as WPA's column drag would make it.
        editor.showPage(HandleLensEditor.PAGE_GROUPS);
        groups.groupBy("Handle Type > Owning Process > Create Stack");
        waitUntil("typed grouping", 10_000, () -> groups.isReady() && groups.tree().children().get(0).key().column()
                == org.handlelens.model.query.HandleColumn.TYPE);
        GroupTree.Node expectedTree = GroupTree.build(model,
                org.handlelens.model.query.HandleFilter.ALL.withOutstandingOnly(true).select(model),
                List.of(org.handlelens.model.query.HandleColumn.TYPE,
                        org.handlelens.model.query.HandleColumn.OWNING_PROCESS,
                        org.handlelens.model.query.HandleColumn.CREATE_STACK));
        assertEquals(expectedTree.children().stream().map(n -> n.key().label() + "=" + n.count()).toList(),
                groups.tree().children().stream().map(n -> n.key().label() + "=" + n.count()).toList());
        groups.groupBy("Handle Type > Colour");
        assertTrue(groups.totalsText().contains("unknown group-by column 'Colour'"), groups.totalsText());

        // Stacks page: the heaviest path is selected on arrival; its innermost selected frame's handles.
        editor.showPage(HandleLensEditor.PAGE_STACKS);
        StacksPage stacks = editor.stacksPage();
        waitUntil("call tree", 10_000, stacks::isReady);
        spin(100);
        ITreeSelection sel = (ITreeSelection) stacks.viewer().getSelection();
        assertEquals(1, sel.getPaths().length, "heaviest path selected");
        var path = sel.getPaths()[0];
        List<String> frames = new ArrayList<>();
        for (int i = 0; i < path.getSegmentCount(); i++) {
            frames.add(((StackTree.Node) path.getSegment(i)).frame());
        }
        StackTree.Node node = (StackTree.Node) path.getLastSegment();
        doubleClick(stacks.viewer().getTree());
        waitUntil("handles through the frame", 10_000,
                () -> editor.getActivePage() == HandleLensEditor.PAGE_HANDLES && handles.isReady()
                        && handles.visibleRowCount() == node.count());
        // Independent check: each shown handle's create stack, read outermost first, starts with the path.
        for (int row : shownRows(handles)) {
            StackTrace s = model.stack(model.createStackId(row));
            assertNotNull(s);
            String[] texts = s.frameTexts();
            for (int k = 0; k < frames.size(); k++) {
                assertEquals(frames.get(k), texts[texts.length - 1 - k], "frame " + k + " of row " + row);
            }
            assertTrue(model.isOutstanding(row));
        }
    }
}
