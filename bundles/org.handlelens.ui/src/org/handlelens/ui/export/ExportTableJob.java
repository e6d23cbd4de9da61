package org.handlelens.ui.export;

import java.io.IOException;
import java.nio.file.Path;

import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.OperationCanceledException;
import org.eclipse.core.runtime.Status;
import org.eclipse.core.runtime.SubMonitor;
import org.eclipse.core.runtime.jobs.Job;
import org.handlelens.model.HandleModel;
import org.handlelens.model.spi.FrameSymbolizer;
import org.handlelens.report.render.TableFiles;
import org.handlelens.report.render.TableResult;
import org.handlelens.report.tables.HandleTables;
import org.handlelens.ui.HandleLensUi;
import org.handlelens.ui.editor.HandleLensEditor;
import org.handlelens.ui.editor.HandleTablePage;
import org.handlelens.ui.editor.RowOrder;
import org.handlelens.ui.symbols.SymbolSession;

/**
 * Writes a handle table to a CSV or JSON file with progress and cancel. The file is written atomically
 * ({@link TableFiles}): a cancelled export leaves an older file of that name untouched.
 */
public final class ExportTableJob extends Job {
    private final TableResult table;
    private final Path target;
    private final TableFiles.Format format;
    private volatile int rowsWritten = -1;

    /** An export of {@code table} (the rows of the table as shown) to {@code target}. */
    public ExportTableJob(TableResult table, Path target) {
        super("Exporting " + table.rowCount() + " handles to " + target.getFileName());
        this.table = table;
        this.target = target;
        this.format = TableFiles.Format.forFileName(target.getFileName().toString());
        setUser(true);
    }

    /**
     * An export of the handle table of {@code editor} as it is shown (filters and sort order), with create
     * stacks resolved through the symbols loaded so far; null while the table has no rows computed yet.
     */
    public static ExportTableJob of(HandleLensEditor editor, Path target) {
        HandleModel model = editor.model();
        HandleTablePage page = editor.handlesPage();
        RowOrder order = page == null ? null : page.shownOrder();
        if (model == null || order == null) {
            return null;
        }
        SymbolSession symbols = editor.symbols();
        FrameSymbolizer.Resolver resolver = symbols == null ? null : symbols::resolveLoaded;
        return new ExportTableJob(HandleTables.handles(model, order.size(), order::row, resolver, true), target);
    }

    /** Rows written when the job finished successfully, else -1. */
    public int rowsWritten() {
        return rowsWritten;
    }

    /** The file written. */
    public Path target() {
        return target;
    }

    @Override
    protected IStatus run(IProgressMonitor monitor) {
        int total = table.rowCount();
        SubMonitor sub = SubMonitor.convert(monitor, "Writing " + target, Math.max(1, total));
        int[] reported = { 0 };
        try {
            TableFiles.write(table, format, target, done -> {
                if (sub.isCanceled()) {
                    throw new OperationCanceledException();
                }
                sub.worked(done - reported[0]);
                sub.subTask(String.format("%,d of %,d rows", done, total));
                reported[0] = done;
            });
            rowsWritten = total;
            return Status.OK_STATUS;
        } catch (OperationCanceledException e) {
            return Status.CANCEL_STATUS;
        } catch (IOException | RuntimeException e) {
            return new Status(IStatus.ERROR, HandleLensUi.PLUGIN_ID,
                    "Could not export the handle table to " + target + ": " + e.getMessage(), e);
        } finally {
            monitor.done();
        }
    }
}
