package org.handlelens.ui.editor;

import java.util.concurrent.CancellationException;
import java.util.function.Consumer;

import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.Status;
import org.eclipse.core.runtime.SubMonitor;
import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.swt.widgets.Display;

/**
 * Formats selected handle rows as clipboard text in a Job (progress per {@link RowsText#PROGRESS_STEP_ROWS}
 * rows, cancellable) and hands the text to {@code deliver} on the UI thread, which puts it on the clipboard.
 * A selection of all rows can be millions of rows: formatting them on the UI thread would freeze it.
 */
public final class CopyRowsJob extends Job {
    private final SelectedRows rows;
    private final RowsText.Format format;
    private final Display display;
    private final Consumer<String> deliver;
    private volatile boolean delivered;

    /** Copies {@code rows} (at most {@link RowsText#MAX_CLIPBOARD_ROWS}) as {@code format}. */
    public CopyRowsJob(SelectedRows rows, RowsText.Format format, Display display, Consumer<String> deliver) {
        super(String.format("Copying %,d rows%s", rows.count(), format == RowsText.Format.CSV ? " as CSV" : ""));
        if (!RowsText.fitsClipboard(rows.count())) {
            throw new IllegalArgumentException(rows.count() + " rows are more than the clipboard takes");
        }
        this.rows = rows;
        this.format = format;
        this.display = display;
        this.deliver = deliver;
        setUser(rows.count() > RowsText.PROGRESS_STEP_ROWS); // a dialog with Cancel only for long copies
    }

    /** True once the text was handed to the clipboard (on the UI thread). */
    public boolean isDelivered() {
        return delivered;
    }

    @Override
    protected IStatus run(IProgressMonitor monitor) {
        int total = rows.count();
        SubMonitor sub = SubMonitor.convert(monitor, getName(), Math.max(1, total));
        int[] reported = { 0 };
        try {
            String text = RowsText.write(rows.model(), total, rows::row, HandleTablePage.COLUMNS, format,
                    sub::isCanceled, done -> {
                        sub.worked(done - reported[0]);
                        sub.subTask(String.format("%,d of %,d rows", done, total));
                        reported[0] = done;
                    });
            if (!display.isDisposed()) {
                display.asyncExec(() -> {
                    deliver.accept(text);
                    delivered = true;
                });
            }
            return Status.OK_STATUS;
        } catch (CancellationException e) {
            return Status.CANCEL_STATUS;
        } finally {
            monitor.done();
        }
    }
}
