package org.handlelens.ui;

import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.Status;
import org.eclipse.ui.plugin.AbstractUIPlugin;
import org.osgi.framework.BundleContext;

/** Bundle activator of the workbench UI: gives access to the preference store and the log. */
public final class HandleLensUi extends AbstractUIPlugin {
    /** The bundle's symbolic name. */
    public static final String PLUGIN_ID = "org.handlelens.ui";

    private static volatile HandleLensUi instance;

    private final org.handlelens.ui.imports.TraceSummaries traceSummaries = new org.handlelens.ui.imports.TraceSummaries();

    @Override
    public void start(BundleContext context) throws Exception {
        super.start(context);
        instance = this;
        // the first editor open then finds SWTChart's, Forms' and the editor's classes loaded (docs/benchmarks.md)
        new org.handlelens.ui.editor.ClassWarmUp().schedule(1000);
    }

    @Override
    public void stop(BundleContext context) throws Exception {
        instance = null;
        super.stop(context);
    }

    /** @return the running activator, or {@code null} before start / after stop */
    public static HandleLensUi getDefault() {
        return instance;
    }

    /** Summaries of the traces in trace projects (navigator, Properties view). */
    public org.handlelens.ui.imports.TraceSummaries traceSummaries() {
        return traceSummaries;
    }

    /** Logs a warning into the Error Log. */
    public static void logWarning(String message) {
        HandleLensUi ui = instance;
        if (ui != null) {
            ui.getLog().log(new Status(IStatus.WARNING, PLUGIN_ID, message));
        }
    }

    /** Logs an error into the Error Log. */
    public static void logError(String message, Throwable error) {
        HandleLensUi ui = instance;
        if (ui != null) {
            ui.getLog().log(new Status(IStatus.ERROR, PLUGIN_ID, message, error));
        }
    }
}
