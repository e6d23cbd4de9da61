package org.handlelens.ui.editor;

import java.net.URI;
import java.nio.file.Path;

import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.jobs.IJobChangeEvent;
import org.eclipse.core.runtime.jobs.JobChangeAdapter;
import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Label;
import org.eclipse.ui.IEditorInput;
import org.eclipse.ui.IEditorSite;
import org.eclipse.ui.IFileEditorInput;
import org.eclipse.ui.IURIEditorInput;
import org.eclipse.ui.PartInitException;
import org.eclipse.ui.part.MultiPageEditorPart;
import org.handlelens.model.HandleModel;
import org.handlelens.ui.load.ModelLoadJob;
import org.handlelens.ui.load.ModelSourceRegistry;
import org.handlelens.ui.project.TraceIndexLocation;
import org.handlelens.ui.project.TraceProjects;

/**
 * The handle-table editor: opens a WinDbg log or ETL trace, indexes it in a Job and shows
 * the "Handles" page (WPA's columns) and the "Processes" page (handle counts per process).
 */
public final class HandleLensEditor extends MultiPageEditorPart {
    /** Editor id (plugin.xml). */
    public static final String ID = "org.handlelens.ui.editor.handles";

    private Path file;
    private volatile HandleModel model;
    private volatile String loadError;
    private Composite statusPage;
    private Label statusLabel;
    private HandleTablePage handlesPage;
    private ProcessesPage processesPage;

    @Override
    public void init(IEditorSite site, IEditorInput input) throws PartInitException {
        Path path = pathOf(input);
        if (path == null) {
            throw new PartInitException("HandleLens opens local files only: " + input.getName());
        }
        this.file = path;
        super.init(site, input);
        setPartName(input.getName());
        setTitleToolTip(path.toString());
    }

    private static Path pathOf(IEditorInput input) {
        if (input instanceof IFileEditorInput f && f.getFile().getLocation() != null) {
            return f.getFile().getLocation().toFile().toPath();
        }
        if (input instanceof IURIEditorInput u) {
            URI uri = u.getURI();
            if (uri != null && "file".equals(uri.getScheme())) {
                return Path.of(uri);
            }
        }
        return null;
    }

    @Override
    protected void createPages() {
        statusPage = new Composite(getContainer(), SWT.NONE);
        statusPage.setLayout(new GridLayout(1, false));
        statusLabel = new Label(statusPage, SWT.WRAP);
        statusLabel.setLayoutData(new GridData(SWT.FILL, SWT.TOP, true, false));
        statusLabel.setText("Indexing " + file + " ...");
        int index = addPage(statusPage);
        setPageText(index, "Handles");
        startLoad();
    }

    private void startLoad() {
        // a trace in a trace project reopens from (or writes) its persisted index
        Path index = getEditorInput() instanceof IFileEditorInput f && TraceProjects.isTrace(f.getFile())
                ? TraceIndexLocation.of(f.getFile()) : null;
        ModelLoadJob job = new ModelLoadJob(file, index, ModelSourceRegistry.load(), m -> model = m,
                e -> loadError = e);
        job.addJobChangeListener(new JobChangeAdapter() {
            @Override
            public void done(IJobChangeEvent event) {
                Display display = getSite().getShell().getDisplay();
                if (!display.isDisposed()) {
                    display.asyncExec(HandleLensEditor.this::showResult);
                }
            }
        });
        job.schedule();
    }

    private void showResult() {
        if (statusPage == null || statusPage.isDisposed()) {
            return;
        }
        if (model == null) {
            statusLabel.setText(loadError == null ? "Nothing was read from " + file : loadError);
            statusPage.layout();
            return;
        }
        removePage(0);
        handlesPage = new HandleTablePage(getContainer(), model, getSite());
        setPageText(addPage(handlesPage.control()), "Handles");
        processesPage = new ProcessesPage(getContainer(), model);
        setPageText(addPage(processesPage.control()), "Processes");
        setActivePage(0);
        if (model.isPartial()) {
            setContentDescription("Partial: " + model.partialReason());
        }
        firePropertyChange(PROP_TITLE);
    }

    /** Shows page {@code index} (0 Handles, 1 Processes). */
    public void showPage(int index) {
        setActivePage(index);
    }

    /** The loaded model, or null while indexing or after a failure. */
    public HandleModel model() {
        return model;
    }

    /** The error shown when loading failed, else null. */
    public String loadError() {
        return loadError;
    }

    /** The handle table page, or null while indexing. */
    public HandleTablePage handlesPage() {
        return handlesPage;
    }

    /** The processes page, or null while indexing. */
    public ProcessesPage processesPage() {
        return processesPage;
    }

    @Override
    public void setFocus() {
        if (handlesPage != null && getActivePage() == 0) {
            handlesPage.setFocus();
        } else {
            super.setFocus();
        }
    }

    @Override
    public void doSave(IProgressMonitor monitor) {
        // Read-only analysis editor: nothing to save.
    }

    @Override
    public void doSaveAs() {
        // Read-only analysis editor.
    }

    @Override
    public boolean isSaveAsAllowed() {
        return false;
    }

    @Override
    public boolean isDirty() {
        return false;
    }
}
