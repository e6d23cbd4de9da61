package org.handlelens.rcp;

import java.io.File;
import java.util.List;

import org.eclipse.swt.graphics.Point;
import org.eclipse.ui.IWorkbenchPage;
import org.eclipse.ui.application.ActionBarAdvisor;
import org.eclipse.ui.application.IActionBarConfigurer;
import org.eclipse.ui.application.IWorkbenchWindowConfigurer;
import org.eclipse.ui.application.WorkbenchWindowAdvisor;
import org.eclipse.swt.dnd.FileTransfer;
import org.handlelens.ui.dnd.FileDropAdapter;
import org.handlelens.ui.editor.EditorOpener;
import org.handlelens.ui.welcome.WelcomeEditor;
import org.handlelens.ui.welcome.WelcomeInput;

/** Window advisor: size fits a 1366x768 screen; opens command-line files once the window is up. */
final class HandleLensWindowAdvisor extends WorkbenchWindowAdvisor {
    private final List<String> filesToOpen;

    HandleLensWindowAdvisor(IWorkbenchWindowConfigurer configurer, List<String> filesToOpen) {
        super(configurer);
        this.filesToOpen = filesToOpen;
    }

    @Override
    public ActionBarAdvisor createActionBarAdvisor(IActionBarConfigurer configurer) {
        return new HandleLensActionBarAdvisor(configurer);
    }

    @Override
    public void preWindowOpen() {
        IWorkbenchWindowConfigurer configurer = getWindowConfigurer();
        configurer.setInitialSize(new Point(1280, 720));
        configurer.setShowCoolBar(true);
        configurer.setShowStatusLine(true);
        configurer.setShowProgressIndicator(true);
        configurer.setTitle("HandleLens");
        configurer.addEditorAreaTransfer(FileTransfer.getInstance());
        configurer.configureEditorAreaDropListener(new FileDropAdapter(configurer.getWindow()));
    }

    @Override
    public void postWindowOpen() {
        IWorkbenchPage page = getWindowConfigurer().getWindow().getActivePage();
        for (String file : filesToOpen) {
            EditorOpener.open(page, new File(file));
        }
        if (filesToOpen.isEmpty() && page != null && page.getEditorReferences().length == 0) {
            try {
                page.openEditor(WelcomeInput.INSTANCE, WelcomeEditor.ID);
            } catch (org.eclipse.ui.PartInitException e) {
                org.handlelens.ui.HandleLensUi.logError("Could not open the Welcome page", e);
            }
        }
    }
}
