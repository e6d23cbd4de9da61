package org.handlelens.ui.project;

import org.eclipse.core.resources.IProject;
import org.eclipse.core.resources.ProjectScope;
import org.eclipse.core.runtime.CoreException;
import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.Status;
import org.eclipse.core.runtime.preferences.IEclipsePreferences;
import org.handlelens.ui.HandleLensUi;
import org.osgi.service.prefs.BackingStoreException;

/**
 * A trace project's settings, stored in the project ({@code .settings/org.handlelens.ui.prefs}
 * through {@link ProjectScope}) so that they travel with it and survive restarts.
 */
public final class TraceProjectSettings {
    /** Settings layout version. */
    public static final String KEY_VERSION = "traceProject.version";
    /** How files are brought into Traces/ by drag and drop: {@code copy} or {@code link}. */
    public static final String KEY_IMPORT_MODE = "import.mode";
    /** Symbol path overriding the workspace preference (absent: use the preference); same key as the preference. */
    public static final String KEY_SYMBOL_PATH = "symbols.path";

    private final IEclipsePreferences node;

    private TraceProjectSettings(IEclipsePreferences node) {
        this.node = node;
    }

    /** The settings of {@code project}. */
    public static TraceProjectSettings of(IProject project) {
        return new TraceProjectSettings(new ProjectScope(project).getNode(HandleLensUi.PLUGIN_ID));
    }

    /** Writes the defaults of a new trace project (and nothing when the project already has settings). */
    public void initialiseIfNew() throws CoreException {
        if (node.get(KEY_VERSION, null) != null) {
            return;
        }
        node.put(KEY_VERSION, "1");
        node.put(KEY_IMPORT_MODE, ImportMode.COPY.key());
        // no symbols.path here: an empty value in the project scope would hide the workspace preference
        flush();
    }

    /** Import mode used for dropped files. */
    public ImportMode importMode() {
        return ImportMode.ofKey(node.get(KEY_IMPORT_MODE, ImportMode.COPY.key()));
    }

    /** Sets and persists the import mode. */
    public void setImportMode(ImportMode mode) throws CoreException {
        node.put(KEY_IMPORT_MODE, mode.key());
        flush();
    }

    /** The project's symbol path override, or null when the workspace preference applies. */
    public String symbolPath() {
        return node.get(KEY_SYMBOL_PATH, null);
    }

    /** Sets (null or blank: removes) and persists the symbol path override. */
    public void setSymbolPath(String symbolPath) throws CoreException {
        if (symbolPath == null || symbolPath.isBlank()) {
            node.remove(KEY_SYMBOL_PATH);
        } else {
            node.put(KEY_SYMBOL_PATH, symbolPath);
        }
        flush();
    }

    private void flush() throws CoreException {
        try {
            node.flush();
        } catch (BackingStoreException e) {
            throw new CoreException(new Status(IStatus.ERROR, HandleLensUi.PLUGIN_ID,
                    "Could not save the trace project settings", e));
        }
    }
}
