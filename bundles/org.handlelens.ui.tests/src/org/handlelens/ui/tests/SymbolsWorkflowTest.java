package org.handlelens.ui.tests;

import static org.handlelens.ui.tests.UiTestSupport.page;
import static org.handlelens.ui.tests.UiTestSupport.screenshot;
import static org.handlelens.ui.tests.UiTestSupport.shared;
import static org.handlelens.ui.tests.UiTestSupport.spin;
import static org.handlelens.ui.tests.UiTestSupport.waitUntil;
import static org.handlelens.ui.tests.UiTestSupport.window;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.jface.preference.IPreferenceStore;
import org.eclipse.jface.preference.PreferenceDialog;
import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.Rectangle;
import org.eclipse.swt.widgets.Event;
import org.eclipse.swt.widgets.Menu;
import org.eclipse.swt.widgets.MenuItem;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Table;
import org.eclipse.ui.IWorkbenchPage;
import org.eclipse.ui.dialogs.PreferencesUtil;
import org.eclipse.ui.handlers.IHandlerService;
import org.handlelens.model.HandleModel;
import org.handlelens.model.HandleModelBuilder;
import org.handlelens.model.HandleRecord;
import org.handlelens.model.ModelConstants;
import org.handlelens.model.ModuleRecord;
import org.handlelens.model.ProcessRecord;
import org.handlelens.model.SourceInfo;
import org.handlelens.symbols.resolve.ModuleSymbols;
import org.handlelens.symbols.resolve.SymbolStatus;
import org.handlelens.ui.HandleLensUi;
import org.handlelens.ui.editor.HandleLensEditor;
import org.handlelens.ui.editor.HandleTablePage;
import org.handlelens.ui.editor.ModelEditorInput;
import org.handlelens.ui.handlers.LoadSymbolsHandler;
import org.handlelens.ui.preferences.HandleLensPreferencePage;
import org.handlelens.ui.preferences.SymbolsPreferencePage;
import org.handlelens.ui.symbols.LoadSymbolsJob;
import org.handlelens.ui.symbols.SymbolSession;
import org.handlelens.ui.symbols.SymbolSettings;
import org.handlelens.ui.views.CreateStackView;
import org.handlelens.ui.views.ModulesView;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.sun.net.httpserver.HttpServer;

/**
 * Workflow 3 end to end: a symbol path pointing at a loopback symbol server (symstore layout with the real
 * CrashWithException.pdb), Load Symbols on a model with that image, the Modules and Create Stack views,
 * and the Symbols preference page.
 */
class SymbolsWorkflowTest {
    private static final String PDB_KEY = "F535C5FB2AE84BB8AA206C30BE566C5A1";
    private static final UUID PDB_GUID = UUID.fromString("F535C5FB-2AE8-4BB8-AA20-6C30BE566C5A");
    private static final long BASE = 0x1_4000_0000L;
    private static final long NTDLL_BASE = 0x7FFB_2000_0000L;
    private static final long KERNELBASE_BASE = 0x7FFB_1D00_0000L;
    private static final long SECURE_BASE = 0x7FFB_1800_0000L;
    private static final UUID KERNELBASE_GUID = UUID.fromString("5A1B2C3D-4E5F-4071-8293-A4B5C6D7E8F9");
    private static final String KERNELBASE_KEY = "5A1B2C3D4E5F40718293A4B5C6D7E8F91";

    private Path tmp;
    private HttpServer server;
    private final List<String> requests = new CopyOnWriteArrayList<>();
    private String savedPath;
    private String savedCache;

    @BeforeEach
    void startSymbolServer() throws IOException {
        tmp = Files.createTempDirectory("handlelens-symui");
        Path store = Files.createDirectories(tmp.resolve("store/CrashWithException.pdb/" + PDB_KEY));
        Files.copy(shared("testdata/pdb/CrashWithException.pdb"), store.resolve("CrashWithException.pdb"));
        // a kernelbase.pdb under the right key but with another GUID inside (Mismatched)
        Path wrong = Files.createDirectories(tmp.resolve("store/kernelbase.pdb/" + KERNELBASE_KEY));
        Files.copy(shared("testdata/pdb/CppCon.pdb"), wrong.resolve("kernelbase.pdb"));
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            requests.add(exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath());
            if (exchange.getRequestURI().getPath().contains("secure")) {
                exchange.sendResponseHeaders(401, -1); // Error: the server wants credentials
                exchange.close();
                return;
            }
            Path root = tmp.resolve("store").normalize();
            Path file = root.resolve(exchange.getRequestURI().getPath().substring(1)).normalize();
            if (!file.startsWith(root) || !Files.isRegularFile(file)) {
                exchange.sendResponseHeaders(exchange.getRequestURI().getPath().equals("/") ? 403 : 404, -1);
                exchange.close();
                return;
            }
            byte[] body = Files.readAllBytes(file);
            boolean head = exchange.getRequestMethod().equals("HEAD");
            exchange.sendResponseHeaders(200, head ? -1 : body.length);
            if (!head) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            }
            exchange.close();
        });
        server.start();
        IPreferenceStore prefs = HandleLensUi.getDefault().getPreferenceStore();
        savedPath = prefs.getString(SymbolSettings.KEY_SYMBOL_PATH);
        savedCache = prefs.getString(SymbolSettings.KEY_CACHE_FOLDER);
    }

    @AfterEach
    void stop() throws IOException {
        page().closeAllEditors(false);
        spin(100);
        server.stop(0);
        IPreferenceStore prefs = HandleLensUi.getDefault().getPreferenceStore();
        prefs.setValue(SymbolSettings.KEY_SYMBOL_PATH, savedPath);
        prefs.setValue(SymbolSettings.KEY_CACHE_FOLDER, savedCache);
        try (var walk = Files.walk(tmp)) {
            walk.sorted((a, b) -> b.getNameCount() - a.getNameCount()).forEach(p -> p.toFile().delete());
        }
    }

    private String serverUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** A process running CrashWithException.exe (real PDB identity) and ntdll (PDB on no server), one File handle. */
    private static HandleModel model() {
        HandleModelBuilder b = new HandleModelBuilder(new SourceInfo("etl", "symbols-workflow.etl", null, null, 8));
        int proc = b.addProcess(ProcessRecord.of(4242, "CrashWithException.exe"));
        b.addModule(proc, new ModuleRecord(BASE, 0x9000, "\\Device\\HarddiskVolume3\\app\\CrashWithException.exe",
                0x5C9E0959L, -1, PDB_GUID, 1, "C:\\Users\\sentry\\CrashWithException.pdb",
                ModelConstants.TIME_UNKNOWN, ModelConstants.TIME_UNKNOWN));
        b.addModule(proc, new ModuleRecord(NTDLL_BASE, 0x1F8000, "\\Device\\HarddiskVolume3\\Windows\\System32\\ntdll.dll",
                0x6A1B2C3DL, -1, UUID.fromString("0D4A6E21-79B3-4C1F-9E52-8F03A1B2C3D4"), 1, "ntdll.pdb",
                ModelConstants.TIME_UNKNOWN, ModelConstants.TIME_UNKNOWN));
        b.addModule(proc, new ModuleRecord(KERNELBASE_BASE, 0x3C5000,
                "\\Device\\HarddiskVolume3\\Windows\\System32\\KernelBase.dll", 0x1B2C3D4EL, -1, KERNELBASE_GUID, 1,
                "kernelbase.pdb", ModelConstants.TIME_UNKNOWN, ModelConstants.TIME_UNKNOWN));
        b.addModule(proc, new ModuleRecord(SECURE_BASE, 0x20000, "\\Device\\HarddiskVolume3\\app\\secure.dll",
                0x2C3D4E5FL, -1, UUID.fromString("11111111-2222-3333-4444-555555555555"), 2, "secure.pdb",
                ModelConstants.TIME_UNKNOWN, ModelConstants.TIME_UNKNOWN));
        // RVAs from CrashWithException.pdb.sym FUNC records: X::foo 0x1100, crashing_function 0x1120,
        // test 0x1150, main 0x1170, mainCRTStartup 0x1484
        int stack = b.internStack(new long[] { BASE + 0x1104, BASE + 0x113C, BASE + 0x1159, BASE + 0x1175,
            BASE + 0x1490, NTDLL_BASE + 0x5AF28 });
        b.addHandle(new HandleRecord(proc, 0x1A4, 0xFFFF_C00A_1234_5670L, "File", "\\Device\\HarddiskVolume3\\app\\out.log",
                0x120089, null, proc, HandleRecord.UNKNOWN_PROCESS, 7120, 1_250_000_000L, HandleRecord.TIME_UNKNOWN,
                stack, HandleRecord.NO_STACK, -1, -1));
        return b.build();
    }

    private static final List<String> RESOLVED = List.of("CrashWithException!X::foo+0x4",
            "CrashWithException!crashing_function+0x1c", "CrashWithException!test+0x9", "CrashWithException!main+0x5",
            "CrashWithException!mainCRTStartup+0xc", "ntdll+0x5af28");

    @Test
    void loadSymbolsFromLoopbackServerRelabelsStacksAndShowsStatuses() throws Exception {
        IPreferenceStore prefs = HandleLensUi.getDefault().getPreferenceStore();
        Path cache = tmp.resolve("cache");
        prefs.setValue(SymbolSettings.KEY_SYMBOL_PATH, "srv*" + cache + "*" + serverUrl());
        prefs.setValue(SymbolSettings.KEY_CACHE_FOLDER, tmp.resolve("default-cache").toString());

        IWorkbenchPage page = page();
        HandleModel model = model();
        HandleLensEditor editor = (HandleLensEditor) page.openEditor(new ModelEditorInput(model, "symbols-workflow.etl"),
                HandleLensEditor.ID);
        waitUntil("in-memory model shown", 10_000, () -> editor.handlesPage() != null);
        HandleTablePage handles = editor.handlesPage();
        editor.showPage(HandleLensEditor.PAGE_HANDLES);
        waitUntil("handle rows", 10_000, handles::isReady);
        SymbolSession session = editor.symbols();
        assertNotNull(session);

        ModulesView modules = (ModulesView) page.showView(ModulesView.ID, null, IWorkbenchPage.VIEW_VISIBLE);
        CreateStackView stackView = (CreateStackView) page.showView(CreateStackView.ID, null, IWorkbenchPage.VIEW_VISIBLE);
        page.activate(editor);
        spin(100);
        assertEquals(session, modules.session(), "Modules view follows the active handle editor");

        // Select the handle: the Create Stack view shows module+offset frames before symbols are loaded.
        Table table = handles.viewer().getTable();
        assertEquals(1, table.getItemCount());
        assertEquals("#0 CrashWithException+0x1104", table.getItem(0).getText(4));
        table.setSelection(0);
        Event e = new Event();
        e.item = table.getItem(0);
        table.notifyListeners(SWT.Selection, e);
        spin(100);
        assertEquals(List.of("CrashWithException+0x1104", "CrashWithException+0x113c", "CrashWithException+0x1159",
                "CrashWithException+0x1175", "CrashWithException+0x1490", "ntdll+0x5af28"), stackView.frameTexts());
        assertEquals(List.of("", "", "", "", "", ""), stackView.sourceTexts(), "no source before symbols are loaded");
        SymbolSession.ModuleKey crashKey = new SymbolSession.ModuleKey(0, BASE);
        SymbolSession.ModuleKey ntdllKey = new SymbolSession.ModuleKey(0, NTDLL_BASE);
        assertEquals(ModulesView.NOT_LOADED, modules.rowText(crashKey)[1]);

        // The command is offered in Analysis, in the table's context menu and in the main toolbar.
        assertTrue(menuTexts(analysisMenu()).contains("Load Symbols"), menuTexts(analysisMenu()).toString());
        table.notifyListeners(SWT.MenuDetect, new Event()); // a right-click: the page makes its context menu now
        assertTrue(menuTexts(table.getMenu()).contains("Load Symbols"), menuTexts(table.getMenu()).toString());

        // Analysis > Load Symbols, as the menu runs it.
        IHandlerService handlers = window().getService(IHandlerService.class);
        Object job = handlers.executeCommand(LoadSymbolsHandler.COMMAND_ID, null);
        assertTrue(job instanceof LoadSymbolsJob, "Load Symbols ran as a job: " + job);
        waitUntil("symbols loaded", 60_000, () -> ((Job) job).getResult() != null && session.resultCount() == 4);
        spin(300);
        assertTrue(((Job) job).getResult().isOK(), String.valueOf(((Job) job).getResult()));

        String[] crash = modules.rowText(crashKey);
        assertEquals("CrashWithException.exe", crash[0]);
        assertEquals("Loaded", crash[1]);
        assertTrue(crash[2].endsWith("CrashWithException.pdb"), crash[2]);
        assertEquals("CrashWithException.exe (4242)", crash[3]);
        assertEquals("0x140000000", crash[4]);
        assertEquals("0x9000", crash[5]);
        assertEquals("CrashWithException.pdb", crash[6]);
        assertEquals("F535C5FB2AE84BB8AA206C30BE566C5A / 1", crash[7]);
        assertTrue(Files.isRegularFile(cache.resolve("CrashWithException.pdb/" + PDB_KEY + "/CrashWithException.pdb")),
                "downloaded into the srv* cache in symsrv layout");
        String[] ntdll = modules.rowText(ntdllKey);
        assertEquals("Not found", ntdll[1]);
        assertTrue(ntdll[2].contains("ntdll.pdb"), ntdll[2]);
        String[] kernelbase = modules.rowText(new SymbolSession.ModuleKey(0, KERNELBASE_BASE));
        assertEquals("Mismatched", kernelbase[1], "the server's kernelbase.pdb has another GUID");
        assertTrue(kernelbase[2].contains("GUID/age differ") && kernelbase[2].contains(KERNELBASE_KEY), kernelbase[2]);
        String[] secure = modules.rowText(new SymbolSession.ModuleKey(0, SECURE_BASE));
        assertEquals("Error", secure[1]);
        assertTrue(secure[2].contains("401") && secure[2].contains("credentials"), secure[2]);
        assertTrue(requests.stream().anyMatch(r -> r.startsWith("GET /CrashWithException.pdb/" + PDB_KEY)), requests.toString());

        assertEquals(RESOLVED, stackView.frameTexts(), "create stack re-labelled with function names");
        // Source column from the PDB's line tables (Breakpad .sym line records: 1100+c → 10, 1124+29 → 18,
        // 1150+d → 22, 1174+6 → 30 in file 19, 148d+4 → 17 in exe_main.cpp); ntdll has no symbols
        assertEquals(List.of("crashwithexception.cpp:10", "crashwithexception.cpp:18", "crashwithexception.cpp:22",
                "crashwithexception.cpp:30", "exe_main.cpp:17", ""), stackView.sourceTexts());
        assertEquals("c:\\users\\sentry\\source\\repos\\crashwithexception\\crashwithexception\\crashwithexception.cpp:18",
                stackView.sourceToolTip(1));
        assertEquals(null, stackView.sourceToolTip(5));
        assertEquals("#0 CrashWithException!X::foo+0x4", table.getItem(0).getText(4), "table column re-labelled");
        // The Properties view's content for a selected frame: text, source position and its module's symbols.
        Object frameLine = stackView.viewer().getElementAt(1);
        org.handlelens.ui.properties.ReadOnlyPropertySource frameProps = org.junit.jupiter.api.Assertions.assertInstanceOf(
                org.handlelens.ui.properties.ReadOnlyPropertySource.class,
                org.eclipse.core.runtime.Adapters.adapt(frameLine, org.eclipse.ui.views.properties.IPropertySource.class));
        assertEquals(RESOLVED.get(1), frameProps.value("Text"));
        assertEquals("18", frameProps.value("Line"));
        assertEquals("c:\\users\\sentry\\source\\repos\\crashwithexception\\crashwithexception\\crashwithexception.cpp",
                frameProps.value("Source File"));
        assertEquals("0x140000000", frameProps.value("Base"));
        assertTrue(frameProps.value("Symbols").startsWith("Loaded"), frameProps.value("Symbols"));

        // Retry on the module that was not found: asked again (a fresh service has no negative cache).
        page.showView(ModulesView.ID);
        modules.select(ntdllKey);
        int asked = requests.size();
        LoadSymbolsJob retry = modules.retrySelected();
        assertNotNull(retry, "Retry enabled for the selected module");
        waitUntil("retry done", 30_000, () -> retry.getResult() != null);
        spin(200);
        assertEquals(1, retry.processed());
        assertTrue(requests.size() > asked, "the server was asked again");
        assertEquals("Not found", modules.rowText(ntdllKey)[1]);
        screenshot("11-modules-view");
        page.activate(editor);
        page.showView(CreateStackView.ID, null, IWorkbenchPage.VIEW_VISIBLE);
        stackView.viewer().getTable().setSelection(1);
        screenshot("12-create-stack-view");

        // Double-click on a frame (its logic): the Modules view shows that frame's module.
        ModulesView shown = stackView.showModule(crashKey);
        assertEquals(modules, shown);
        assertEquals(crashKey, ((SymbolSession.ModuleEntry) modules.viewer().getStructuredSelection().getFirstElement()).key());
    }

    @Test
    void loadFromFileChecksGuidAndAge() throws Exception {
        HandleModel model = model();
        SymbolSession session = new SymbolSession(model);
        SymbolSession.ModuleKey crashKey = new SymbolSession.ModuleKey(0, BASE);
        ModuleSymbols wrong = session.loadFromFile(crashKey, shared("testdata/pdb/CppCon.pdb"));
        assertEquals(SymbolStatus.MISMATCHED, wrong.status());
        assertTrue(wrong.reason().contains(PDB_KEY), wrong.reason());
        assertNull(session.symbols(crashKey), "a mismatched file does not replace the module's symbols");
        ModuleSymbols right = session.loadFromFile(crashKey, shared("testdata/pdb/CrashWithException.pdb"));
        assertEquals(SymbolStatus.LOADED, right.status());
        assertEquals(right, session.symbols(crashKey));
        assertEquals(RESOLVED.subList(0, 5), session.createStack(0).stream().map(SymbolSession.FrameLine::text).toList()
                .subList(0, 5));
        assertEquals("crashwithexception.cpp:18", session.createStack(0).get(1).sourceLabel(),
                "a PDB picked by hand brings its line tables too");
    }

    @Test
    void preferencePageListsParsedElementsTestsConnectionAndRejectsBadPaths() throws Exception {
        IPreferenceStore prefs = HandleLensUi.getDefault().getPreferenceStore();
        Path folder = Files.createDirectories(tmp.resolve("private-symbols"));
        String path = "srv*" + tmp.resolve("cache") + "*" + serverUrl() + ";" + folder + ";cache*" + tmp.resolve("c2")
                + ";srv*https://msdl.microsoft.com/download/symbols";
        prefs.setValue(SymbolSettings.KEY_SYMBOL_PATH, path);
        prefs.setValue(SymbolSettings.KEY_CACHE_FOLDER, tmp.resolve("default-cache").toString());

        Shell shell = window().getShell();
        PreferenceDialog dialog = PreferencesUtil.createPreferenceDialogOn(shell, SymbolsPreferencePage.ID,
                new String[] { HandleLensPreferencePage.ID, SymbolsPreferencePage.ID }, null);
        dialog.setBlockOnOpen(false);
        dialog.open();
        try {
            dialog.getShell().setBounds(133, 34, 1100, 700);
            spin(200);
            SymbolsPreferencePage pageUi = (SymbolsPreferencePage) dialog.getSelectedPage();
            Table list = pageUi.elementTable();
            List<String> kinds = new ArrayList<>();
            List<String> texts = new ArrayList<>();
            for (int i = 0; i < list.getItemCount(); i++) {
                kinds.add(list.getItem(i).getText(0));
                texts.add(list.getItem(i).getText(1));
            }
            assertEquals(List.of("Server", "Folder", "Cache", "Server"), kinds);
            assertEquals(List.of("srv*" + tmp.resolve("cache") + "*" + serverUrl(), folder.toString(),
                    "cache*" + tmp.resolve("c2"), "srv*https://msdl.microsoft.com/download/symbols"), texts);
            assertEquals(path, pageUi.pathText().getText());

            // Test Connection on the loopback server and the folder (selected one by one).
            list.setSelection(0);
            list.notifyListeners(SWT.Selection, new Event());
            Job j1 = pageUi.testConnection();
            assertNotNull(j1);
            waitUntil("server test", 20_000, () -> pageUi.testResultText().getText().startsWith("OK: Server"));
            assertTrue(pageUi.testResultText().getText().contains("HTTP 403"), pageUi.testResultText().getText());
            list.setSelection(1);
            list.notifyListeners(SWT.Selection, new Event());
            pageUi.testConnection();
            waitUntil("folder test", 20_000, () -> pageUi.testResultText().getText().startsWith("OK: Folder"));
            list.setSelection(0);
            list.notifyListeners(SWT.Selection, new Event());
            pageUi.testConnection();
            waitUntil("server test again", 20_000, () -> pageUi.testResultText().getText().startsWith("OK: Server"));
            // no hover tooltip in the picture: the pointer rests on the dialog's button bar
            Rectangle b = dialog.getShell().getBounds();
            dialog.getShell().getDisplay().setCursorLocation(b.x + 20, b.y + b.height - 20);
            spin(200);
            shellScreenshot("10-symbols-preferences", dialog.getShell());

            // A malformed path: the parser's message is shown and OK is disabled.
            pageUi.pathText().setText("srv*" + tmp.resolve("cache") + "*");
            spin(50);
            assertFalse(pageUi.isValid());
            assertNotNull(pageUi.getErrorMessage());
            assertTrue(pageUi.getErrorMessage().contains("no store"), pageUi.getErrorMessage());
            assertFalse(dialog.getShell().isDisposed());
            pageUi.pathText().setText(path);
            assertTrue(pageUi.isValid());
            assertEquals(4, list.getItemCount());
        } finally {
            dialog.close();
        }
        assertEquals(path, prefs.getString(SymbolSettings.KEY_SYMBOL_PATH), "cancelled: store unchanged");
    }

    private static Menu analysisMenu() {
        for (MenuItem item : window().getShell().getMenuBar().getItems()) {
            if (item.getText().replace("&", "").equals("Analysis")) {
                return item.getMenu();
            }
        }
        throw new AssertionError("no Analysis menu");
    }

    /** Item texts of a menu after it was filled for showing (mnemonics and accelerators stripped). */
    private static List<String> menuTexts(Menu menu) {
        menu.notifyListeners(SWT.Show, new Event());
        List<String> out = new ArrayList<>();
        for (MenuItem item : menu.getItems()) {
            out.add(item.getText().replace("&", "").replaceAll("\\t.*", "").strip());
        }
        menu.notifyListeners(SWT.Hide, new Event());
        return out;
    }

    /** Screenshot of one shell (a dialog) into -Dhandlelens.screenshots. */
    private static Path shellScreenshot(String name, Shell shell) throws Exception {
        spin(300);
        return UiTestSupport.capture(name, shell.getDisplay(), shell.getBounds());
    }

}
