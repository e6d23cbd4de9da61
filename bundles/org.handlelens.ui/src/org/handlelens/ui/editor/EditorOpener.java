package org.handlelens.ui.editor;

import java.io.File;

import org.eclipse.core.filesystem.EFS;
import org.eclipse.core.filesystem.IFileStore;
import org.eclipse.jface.dialogs.MessageDialog;
import org.eclipse.ui.IEditorPart;
import org.eclipse.ui.IWorkbenchPage;
import org.eclipse.ui.PartInitException;
import org.eclipse.ui.ide.FileStoreEditorInput;
import org.handlelens.ui.HandleLensUi;

/** Opens local files in the handle editor (menu, drag and drop, command line). */
public final class EditorOpener {
    private EditorOpener() {
    }

    /** Opens workspace file {@code file} (e.g. a trace of a trace project) in the HandleLens editor. */
    public static IEditorPart open(IWorkbenchPage page, org.eclipse.core.resources.IFile file) {
        try {
            return page.openEditor(new org.eclipse.ui.part.FileEditorInput(file), HandleLensEditor.ID);
        } catch (PartInitException e) {
            HandleLensUi.logError("Could not open " + file.getFullPath(), e);
            MessageDialog.openError(page.getWorkbenchWindow().getShell(), "Open Trace",
                    "Could not open " + file.getFullPath() + ":\n" + e.getMessage());
            return null;
        }
    }

    /** Opens {@code file} in the HandleLens editor; errors go to the Error Log and a dialog. */
    public static IEditorPart open(IWorkbenchPage page, File file) {
        IFileStore store = EFS.getLocalFileSystem().getStore(file.toURI());
        try {
            return page.openEditor(new FileStoreEditorInput(store), HandleLensEditor.ID);
        } catch (PartInitException e) {
            HandleLensUi.logError("Could not open " + file, e);
            MessageDialog.openError(page.getWorkbenchWindow().getShell(), "Open File",
                    "Could not open " + file + ":\n" + e.getMessage());
            return null;
        }
    }
}
