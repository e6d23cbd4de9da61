package org.handlelens.ui.symbols;

import java.net.URI;
import java.util.function.Supplier;

import org.eclipse.core.resources.IFile;
import org.eclipse.core.resources.IProject;
import org.eclipse.core.resources.ResourcesPlugin;
import org.eclipse.jface.preference.IPreferenceStore;
import org.eclipse.ui.IEditorInput;
import org.eclipse.ui.IFileEditorInput;
import org.eclipse.ui.IURIEditorInput;
import org.handlelens.ui.HandleLensUi;
import org.handlelens.ui.project.TraceProjectSettings;
import org.handlelens.ui.project.TraceProjects;

/**
 * The symbol settings that apply to a trace: the workspace preference (Window > Preferences > HandleLens >
 * Symbols), with the symbol path replaced by its trace project's override (Project > Properties >
 * HandleLens Symbols) when the trace lies in a trace project that has one. Cache and download limits stay
 * per workspace: they describe this machine, not the project.
 */
public final class ProjectSymbolSettings {
    private ProjectSymbolSettings() {
    }

    /** The settings for a trace in {@code project} (null: outside any trace project). */
    public static SymbolSettings effective(IPreferenceStore workspace, IProject project) {
        SymbolSettings base = SymbolSettings.from(workspace);
        String override = TraceProjects.isTraceProject(project) ? TraceProjectSettings.of(project).symbolPath() : null;
        return override == null ? base
                : new SymbolSettings(override, base.cacheFolder(), base.parallelDownloads(), base.timeoutSeconds(),
                        base.maxDownloadSizeMb());
    }

    /**
     * The trace project holding the editor's file: the project of a workspace file, or, for a file opened
     * from disk, the trace project whose folder contains it; null when there is none.
     */
    public static IProject projectOf(IEditorInput input) {
        if (input instanceof IFileEditorInput f) {
            IProject p = f.getFile().getProject();
            return TraceProjects.isTraceProject(p) ? p : null;
        }
        if (input instanceof IURIEditorInput u && u.getURI() != null) {
            URI uri = u.getURI();
            for (IFile file : ResourcesPlugin.getWorkspace().getRoot().findFilesForLocationURI(uri)) {
                if (TraceProjects.isTraceProject(file.getProject())) {
                    return file.getProject();
                }
            }
        }
        return null;
    }

    /**
     * Reads the settings for the editor's trace each time it is called, so changes made in the preference or
     * property page apply to the next Load Symbols without reopening.
     */
    public static Supplier<SymbolSettings> source(IEditorInput input) {
        IProject project = projectOf(input);
        return () -> effective(HandleLensUi.getDefault().getPreferenceStore(), project);
    }
}
