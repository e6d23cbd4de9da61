package org.handlelens.ui.export;

import java.nio.file.Path;

import org.eclipse.core.commands.AbstractHandler;
import org.eclipse.core.commands.ExecutionEvent;
import org.eclipse.jface.dialogs.MessageDialog;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.FileDialog;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.ui.IEditorPart;
import org.eclipse.ui.handlers.HandlerUtil;
import org.handlelens.ui.editor.HandleLensEditor;

/**
 * File > Export Table...: writes the rows of the active editor's handle table (its current filters and sort
 * order) with the command line's columns ({@code handles --format csv|json}) in an {@link ExportTableJob}.
 */
public final class ExportTableHandler extends AbstractHandler {
    /** Command id (plugin.xml). */
    public static final String COMMAND_ID = "org.handlelens.ui.exportTable";

    @Override
    public Object execute(ExecutionEvent event) {
        Shell shell = HandlerUtil.getActiveShell(event);
        IEditorPart part = HandlerUtil.getActiveEditor(event);
        HandleLensEditor editor = part instanceof HandleLensEditor e ? e : null;
        if (editor == null || ExportTableJob.of(editor, Path.of("probe.csv")) == null) {
            MessageDialog.openInformation(shell, "Export Table",
                    "Open a trace or WinDbg log and wait for its handle table; Export Table writes the rows shown there.");
            return null;
        }
        FileDialog dialog = new FileDialog(shell, SWT.SAVE);
        dialog.setText("Export Handle Table");
        dialog.setFilterExtensions(new String[] { "*.csv", "*.json" });
        dialog.setFilterNames(new String[] { "CSV (comma-separated, RFC 4180)", "JSON array" });
        dialog.setFileName(baseName(part.getTitle()) + "-handles.csv");
        dialog.setOverwrite(true);
        String file = dialog.open();
        if (file == null) {
            return null;
        }
        ExportTableJob job = ExportTableJob.of(editor, Path.of(file));
        job.schedule();
        return job;
    }

    private static String baseName(String title) {
        int dot = title.lastIndexOf('.');
        return (dot > 0 ? title.substring(0, dot) : title).replaceAll("[^A-Za-z0-9._-]", "_");
    }
}
