package org.handlelens.ui.project;

import java.nio.file.Path;

import org.eclipse.core.resources.IFile;
import org.eclipse.core.runtime.IPath;
import org.handlelens.model.store.HandleModelIndex;

/**
 * Where the persisted index of a trace in a project lives. A copied trace gets it beside the copy
 * ({@code Traces/x.etl.hlidx}, the same place the command line looks). A linked trace gets it in the
 * project's own {@code .index} folder: the link target may be a read-only or shared folder that
 * HandleLens must not write into. When the chosen folder is not writable the index goes to the per-user
 * cache ({@link HandleModelIndex#locationFor}).
 */
public final class TraceIndexLocation {
    /** Suffix of index files. */
    public static final String INDEX_SUFFIX = HandleModelIndex.SUFFIX;
    /** Project folder for indexes of linked traces (hidden by the navigator's dot filter). */
    public static final String LINKED_INDEX_FOLDER = ".index";

    private TraceIndexLocation() {
    }

    /** The trace file on disk, or null when it is not local. */
    public static Path tracePath(IFile trace) {
        IPath location = trace.getLocation();
        return location == null ? null : location.toFile().toPath();
    }

    /** The index path of {@code trace}, or null when neither the trace nor the project is on local disk. */
    public static Path of(IFile trace) {
        return of(trace, HandleModelIndex.userCacheRoot());
    }

    /**
     * The index path of {@code trace} with {@code cacheRoot} as the per-user fallback, or null when neither the
     * trace nor the project is on local disk.
     */
    public static Path of(IFile trace, Path cacheRoot) {
        Path file = tracePath(trace);
        IPath projectLocation = trace.getProject().getLocation();
        if (file == null || projectLocation == null) {
            return null;
        }
        if (!trace.isLinked(IFile.CHECK_ANCESTORS)) {
            // the model's rule (design.md "The index"): beside the trace, else the per-user cache
            return HandleModelIndex.locationFor(file, cacheRoot);
        }
        Path project = projectLocation.toFile().toPath();
        if (!HandleModelIndex.isWritableFolder(project)) {
            return HandleModelIndex.cachedLocation(file, cacheRoot);
        }
        String relative = trace.getProjectRelativePath().toString().replace('/', '_');
        return project.resolve(LINKED_INDEX_FOLDER).resolve(relative + INDEX_SUFFIX);
    }
}
