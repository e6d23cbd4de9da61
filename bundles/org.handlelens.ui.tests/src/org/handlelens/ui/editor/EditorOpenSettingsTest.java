package org.handlelens.ui.editor;

import static org.handlelens.ui.tests.UiTestSupport.page;
import static org.handlelens.ui.tests.UiTestSupport.shared;
import static org.handlelens.ui.tests.UiTestSupport.spin;
import static org.handlelens.ui.tests.UiTestSupport.waitUntil;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.util.concurrent.atomic.AtomicInteger;

import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Listener;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Opening a trace editor must not make SWT run its settings change ({@code Display.runSettings}: an
 * {@link SWT#Settings} event, then a layout and a redraw of every shell, ~100-350 ms for the workbench window on the
 * 2-core test machine; issue #5).
 * <p>
 * SWT on GTK runs it at the display's next {@code sleep()} after GTK notified {@code gtk-theme-name} or
 * {@code gtk-application-prefer-dark-theme}, or restyled SWT's hidden shell ({@code style-updated}). The workbench
 * does this once at start: the E4 ThemeEngine's {@code setTheme} calls {@code Display.setDarkThemePreferred}, which
 * sets and notifies {@code gtk-application-prefer-dark-theme} even when the value does not change. That event waits
 * for the first idle moment of the event loop; in the test harness the first idle moment comes after the test
 * started, so the test first lets the loop go idle (delivering it), then counts.
 */
class EditorOpenSettingsTest {
    @AfterEach
    void closeEditors() {
        page().closeAllEditors(false);
        spin(100);
    }

    @Test
    void openingAnEditorRunsNoSettingsChange() {
        Display display = Display.getCurrent();
        spin(500); // the loop sleeps at least once: the start's pending settings change runs here, not below
        AtomicInteger settings = new AtomicInteger();
        Listener count = e -> settings.incrementAndGet();
        display.addListener(SWT.Settings, count);
        try {
            for (int i = 0; i < 2; i++) {
                HandleLensEditor editor = (HandleLensEditor) EditorOpener.open(page(),
                        shared("seeds/004_f02eea20df4c3f54.txt").toFile());
                assertNotNull(editor);
                waitUntil("Overview", 30_000,
                        () -> editor.createdOverviewPage() != null && editor.createdOverviewPage().isReady());
                editor.showPage(HandleLensEditor.PAGE_HANDLES);
                waitUntil("handle table", 30_000,
                        () -> editor.handlesPage() != null && editor.handlesPage().isReady());
                spin(500); // idle: a settings change requested during the open would run now
                assertEquals(0, settings.get(), "SWT.Settings events while opening editor " + (i + 1));
                page().closeAllEditors(false);
                spin(200);
            }
        } finally {
            display.removeListener(SWT.Settings, count);
        }
    }
}
