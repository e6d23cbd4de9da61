package org.handlelens.ui.tests;

import static org.handlelens.ui.tests.UiTestSupport.page;
import static org.handlelens.ui.tests.UiTestSupport.screenshot;
import static org.handlelens.ui.tests.UiTestSupport.shared;
import static org.handlelens.ui.tests.UiTestSupport.spin;
import static org.handlelens.ui.tests.UiTestSupport.waitUntil;
import static org.handlelens.ui.tests.UiTestSupport.window;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import org.eclipse.jface.viewers.IStructuredSelection;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Event;
import org.eclipse.swt.widgets.Table;
import org.eclipse.ui.IEditorPart;
import org.handlelens.etw.writer.SampleTraces;
import org.handlelens.model.HandleModel;
import org.handlelens.model.analysis.ObjectView;
import org.handlelens.ui.editor.EditorOpener;
import org.handlelens.ui.editor.HandleLensEditor;
import org.handlelens.ui.editor.HandleRef;
import org.handlelens.ui.editor.HandleTablePage;
import org.handlelens.ui.editor.ObjectsPage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The Objects page on real WinDbg {@code !handle} output (object addresses and names, no times) and on an ETL
 * trace written with the kernel's handle payloads and read by the real importer (a Section created in a.exe and
 * duplicated into b.exe): its rows are those of an independent {@link ObjectView#search}, the lower table tells
 * the selected object's handle story, and a double-click shows those handles in the Handles page.
 */
class ObjectsPageTest {
    private static final long SECTION_OBJECT = SampleTraces.SECTION_OBJECT;
    private static final long EVENT_OBJECT = SampleTraces.EVENT_OBJECT;
    private static final String SECTION_NAME = SampleTraces.SECTION_NAME;
    private static final long MS = 1_000_000L;

    private Path tmp;

    @BeforeEach
    void createFolder() throws IOException {
        tmp = Files.createTempDirectory("handlelens-objects");
    }

    @AfterEach
    void cleanUp() throws IOException {
        page().closeAllEditors(false);
        spin(100);
        try (var walk = Files.walk(tmp)) {
            walk.sorted((a, b) -> b.getNameCount() - a.getNameCount()).forEach(p -> p.toFile().delete());
        }
    }

    /** The scenario of {@link SampleTraces#sharedSection}, written into the temporary folder. */
    private Path sharedSectionTrace() throws IOException {
        return SampleTraces.sharedSection(tmp.resolve("shared-section.etl"));
    }

    private static HandleLensEditor open(Path file) {
        IEditorPart part = EditorOpener.open(page(), file.toFile());
        assertNotNull(part, "editor opened");
        HandleLensEditor editor = (HandleLensEditor) part;
        waitUntil("model of " + file, 30_000,
                () -> editor.loadError() != null || (editor.handlesPage() != null && editor.handlesPage().isReady()));
        assertNull(editor.loadError(), editor.loadError());
        return editor;
    }

    private static ObjectsPage showObjects(HandleLensEditor editor) {
        editor.showPage(HandleLensEditor.PAGE_OBJECTS);
        assertEquals(HandleLensEditor.PAGE_OBJECTS, editor.getActivePage());
        ObjectsPage objects = editor.objectsPage();
        assertNotNull(objects);
        assertTrue(objects.objectsViewer().getTable().isVisible(), "the Objects page is the one shown");
        waitUntil("objects", 20_000, objects::isReady);
        return objects;
    }

    private static List<Long> addresses(List<ObjectView.ObjectHistory> objects) {
        return objects.stream().map(ObjectView.ObjectHistory::objectAddress).toList();
    }

    /** The upper table's cells of column {@code c}. */
    private static List<String> column(Table t, int c) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < t.getItemCount(); i++) {
            out.add(t.getItem(i).getText(c));
        }
        return out;
    }

    private static void search(ObjectsPage objects, ObjectView.Found[] expected, HandleModel m,
            ObjectView.ObjectFilter filter) {
        expected[0] = ObjectView.search(m, filter, ObjectsPage.LIMIT);
        objects.searchButton().notifyListeners(SWT.Selection, new Event());
        waitUntil("search " + filter, 20_000, objects::isReady);
        assertEquals(addresses(expected[0].objects()), addresses(objects.objects()), "rows of ObjectView.search");
        assertEquals(ObjectsPage.countText(expected[0]), objects.countLabelText());
        assertEquals(expected[0].objects().stream().map(o -> "0x" + Long.toHexString(o.objectAddress())).toList(),
                column(objects.objectsViewer().getTable(), 0), "the table shows them in that order");
    }

    @Test
    void windbgObjectsByTypeAndName() throws Exception {
        window();
        HandleLensEditor editor = open(shared("testdata/windbg/handle-examples-docs.txt"));
        HandleModel m = editor.model();
        ObjectsPage objects = showObjects(editor);
        ObjectView.Found all = ObjectView.search(m, ObjectView.ObjectFilter.ALL, ObjectsPage.LIMIT);
        assertTrue(all.matchCount() > 5, "the kernel examples list objects: " + all.matchCount());
        assertEquals(addresses(all.objects()), addresses(objects.objects()));
        assertEquals(all.matchCount() + " objects", objects.countLabelText());
        assertFalse(objects.minLifetimeText().isEnabled(), "a snapshot has no lifetimes to filter by");
        assertTrue(objects.minLifetimeText().getToolTipText().contains("no times"));

        // the type combo lists the objects' types; a named object gives the type and a name glob to filter by
        ObjectView.ObjectHistory named = all.objects().stream().filter(o -> o.name() != null && !o.type().isEmpty())
                .findFirst().orElse(null);
        assertNotNull(named, "the docs examples name an object");
        waitUntil("types", 10_000, () -> objects.typeCombo().indexOf(named.type()) > 0);
        Set<String> types = all.objects().stream().map(ObjectView.ObjectHistory::type).filter(t -> !t.isEmpty())
                .collect(Collectors.toCollection(() -> new TreeSet<>(String.CASE_INSENSITIVE_ORDER)));
        assertEquals(new ArrayList<>(types),
                Arrays.asList(objects.typeCombo().getItems()).subList(1, objects.typeCombo().getItemCount()));
        ObjectView.Found[] expected = new ObjectView.Found[1];
        objects.typeCombo().select(objects.typeCombo().indexOf(named.type()));
        search(objects, expected, m, ObjectView.ObjectFilter.ALL.withType(named.type()));
        assertTrue(expected[0].matchCount() < all.matchCount(), "the type narrows the list");
        assertTrue(column(objects.objectsViewer().getTable(), 1).stream().allMatch(named.type()::equals));
        String part = named.name().substring(named.name().lastIndexOf('\\') + 1);
        String glob = "*" + part.toLowerCase(java.util.Locale.ROOT) + "*";
        objects.nameText().setText(glob);
        search(objects, expected, m, ObjectView.ObjectFilter.ALL.withType(named.type()).withName(glob));
        assertTrue(addresses(objects.objects()).contains(named.objectAddress()), "the named object is found");
        // Enter in the name field searches too; a regex works as on the command line
        objects.nameText().setText("re:.*" + java.util.regex.Pattern.quote(part) + "$");
        objects.nameText().notifyListeners(SWT.DefaultSelection, new Event());
        waitUntil("regex search", 20_000, objects::isReady);
        assertEquals(addresses(ObjectView.search(m, ObjectView.ObjectFilter.ALL.withType(named.type())
                .withName("re:.*" + java.util.regex.Pattern.quote(part) + "$"), ObjectsPage.LIMIT).objects()),
                addresses(objects.objects()));
        objects.nameText().setText("re:(");
        objects.searchButton().notifyListeners(SWT.Selection, new Event());
        assertTrue(objects.countLabelText().contains("invalid regular expression"), objects.countLabelText());

        // the lower table: WinDbg lists handles; their origin is "listed" or "pre-existing"
        objects.nameText().setText("");
        objects.typeCombo().select(0);
        search(objects, expected, m, ObjectView.ObjectFilter.ALL);
        assertTrue(objects.selectObject(named.objectAddress()));
        screenshot("41-objects-windbg");
        Table lower = objects.handlesViewer().getTable();
        assertEquals(named.handles().size(), lower.getItemCount());
        for (int i = 0; i < lower.getItemCount(); i++) {
            assertTrue(Set.of("listed", "pre-existing").contains(lower.getItem(i).getText(2)),
                    lower.getItem(i).getText(2));
        }
    }

    @Test
    void sharedSectionStoryAndDoubleClickToHandles() throws Exception {
        window();
        HandleLensEditor editor = open(sharedSectionTrace());
        HandleModel m = editor.model();
        ObjectsPage objects = showObjects(editor);
        assertEquals(List.of(SECTION_OBJECT, EVENT_OBJECT), addresses(objects.objects()), "longest lifetime first");
        assertEquals("2 objects", objects.countLabelText());
        assertTrue(objects.minLifetimeText().isEnabled(), "a trace has times");
        Table upper = objects.objectsViewer().getTable();
        assertEquals(List.of("Section", "Event"), column(upper, 1));
        assertEquals(SECTION_NAME, upper.getItem(0).getText(2));
        assertEquals("2", upper.getItem(0).getText(3), "handles");
        assertEquals("1", upper.getItem(0).getText(4), "open at end");
        assertEquals("2", upper.getItem(0).getText(5), "processes");
        assertEquals("a.exe (100), b.exe (200)", upper.getItem(0).getText(9));
        assertEquals("0.003000000", upper.getItem(0).getText(6), "first create");
        assertEquals("open at the end", upper.getItem(0).getText(7));
        assertEquals("0.018000", upper.getItem(0).getText(8), "3 ms to the trace end at 21 ms");

        ObjectView.Found[] expected = new ObjectView.Found[1];
        objects.minProcessesSpinner().setSelection(2);
        search(objects, expected, m, ObjectView.ObjectFilter.ALL.withMinProcesses(2));
        assertEquals(List.of(SECTION_OBJECT), addresses(objects.objects()), "only the Section is shared");
        objects.minProcessesSpinner().setSelection(1);
        objects.minLifetimeText().setText("0.01");
        search(objects, expected, m, ObjectView.ObjectFilter.ALL.withMinLifetime(10 * MS));
        assertEquals(List.of(SECTION_OBJECT), addresses(objects.objects()), "the Event lived 1 ms");
        objects.minLifetimeText().setText("x");
        objects.searchButton().notifyListeners(SWT.Selection, new Event());
        assertTrue(objects.countLabelText().startsWith("Open longer than needs seconds"), objects.countLabelText());
        objects.minLifetimeText().setText("");
        search(objects, expected, m, ObjectView.ObjectFilter.ALL);

        // the Section's story: created in a.exe, duplicated into b.exe (closed there at 9 ms)
        assertTrue(objects.selectObject(SECTION_OBJECT));
        Table lower = objects.handlesViewer().getTable();
        assertEquals(2, lower.getItemCount());
        assertEquals("a.exe (100)", lower.getItem(0).getText(0));
        assertEquals("0x40", lower.getItem(0).getText(1));
        assertEquals("create", lower.getItem(0).getText(2));
        assertEquals("", lower.getItem(0).getText(3));
        assertEquals("0.003000000", lower.getItem(0).getText(4), "create time");
        assertEquals("", lower.getItem(0).getText(5), "still open");
        assertEquals("yes", lower.getItem(0).getText(6));
        assertEquals("a.exe (100)", lower.getItem(0).getText(7), "creating process");
        assertEquals("Unknown", lower.getItem(0).getText(8), "closing process: open at the end");
        assertEquals("b.exe (200)", lower.getItem(1).getText(0));
        assertEquals("0x88", lower.getItem(1).getText(1));
        assertEquals("duplicate", lower.getItem(1).getText(2));
        assertEquals("a.exe (100) 0x40", lower.getItem(1).getText(3));
        assertEquals("0.004000000", lower.getItem(1).getText(4));
        assertEquals("0.009000000", lower.getItem(1).getText(5), "closed by b.exe at 9 ms");
        assertEquals("", lower.getItem(1).getText(6));
        assertEquals("a.exe (100)", lower.getItem(1).getText(7), "a.exe made the duplicate");
        assertEquals("b.exe (200)", lower.getItem(1).getText(8));

        // its selection is a HandleRef, forwarded to the editor site (Properties, Create Stack views)
        lower.setSelection(1);
        lower.notifyListeners(SWT.Selection, new Event());
        Object first = ((IStructuredSelection) editor.getSite().getSelectionProvider().getSelection()).getFirstElement();
        HandleRef ref = assertInstanceOf(HandleRef.class, first);
        assertEquals(0x88, m.handleValue(ref.row()));
        assertEquals(SECTION_OBJECT, m.objectAddress(ref.row()));
        page().showView(org.eclipse.ui.IPageLayout.ID_PROP_SHEET);
        page().activate(editor);
        window().getShell().getDisplay().setCursorLocation(5, 5);
        screenshot("40-objects");

        // double-click: the Handles page restricted to the object's handles
        Event dbl = new Event();
        dbl.item = lower.getItem(1);
        lower.notifyListeners(SWT.DefaultSelection, dbl);
        HandleTablePage handles = editor.handlesPage();
        assertEquals(HandleLensEditor.PAGE_HANDLES, editor.getActivePage());
        waitUntil("object's handles", 20_000, () -> handles.isReady() && handles.visibleRowCount() == 2);
        Set<Integer> shown = new TreeSet<>();
        for (int i = 0; i < handles.visibleRowCount(); i++) {
            shown.add(handles.modelRow(i));
        }
        Set<Integer> ofObject = new TreeSet<>();
        for (int row = 0; row < m.rowCount(); row++) {
            if (m.objectAddress(row) == SECTION_OBJECT) {
                ofObject.add(row);
            }
        }
        assertEquals(ofObject, shown);
    }
}
