package org.handlelens.ui.tests;

import static org.handlelens.ui.tests.UiTestSupport.page;
import static org.handlelens.ui.tests.UiTestSupport.shared;
import static org.handlelens.ui.tests.UiTestSupport.spin;
import static org.handlelens.ui.tests.UiTestSupport.waitUntil;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.ArrayList;
import java.util.List;

import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Event;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.Tree;
import org.eclipse.swt.widgets.TreeItem;
import org.eclipse.ui.IPageLayout;
import org.eclipse.ui.actions.ActionFactory;
import org.eclipse.ui.part.IPageSite;
import org.eclipse.ui.views.properties.PropertySheet;
import org.handlelens.ui.editor.EditorOpener;
import org.handlelens.ui.editor.HandleLensEditor;
import org.handlelens.ui.properties.DeferredPropertySheetPage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The Properties view's page for a HandleLens editor: created one event-loop turn after the editor is activated
 * (not inside the opening turn), and then showing the selected handle with the standard page's actions.
 */
class PropertiesViewTest {

    @AfterEach
    void closeEditors() {
        page().closeAllEditors(false);
        spin(100);
    }

    @Test
    void selectedHandleIsShownByThePageCreatedAfterTheOpeningTurn() throws Exception {
        PropertySheet sheet = (PropertySheet) page().showView(IPageLayout.ID_PROP_SHEET);
        HandleLensEditor editor = (HandleLensEditor) EditorOpener.open(page(), shared("seeds/004_f02eea20df4c3f54.txt")
                .toFile());
        // still the opening turn: the view has this editor's page, without the standard page's widgets yet
        DeferredPropertySheetPage deferred = assertInstanceOf(DeferredPropertySheetPage.class, sheet.getCurrentPage());
        assertNull(deferred.page(), "the standard page is created in a later turn");
        waitUntil("handles", 30_000, () -> editor.handlesPage() != null && editor.handlesPage().isReady());
        assertNotNull(deferred.page(), "created once the loop ran");

        editor.showPage(HandleLensEditor.PAGE_HANDLES);
        Table table = editor.handlesPage().viewer().getTable();
        int row = -1;
        for (int i = 0; i < table.getItemCount(); i++) {
            if ("KeyedEvent".equals(table.getItem(i).getText(2))) {
                row = i;
            }
        }
        table.setSelection(row);
        table.notifyListeners(SWT.Selection, new Event());
        Tree tree = (Tree) deferred.page().getControl();
        waitUntil("the handle's properties", 10_000, () -> texts(tree).contains("CritSecOutOfMemoryEvent")
                && texts(tree).contains("smss.exe (1276)"));
        // the standard page's contributions went to the page's site: Copy in the Properties view copies a property
        IPageSite site = deferred.getSite();
        assertNotNull(site.getActionBars().getGlobalActionHandler(ActionFactory.COPY.getId()));
        UiTestSupport.screenshot("properties-view-handle");
    }

    private static List<String> texts(Tree tree) {
        List<String> out = new ArrayList<>();
        for (TreeItem item : tree.getItems()) {
            collect(item, out);
        }
        return out;
    }

    private static void collect(TreeItem item, List<String> out) {
        out.add(item.getText(0));
        out.add(item.getText(1));
        for (TreeItem child : item.getItems()) {
            collect(child, out);
        }
    }
}
