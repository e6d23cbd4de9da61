package org.handlelens.ui.tests;

import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.BooleanSupplier;

import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.GC;
import org.eclipse.swt.graphics.Image;
import org.eclipse.swt.graphics.ImageData;
import org.eclipse.swt.graphics.ImageLoader;
import org.eclipse.swt.graphics.Rectangle;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.ui.IWorkbenchPage;
import org.eclipse.ui.IWorkbenchWindow;
import org.eclipse.ui.PlatformUI;

/** Helpers for workbench tests: event-loop waits, shared data, screenshots. */
public final class UiTestSupport {
    private UiTestSupport() {
    }

    /** A file of the read-only shared folder (-Dhandlelens.shared). */
    public static Path shared(String relative) {
        String root = System.getProperty("handlelens.shared");
        if (root == null || root.isBlank()) {
            fail("system property handlelens.shared is not set (the build passes ../shared)");
        }
        Path p = Path.of(root).resolve(relative);
        if (!Files.exists(p)) {
            fail("missing shared test file " + p);
        }
        return p;
    }

    /** Runs the event loop until {@code condition} holds; fails after {@code timeoutMillis}. */
    public static void waitUntil(String what, long timeoutMillis, BooleanSupplier condition) {
        Display display = Display.getCurrent();
        long end = System.currentTimeMillis() + timeoutMillis;
        while (!condition.getAsBoolean()) {
            if (System.currentTimeMillis() > end) {
                fail("timed out waiting for " + what);
            }
            if (!display.readAndDispatch()) {
                display.timerExec(20, () -> { });
                display.sleep();
            }
        }
    }

    /** Processes pending events for about {@code millis}. */
    public static void spin(long millis) {
        Display display = Display.getCurrent();
        long end = System.currentTimeMillis() + millis;
        while (System.currentTimeMillis() < end) {
            if (!display.readAndDispatch()) {
                display.timerExec(20, () -> { });
                display.sleep();
            }
        }
    }

    /** The active window, sized for a 1366x768 screen (Xvfb has no window manager to do it). */
    public static IWorkbenchWindow window() {
        IWorkbenchWindow w = PlatformUI.getWorkbench().getActiveWorkbenchWindow();
        if (w == null) {
            w = PlatformUI.getWorkbench().getWorkbenchWindows()[0];
        }
        Shell shell = w.getShell();
        shell.setBounds(0, 0, 1366, 768);
        shell.forceActive();
        return w;
    }

    /** The active page. */
    public static IWorkbenchPage page() {
        return window().getActivePage();
    }

    /**
     * Saves a PNG of the workbench window into -Dhandlelens.screenshots (target/screenshots);
     * docs/screenshots holds the reviewed copies.
     */
    public static Path screenshot(String name) throws Exception {
        return screenshot(name, window().getShell());
    }

    /** Saves a PNG of {@code shell} (e.g. a wizard dialog) like {@link #screenshot(String)}. */
    public static Path screenshot(String name, Shell shell) throws Exception {
        spin(300);
        Display display = shell.getDisplay();
        // A dialog: its client area in display coordinates (without a window manager, Xvfb, the
        // bounds include trim that is never drawn and showed as a strip of what lies below).
        // A window with a menu bar: its bounds, since the menu bar is outside the client area.
        Rectangle r = shell.getMenuBar() != null ? shell.getBounds()
                : display.map(shell, null, shell.getClientArea());
        return capture(name, display, r);
    }

    /** Saves a PNG of the display area {@code r} into -Dhandlelens.screenshots (target/screenshots). */
    public static Path capture(String name, Display display, Rectangle r) throws Exception {
        Image image = new Image(display, r.width, r.height);
        GC gc = new GC(display);
        try {
            gc.copyArea(image, r.x, r.y);
        } finally {
            gc.dispose();
        }
        Path dir = Path.of(System.getProperty("handlelens.screenshots", "target/screenshots"));
        Files.createDirectories(dir);
        Path file = dir.resolve(name + ".png");
        try {
            ImageLoader loader = new ImageLoader();
            loader.data = new ImageData[] { image.getImageData() };
            loader.save(file.toString(), SWT.IMAGE_PNG);
        } finally {
            image.dispose();
        }
        return file;
    }
}
