package org.handlelens.ui.navigator;

import java.nio.file.Path;

import org.eclipse.core.resources.IWorkspaceRoot;
import org.eclipse.core.resources.ResourcesPlugin;

/** Naming a new trace project for dropped or imported files. */
public final class DropTargets {
    private DropTargets() {
    }

    /**
     * A free project name from {@code file}'s base name ("trace.etl" gives "trace", then "trace-2", ...),
     * with characters that are invalid in resource names replaced.
     */
    public static String newProjectName(Path file) {
        String name = file.getFileName() == null ? "Traces" : file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        String base = (dot > 0 ? name.substring(0, dot) : name).replaceAll("[\\\\/:*?\"<>|]", "_").strip();
        if (base.isEmpty()) {
            base = "Traces";
        }
        IWorkspaceRoot root = ResourcesPlugin.getWorkspace().getRoot();
        String candidate = base;
        for (int i = 2; root.getProject(candidate).exists(); i++) {
            candidate = base + "-" + i;
        }
        return candidate;
    }
}
