package org.handlelens.ui.imports;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.eclipse.core.resources.IFile;
import org.eclipse.core.resources.IFolder;
import org.eclipse.core.resources.IProject;
import org.eclipse.core.resources.IResource;
import org.eclipse.core.runtime.CoreException;
import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.OperationCanceledException;
import org.eclipse.core.runtime.Status;
import org.eclipse.core.runtime.SubMonitor;
import org.handlelens.ui.HandleLensUi;
import org.handlelens.ui.project.ImportMode;
import org.handlelens.ui.project.TraceProjects;

/**
 * Brings files into a trace project's Traces folder by copy or link, creating the project first when
 * needed. Runs in a workspace operation (wizard runnable or job); no UI.
 */
public final class TraceImportOperation {
    /**
     * What to import.
     *
     * @param files       files to bring in (already accepted by detection)
     * @param projectName target project, created as a trace project when missing
     * @param mode        copy or link
     */
    public record Request(List<Path> files, String projectName, ImportMode mode) {
        public Request {
            files = List.copyOf(files);
        }
    }

    private TraceImportOperation() {
    }

    /** Performs {@code request}; returns the files now in Traces/, in request order. */
    public static List<IFile> run(Request request, IProgressMonitor monitor) throws CoreException {
        SubMonitor sub = SubMonitor.convert(monitor, "Importing into " + request.projectName(),
                1 + request.files().size());
        IProject project = TraceProjects.create(request.projectName(), null, sub.split(1));
        IFolder traces = TraceProjects.ensureTracesFolder(project, null);
        List<IFile> result = new ArrayList<>();
        for (Path file : request.files()) {
            if (sub.isCanceled()) {
                throw new OperationCanceledException();
            }
            sub.subTask(file.getFileName().toString());
            result.add(importOne(traces, file, request.mode(), sub.split(1)));
        }
        return result;
    }

    private static IFile importOne(IFolder traces, Path file, ImportMode mode, IProgressMonitor monitor)
            throws CoreException {
        Path absolute = file.toAbsolutePath().normalize();
        IFile existing = traces.getFile(absolute.getFileName().toString());
        if (existing.exists() && mode == ImportMode.LINK && existing.isLinked() && existing.getLocation() != null
                && existing.getLocation().toFile().toPath().equals(absolute)) {
            return existing; // the same link again
        }
        IFile target = freeName(traces, absolute.getFileName().toString());
        if (mode == ImportMode.LINK) {
            target.createLink(org.eclipse.core.runtime.IPath.fromOSString(absolute.toString()), IResource.NONE,
                    monitor);
        } else {
            try (InputStream in = Files.newInputStream(absolute)) {
                target.create(in, IResource.NONE, monitor);
            } catch (IOException e) {
                throw new CoreException(new Status(IStatus.ERROR, HandleLensUi.PLUGIN_ID,
                        "Could not copy " + absolute + ": " + e.getMessage(), e));
            }
        }
        return target;
    }

    /** {@code name}, or {@code name-2.ext}, {@code name-3.ext}, ... when taken. */
    static IFile freeName(IFolder folder, String name) {
        IFile candidate = folder.getFile(name);
        int dot = name.lastIndexOf('.');
        String base = dot > 0 ? name.substring(0, dot) : name;
        String ext = dot > 0 ? name.substring(dot) : "";
        for (int i = 2; candidate.exists(); i++) {
            candidate = folder.getFile(base + "-" + i + ext);
        }
        return candidate;
    }
}
