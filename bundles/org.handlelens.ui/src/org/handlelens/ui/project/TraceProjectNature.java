package org.handlelens.ui.project;

import org.eclipse.core.resources.IProject;
import org.eclipse.core.resources.IProjectNature;
import org.eclipse.core.runtime.CoreException;

/**
 * Marks a project as a HandleLens trace project: it has a {@value TraceProjects#TRACES_FOLDER}
 * folder holding (copies of or links to) traces and WinDbg logs, and its settings in
 * {@code .settings/org.handlelens.ui.prefs}.
 */
public final class TraceProjectNature implements IProjectNature {
    /** Nature id (plugin.xml). */
    public static final String ID = "org.handlelens.ui.traceNature";

    private IProject project;

    @Override
    public void configure() throws CoreException {
        TraceProjects.ensureTracesFolder(project, null);
    }

    @Override
    public void deconfigure() throws CoreException {
        // The Traces folder holds user data: removing the nature leaves it in place.
    }

    @Override
    public IProject getProject() {
        return project;
    }

    @Override
    public void setProject(IProject project) {
        this.project = project;
    }
}
