package org.handlelens.rcp;

import java.util.List;

import org.eclipse.core.resources.ResourcesPlugin;
import org.eclipse.core.runtime.IAdaptable;
import org.eclipse.ui.application.IWorkbenchConfigurer;
import org.eclipse.ui.application.IWorkbenchWindowConfigurer;
import org.eclipse.ui.application.WorkbenchAdvisor;
import org.eclipse.ui.application.WorkbenchWindowAdvisor;
import org.eclipse.ui.ide.IDE;
import org.handlelens.ui.HandleLensPerspective;

/** Workbench advisor: HandleLens perspective, workspace as page input (for the navigator). */
final class HandleLensWorkbenchAdvisor extends WorkbenchAdvisor {
    private final List<String> filesToOpen;

    HandleLensWorkbenchAdvisor(String[] args) {
        this.filesToOpen = CommandLineFiles.existingFiles(args);
    }

    @Override
    public void initialize(IWorkbenchConfigurer configurer) {
        super.initialize(configurer);
        configurer.setSaveAndRestore(true);
        IDE.registerAdapters();
        // The IDE's advisor declares these; without them projects have no icon in the Project Explorer.
        declareIdeImage(configurer, IDE.SharedImages.IMG_OBJ_PROJECT, "icons/full/obj16/prj_obj.png");
        declareIdeImage(configurer, IDE.SharedImages.IMG_OBJ_PROJECT_CLOSED, "icons/full/obj16/cprj_obj.png");
    }

    private static void declareIdeImage(IWorkbenchConfigurer configurer, String symbolicName, String path) {
        org.osgi.framework.Bundle ide = org.eclipse.core.runtime.Platform.getBundle("org.eclipse.ui.ide");
        java.net.URL url = ide == null ? null
                : org.eclipse.core.runtime.FileLocator.find(ide, org.eclipse.core.runtime.IPath.fromOSString(path), null);
        if (url != null) {
            configurer.declareImage(symbolicName, org.eclipse.jface.resource.ImageDescriptor.createFromURL(url), true);
        }
    }

    @Override
    public String getInitialWindowPerspectiveId() {
        return HandleLensPerspective.ID;
    }

    @Override
    public IAdaptable getDefaultPageInput() {
        return ResourcesPlugin.getWorkspace().getRoot();
    }

    @Override
    public WorkbenchWindowAdvisor createWorkbenchWindowAdvisor(IWorkbenchWindowConfigurer configurer) {
        return new HandleLensWindowAdvisor(configurer, filesToOpen);
    }

    @Override
    public boolean preShutdown() {
        try {
            ResourcesPlugin.getWorkspace().save(true, null);
        } catch (org.eclipse.core.runtime.CoreException e) {
            // Saving the workspace snapshot is best effort; project files are already on disk.
            org.handlelens.ui.HandleLensUi.logError("Could not save the workspace", e);
        }
        return super.preShutdown();
    }
}
