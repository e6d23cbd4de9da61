package org.handlelens.ui.editor;

import java.util.function.Supplier;

import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.Status;
import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.swt.widgets.Control;
import org.handlelens.model.query.RowSelection;

/**
 * Shows a set of handles in the editor's Handles page: what a double-click on a suspect, a group or a
 * call-tree node leads to.
 */
@FunctionalInterface
public interface RowsOpener {
    /** Does nothing (pages shown outside an editor, e.g. in tests). */
    RowsOpener NONE = (rows, name) -> { };

    /** Restricts the Handles page to {@code rows}, described as {@code name}, and shows it. */
    void open(RowSelection rows, String name);

    /**
     * Computes the rows in a Job (a group or frame of a large trace can hold millions of handles), then
     * opens them on {@code owner}'s UI thread unless it was disposed meanwhile.
     */
    default void openComputed(Control owner, String name, Supplier<RowSelection> rows) {
        Job job = new Job("Collecting the handles of " + name) {
            @Override
            protected IStatus run(IProgressMonitor monitor) {
                RowSelection result = rows.get();
                owner.getDisplay().asyncExec(() -> {
                    if (!owner.isDisposed()) {
                        open(result, name);
                    }
                });
                return Status.OK_STATUS;
            }
        };
        job.schedule();
    }
}
