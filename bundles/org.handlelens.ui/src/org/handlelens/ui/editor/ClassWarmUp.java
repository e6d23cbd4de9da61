package org.handlelens.ui.editor;

import java.net.URL;
import java.util.Enumeration;

import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.Platform;
import org.eclipse.core.runtime.Status;
import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.jface.resource.JFaceResources;
import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.Font;
import org.eclipse.swt.graphics.GC;
import org.eclipse.swt.widgets.Display;
import org.eclipse.ui.PlatformUI;
import org.osgi.framework.Bundle;

/**
 * Loads and links the classes the editor's first open needs (SWTChart, Eclipse Forms, SWT's custom widgets, this
 * package) in a background Job at startup, then creates the fonts SWTChart and Forms use, one per event-loop turn,
 * so the UI thread does neither while it opens the first editor. The Overview's small chart took 140 ms on its first
 * creation in a JVM and 31 ms on the second (10 M-row bench, docs/benchmarks.md): with the classes loaded it still
 * took 123 ms, with the fonts also created 32 ms. No static initialiser runs off the display thread here.
 */
public final class ClassWarmUp extends Job {
    /** Bundle and folder whose classes are loaded, in order. */
    private static final String[][] PACKAGES = { { "org.handlelens.ui", "/org/handlelens/ui/editor" },
        { "org.eclipse.swtchart", "/org/eclipse/swtchart" }, { "org.eclipse.ui.forms", "/org/eclipse/ui/forms" },
        { "org.eclipse.swt", "/org/eclipse/swt/custom" } }; // the Overview's facts are a StyledText

    private volatile int loaded;

    public ClassWarmUp() {
        super("Preparing the HandleLens editor");
        setSystem(true);
        setPriority(Job.DECORATE);
    }

    @Override
    protected IStatus run(IProgressMonitor monitor) {
        for (String[] p : PACKAGES) {
            Bundle bundle = Platform.getBundle(p[0]);
            Enumeration<URL> entries = bundle == null ? null : bundle.findEntries(p[1], "*.class", true);
            while (entries != null && entries.hasMoreElements()) {
                if (monitor.isCanceled()) {
                    return Status.CANCEL_STATUS;
                }
                String path = entries.nextElement().getPath();
                String name = path.substring(path.indexOf(p[1].substring(1)), path.length() - ".class".length())
                        .replace('/', '.');
                if (name.endsWith("Test") || name.contains("Test$")) {
                    continue; // the UI tests' fragment shares the editor's package
                }
                try {
                    Class<?> c = bundle.loadClass(name);
                    c.getDeclaredMethods(); // links (verifies) the class without initialising it
                    loaded++;
                } catch (ReflectiveOperationException | LinkageError e) {
                    // optional dependencies missing (e.g. SWTChart's export extensions): nothing to warm
                }
            }
        }
        if (PlatformUI.isWorkbenchRunning()) {
            warmFonts(PlatformUI.getWorkbench().getDisplay(), 0);
        }
        return Status.OK_STATUS;
    }

    /**
     * SWTChart's fonts (Resources.getFont: legend Verdana 9, axis titles Verdana 11 bold, title Verdana 13 bold)
     * and the Forms heading and bold fonts, each created and measured once in its own event-loop turn: the first
     * text measured in a font loads it (fontconfig, pango), which made the first chart's constructor cost 4x the
     * second one's even with its classes loaded. The fonts are the ones the editor then uses (SWTChart caches them).
     */
    private static void warmFonts(Display display, int next) {
        if (display.isDisposed() || next >= 6) {
            return;
        }
        display.asyncExec(() -> {
            Font font = switch (next) {
                case 0 -> org.eclipse.swtchart.Resources.getFont("Verdana", 9, SWT.NORMAL);
                case 1 -> org.eclipse.swtchart.Resources.getFont("Verdana", 11, SWT.BOLD);
                case 2 -> org.eclipse.swtchart.Resources.getFont("Verdana", 13, SWT.BOLD);
                case 3 -> JFaceResources.getFontRegistry().getBold(JFaceResources.DEFAULT_FONT);
                case 4 -> JFaceResources.getHeaderFont();
                default -> JFaceResources.getBannerFont();
            };
            GC gc = new GC(display);
            try {
                gc.setFont(font);
                gc.textExtent("Handles Outstanding 0123456789");
                gc.getFontMetrics();
            } finally {
                gc.dispose();
            }
            warmFonts(display, next + 1);
        });
    }

    /** Classes loaded so far. */
    public int loaded() {
        return loaded;
    }
}
