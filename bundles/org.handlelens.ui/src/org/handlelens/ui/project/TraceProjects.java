package org.handlelens.ui.project;

import java.net.URI;

import org.eclipse.core.resources.IFile;
import org.eclipse.core.resources.IFolder;
import org.eclipse.core.resources.IProject;
import org.eclipse.core.resources.IProjectDescription;
import org.eclipse.core.resources.IResource;
import org.eclipse.core.resources.IWorkspace;
import org.eclipse.core.resources.ResourcesPlugin;
import org.eclipse.core.runtime.CoreException;
import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.SubMonitor;

/** Creating and recognising trace projects; no UI. */
public final class TraceProjects {
    /** Name of the folder holding a project's traces. */
    public static final String TRACES_FOLDER = "Traces";

    private TraceProjects() {
    }

    /**
     * Creates (or opens and converts) the project {@code name} as a trace project: nature,
     * {@code Traces} folder and persisted settings.
     *
     * @param location the project folder, or null for the default location in the workspace
     */
    public static IProject create(String name, URI location, IProgressMonitor monitor) throws CoreException {
        SubMonitor sub = SubMonitor.convert(monitor, "Creating trace project " + name, 4);
        IWorkspace workspace = ResourcesPlugin.getWorkspace();
        IProject project = workspace.getRoot().getProject(name);
        if (!project.exists()) {
            IProjectDescription description = workspace.newProjectDescription(name);
            description.setLocationURI(location);
            project.create(description, sub.split(1));
        } else {
            sub.worked(1);
        }
        if (!project.isOpen()) {
            project.open(sub.split(1));
        } else {
            sub.worked(1);
        }
        addNature(project, sub.split(1));
        ensureTracesFolder(project, sub.split(1));
        TraceProjectSettings settings = TraceProjectSettings.of(project);
        settings.initialiseIfNew();
        return project;
    }

    /** Adds the trace nature to an open project unless it has it. */
    public static void addNature(IProject project, IProgressMonitor monitor) throws CoreException {
        if (project.hasNature(TraceProjectNature.ID)) {
            return;
        }
        IProjectDescription description = project.getDescription();
        String[] natures = description.getNatureIds();
        String[] more = new String[natures.length + 1];
        System.arraycopy(natures, 0, more, 0, natures.length);
        more[natures.length] = TraceProjectNature.ID;
        description.setNatureIds(more);
        project.setDescription(description, monitor);
    }

    /** Creates the Traces folder when missing. */
    public static IFolder ensureTracesFolder(IProject project, IProgressMonitor monitor) throws CoreException {
        IFolder traces = project.getFolder(TRACES_FOLDER);
        if (!traces.exists()) {
            traces.create(IResource.NONE, true, monitor);
        }
        return traces;
    }

    /** True for an open project with the trace nature. */
    public static boolean isTraceProject(IProject project) {
        try {
            return project != null && project.isOpen() && project.hasNature(TraceProjectNature.ID);
        } catch (CoreException e) {
            return false;
        }
    }

    /** True for a file directly in the Traces folder of a trace project. */
    public static boolean isTrace(Object element) {
        return element instanceof IFile f && f.getParent() instanceof IFolder folder
                && TRACES_FOLDER.equals(folder.getName()) && folder.getParent() instanceof IProject p
                && isTraceProject(p) && !f.getName().endsWith(TraceIndexLocation.INDEX_SUFFIX);
    }

    /** The open trace projects of the workspace, by name. */
    public static java.util.List<IProject> all() {
        java.util.List<IProject> result = new java.util.ArrayList<>();
        for (IProject p : ResourcesPlugin.getWorkspace().getRoot().getProjects()) {
            if (isTraceProject(p)) {
                result.add(p);
            }
        }
        return result;
    }
}
