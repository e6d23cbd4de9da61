package org.handlelens.ui.navigator;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.eclipse.core.resources.IProject;
import org.eclipse.core.resources.IResource;
import org.eclipse.core.resources.IWorkspaceRoot;
import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.Status;
import org.eclipse.swt.dnd.DND;
import org.eclipse.swt.dnd.DropTargetEvent;
import org.eclipse.swt.dnd.FileTransfer;
import org.eclipse.swt.dnd.TransferData;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.ui.navigator.CommonDropAdapter;
import org.eclipse.ui.navigator.CommonDropAdapterAssistant;
import org.handlelens.ui.HandleLensUi;
import org.handlelens.ui.imports.Detection;
import org.handlelens.ui.imports.TraceImportJob;
import org.handlelens.ui.load.ModelSourceRegistry;
import org.handlelens.ui.project.ImportMode;
import org.handlelens.ui.project.TraceProjectSettings;
import org.handlelens.ui.project.TraceProjects;

/**
 * Files dropped on a trace project (or anything in it) in the Project Explorer are imported into it;
 * files dropped on empty space go into a new trace project named after the first file. Drops on other
 * projects are left to the resource drop assistant.
 */
public final class TraceDropAssistant extends CommonDropAdapterAssistant {

    @Override
    public boolean isSupportedType(TransferData transferType) {
        return FileTransfer.getInstance().isSupportedType(transferType);
    }

    @Override
    public IStatus validateDrop(Object target, int operation, TransferData transferType) {
        if (!FileTransfer.getInstance().isSupportedType(transferType)) {
            return Status.CANCEL_STATUS;
        }
        if (target == null || target instanceof IWorkspaceRoot || traceProjectOf(target) != null) {
            DropTargetEvent event = getCurrentEvent();
            if (event != null) {
                event.detail = DND.DROP_COPY; // files are copied or linked, never moved
            }
            return Status.OK_STATUS;
        }
        return Status.CANCEL_STATUS;
    }

    @Override
    public IStatus handleDrop(CommonDropAdapter adapter, DropTargetEvent event, Object target) {
        if (!(event.data instanceof String[] names) || names.length == 0) {
            return Status.CANCEL_STATUS;
        }
        List<Path> files = new ArrayList<>();
        for (String n : names) {
            files.add(Path.of(n));
        }
        IProject project = traceProjectOf(target);
        String projectName = project != null ? project.getName() : DropTargets.newProjectName(files.get(0));
        ImportMode mode = project != null ? TraceProjectSettings.of(project).importMode() : ImportMode.COPY;
        Shell shell = getShell();
        new TraceImportJob(files, projectName, mode, ModelSourceRegistry.load(), rejected -> report(shell, rejected))
                .schedule();
        return Status.OK_STATUS;
    }

    private static void report(Shell shell, List<Detection> rejected) {
        StringBuilder text = new StringBuilder("These files were not imported:\n");
        for (Detection d : rejected) {
            text.append("\n").append(d.file().getFileName()).append(": ").append(d.reason());
        }
        HandleLensUi.logWarning(text.toString());
        if (shell != null && !shell.isDisposed()) {
            shell.getDisplay().asyncExec(() -> org.eclipse.jface.dialogs.MessageDialog.openWarning(shell,
                    "Import Trace Files", text.toString()));
        }
    }

    private static IProject traceProjectOf(Object target) {
        if (target instanceof IResource r && TraceProjects.isTraceProject(r.getProject())) {
            return r.getProject();
        }
        if (target instanceof TraceProcessNode n) {
            return n.trace().getProject();
        }
        return null;
    }
}
