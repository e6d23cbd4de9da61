package org.handlelens.ui.dnd;

import java.io.File;

import org.eclipse.swt.dnd.DND;
import org.eclipse.swt.dnd.DropTargetAdapter;
import org.eclipse.swt.dnd.DropTargetEvent;
import org.eclipse.swt.dnd.FileTransfer;
import org.eclipse.ui.IWorkbenchWindow;
import org.handlelens.ui.editor.EditorOpener;

/** Files dropped on the editor area open in the handle editor. */
public final class FileDropAdapter extends DropTargetAdapter {
    private final IWorkbenchWindow window;

    /** Drop handler for {@code window}'s editor area. */
    public FileDropAdapter(IWorkbenchWindow window) {
        this.window = window;
    }

    @Override
    public void dragEnter(DropTargetEvent event) {
        if (FileTransfer.getInstance().isSupportedType(event.currentDataType)) {
            event.detail = DND.DROP_COPY;
        }
    }

    @Override
    public void drop(DropTargetEvent event) {
        if (event.data instanceof String[] names) {
            for (String name : names) {
                File f = new File(name);
                if (f.isFile()) {
                    EditorOpener.open(window.getActivePage(), f);
                }
            }
        }
    }
}
