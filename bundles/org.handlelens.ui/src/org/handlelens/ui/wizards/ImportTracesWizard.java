package org.handlelens.ui.wizards;

import java.lang.reflect.InvocationTargetException;
import java.util.ArrayList;
import java.util.List;

import org.eclipse.core.resources.IFile;
import org.eclipse.core.resources.IProject;
import org.eclipse.core.resources.IResource;
import org.eclipse.core.resources.ResourcesPlugin;
import org.eclipse.core.runtime.CoreException;
import org.eclipse.core.runtime.IAdaptable;
import org.eclipse.core.runtime.jobs.IJobChangeEvent;
import org.eclipse.core.runtime.jobs.JobChangeAdapter;
import org.eclipse.jface.dialogs.ErrorDialog;
import org.eclipse.jface.viewers.IStructuredSelection;
import org.eclipse.jface.wizard.Wizard;
import org.eclipse.swt.widgets.Display;
import org.eclipse.ui.IImportWizard;
import org.eclipse.ui.IWorkbench;
import org.eclipse.ui.IWorkbenchWindow;
import org.eclipse.ui.wizards.newresource.BasicNewResourceWizard;
import org.handlelens.model.spi.ModelSources;
import org.handlelens.ui.HandleLensUi;
import org.handlelens.ui.editor.EditorOpener;
import org.handlelens.ui.imports.IndexTracesJob;
import org.handlelens.ui.imports.TraceImportOperation;
import org.handlelens.ui.load.ModelSourceRegistry;
import org.handlelens.ui.project.TraceProjects;

/**
 * File > Import > HandleLens > Trace Files: picks traces/logs, shows the detected formats, copies or
 * links the accepted ones into a (new or existing) trace project, indexes them in a Job and opens the
 * handle table on the first.
 */
public final class ImportTracesWizard extends Wizard implements IImportWizard {
    /** Wizard id (plugin.xml). */
    public static final String ID = "org.handlelens.ui.wizards.importTraces";

    private final ModelSources sources;
    private IWorkbench workbench;
    private IProject selectedProject;
    private ImportTracesPage page;
    private volatile IndexTracesJob indexJob;

    /** An import wizard over the contributed importers. */
    public ImportTracesWizard() {
        this(ModelSourceRegistry.load());
    }

    /** An import wizard over {@code sources}. */
    public ImportTracesWizard(ModelSources sources) {
        this.sources = sources;
        setWindowTitle("Import Trace Files");
        setNeedsProgressMonitor(true);
    }

    @Override
    public void init(IWorkbench workbench, IStructuredSelection selection) {
        this.workbench = workbench;
        Object first = selection == null ? null : selection.getFirstElement();
        IResource resource = first instanceof IAdaptable a ? a.getAdapter(IResource.class) : null;
        if (resource != null && TraceProjects.isTraceProject(resource.getProject())) {
            selectedProject = resource.getProject();
        }
    }

    @Override
    public void addPages() {
        page = new ImportTracesPage(sources, selectedProject);
        addPage(page);
    }

    /** The page (tests). */
    public ImportTracesPage page() {
        return page;
    }

    /** The indexing job started by finishing, or null. */
    public IndexTracesJob indexJob() {
        return indexJob;
    }

    @Override
    public boolean canFinish() {
        return page != null && page.isPageComplete();
    }

    @Override
    public boolean performFinish() {
        TraceImportOperation.Request request = page.request();
        List<IFile> imported = new ArrayList<>();
        try {
            getContainer().run(true, true, monitor -> {
                try {
                    ResourcesPlugin.getWorkspace().run(m -> imported.addAll(TraceImportOperation.run(request, m)),
                            ResourcesPlugin.getWorkspace().getRoot(), 0, monitor);
                } catch (CoreException e) {
                    throw new InvocationTargetException(e);
                }
            });
        } catch (InvocationTargetException e) {
            Throwable cause = e.getCause();
            HandleLensUi.logError("Could not import into " + request.projectName(), cause);
            ErrorDialog.openError(getShell(), "Import Trace Files", "Could not import into " + request.projectName(),
                    cause instanceof CoreException ce ? ce.getStatus()
                            : new org.eclipse.core.runtime.Status(org.eclipse.core.runtime.IStatus.ERROR,
                                    HandleLensUi.PLUGIN_ID, String.valueOf(cause), cause));
            return false;
        } catch (InterruptedException e) {
            return false;
        }
        IWorkbenchWindow window = workbench == null ? null : workbench.getActiveWorkbenchWindow();
        if (window != null && !imported.isEmpty()) {
            BasicNewResourceWizard.selectAndReveal(imported.get(0).getProject(), window);
        }
        IndexTracesJob job = new IndexTracesJob(imported, sources, HandleLensUi.getDefault().traceSummaries());
        job.addJobChangeListener(new JobChangeAdapter() {
            @Override
            public void done(IJobChangeEvent event) {
                List<IFile> ok = job.indexed();
                if (window == null || ok.isEmpty()) {
                    return;
                }
                Display display = window.getShell().getDisplay();
                display.asyncExec(() -> {
                    if (!window.getShell().isDisposed() && window.getActivePage() != null) {
                        EditorOpener.open(window.getActivePage(), ok.get(0));
                    }
                });
            }
        });
        indexJob = job;
        job.schedule();
        return true;
    }
}
