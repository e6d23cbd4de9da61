package org.handlelens.ui.wizards;

import java.lang.reflect.InvocationTargetException;
import java.net.URI;

import org.eclipse.core.resources.IProject;
import org.eclipse.core.runtime.CoreException;
import org.eclipse.jface.dialogs.ErrorDialog;
import org.eclipse.jface.viewers.IStructuredSelection;
import org.eclipse.jface.wizard.Wizard;
import org.eclipse.ui.INewWizard;
import org.eclipse.ui.IWorkbench;
import org.eclipse.ui.dialogs.WizardNewProjectCreationPage;
import org.eclipse.ui.wizards.newresource.BasicNewResourceWizard;
import org.handlelens.ui.HandleLensUi;
import org.handlelens.ui.project.TraceProjects;

/** File > New > HandleLens Trace Project: a project with the trace nature and a Traces folder. */
public final class NewTraceProjectWizard extends Wizard implements INewWizard {
    /** Wizard id (plugin.xml). */
    public static final String ID = "org.handlelens.ui.wizards.newTraceProject";

    private IWorkbench workbench;
    private WizardNewProjectCreationPage page;
    private IProject created;

    /** A new-project wizard. */
    public NewTraceProjectWizard() {
        setWindowTitle("New HandleLens Trace Project");
        setNeedsProgressMonitor(true);
    }

    @Override
    public void init(IWorkbench workbench, IStructuredSelection selection) {
        this.workbench = workbench;
    }

    @Override
    public void addPages() {
        page = new WizardNewProjectCreationPage("traceProject");
        page.setTitle("Trace Project");
        page.setDescription("Create a project for ETW traces and WinDbg logs (they go into its Traces folder).");
        addPage(page);
    }

    @Override
    public boolean performFinish() {
        String name = page.getProjectName();
        URI location = page.useDefaults() ? null : page.getLocationURI();
        try {
            getContainer().run(true, true, monitor -> {
                try {
                    created = TraceProjects.create(name, location, monitor);
                } catch (CoreException e) {
                    throw new InvocationTargetException(e);
                }
            });
        } catch (InvocationTargetException e) {
            Throwable cause = e.getCause();
            HandleLensUi.logError("Could not create trace project " + name, cause);
            if (cause instanceof CoreException ce) {
                ErrorDialog.openError(getShell(), "New Trace Project", "Could not create " + name, ce.getStatus());
            }
            return false;
        } catch (InterruptedException e) {
            return false;
        }
        if (workbench != null && workbench.getActiveWorkbenchWindow() != null) {
            BasicNewResourceWizard.selectAndReveal(created, workbench.getActiveWorkbenchWindow());
        }
        return true;
    }

    /** The project made by the last finish, or null. */
    public IProject createdProject() {
        return created;
    }
}
