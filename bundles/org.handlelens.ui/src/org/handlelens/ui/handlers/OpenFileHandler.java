package org.handlelens.ui.handlers;

import java.io.File;

import org.eclipse.core.commands.AbstractHandler;
import org.eclipse.core.commands.ExecutionEvent;
import org.eclipse.core.commands.ExecutionException;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.FileDialog;
import org.eclipse.ui.IWorkbenchWindow;
import org.eclipse.ui.handlers.HandlerUtil;
import org.handlelens.ui.editor.EditorOpener;

/** File > Open File...: picks ETL traces or WinDbg logs and opens each in the handle editor. */
public final class OpenFileHandler extends AbstractHandler {
    @Override
    public Object execute(ExecutionEvent event) throws ExecutionException {
        IWorkbenchWindow window = HandlerUtil.getActiveWorkbenchWindowChecked(event);
        FileDialog dialog = new FileDialog(window.getShell(), SWT.OPEN | SWT.MULTI);
        dialog.setText("Open Trace or WinDbg Log");
        dialog.setFilterExtensions(new String[] { "*.etl;*.txt;*.log", "*.etl", "*.txt;*.log", "*.*" });
        dialog.setFilterNames(new String[] { "Traces and WinDbg logs", "ETW traces (*.etl)",
            "WinDbg output (*.txt, *.log)", "All files" });
        if (dialog.open() == null) {
            return null;
        }
        for (String name : dialog.getFileNames()) {
            EditorOpener.open(window.getActivePage(), new File(dialog.getFilterPath(), name));
        }
        return null;
    }
}
