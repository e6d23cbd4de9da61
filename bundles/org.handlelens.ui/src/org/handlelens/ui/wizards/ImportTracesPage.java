package org.handlelens.ui.wizards;

import java.lang.reflect.InvocationTargetException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;

import org.eclipse.core.resources.IProject;
import org.eclipse.core.resources.IResource;
import org.eclipse.core.resources.ResourcesPlugin;
import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.OperationCanceledException;
import org.eclipse.core.runtime.SubMonitor;
import org.eclipse.jface.dialogs.IMessageProvider;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.jface.layout.TableColumnLayout;
import org.eclipse.jface.viewers.ColumnPixelData;
import org.eclipse.jface.viewers.ColumnWeightData;
import org.eclipse.jface.viewers.ArrayContentProvider;
import org.eclipse.jface.viewers.ColumnLabelProvider;
import org.eclipse.jface.viewers.ColumnViewerToolTipSupport;
import org.eclipse.jface.viewers.TableViewer;
import org.eclipse.jface.viewers.TableViewerColumn;
import org.eclipse.jface.wizard.WizardPage;
import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.Color;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.DirectoryDialog;
import org.eclipse.swt.widgets.FileDialog;
import org.eclipse.swt.widgets.Group;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.Text;
import org.handlelens.model.spi.ModelSources;
import org.handlelens.ui.HandleLensUi;
import org.handlelens.ui.HelpContexts;
import org.handlelens.ui.imports.Detection;
import org.handlelens.ui.imports.TraceDetector;
import org.handlelens.ui.imports.TraceImportOperation;
import org.handlelens.ui.load.EclipseProgress;
import org.handlelens.ui.navigator.DropTargets;
import org.handlelens.ui.project.ImportMode;
import org.handlelens.ui.project.TraceProjects;

/**
 * The import page: the candidate files with their detected format, confidence and (when rejected)
 * the reason; the target trace project (new or existing); copy or link. Detection runs in the
 * wizard's progress part (cancelable), never in a listener on the UI thread.
 */
public final class ImportTracesPage extends WizardPage {
    private final TraceDetector detector;
    private final IProject initialProject;
    /** Detections by file, in the order added. */
    private final Map<Path, Detection> detections = new LinkedHashMap<>();

    private TableViewer viewer;
    private TableColumnLayout columns;
    private Label summary;
    private Button newProjectButton;
    private Text newProjectName;
    private Button existingProjectButton;
    private Combo existingProject;
    private Button copyButton;
    private Button linkButton;
    private boolean nameEdited;

    ImportTracesPage(ModelSources sources, IProject initialProject) {
        super("importTraces");
        this.detector = new TraceDetector(sources);
        this.initialProject = initialProject;
        setTitle("Import Trace Files");
        setDescription("Choose ETW traces (.etl) or WinDbg logs (.txt, .log) and the trace project to put them in.");
        setPageComplete(false);
    }

    @Override
    public void createControl(Composite parent) {
        Composite root = new Composite(parent, SWT.NONE);
        GridLayoutFactory.swtDefaults().numColumns(1).applyTo(root);
        createFilesGroup(root);
        createProjectGroup(root);
        createModeGroup(root);
        setControl(root);
        HelpContexts.set(root, HelpContexts.IMPORT_WIZARD);
        update();
    }

    private void createFilesGroup(Composite root) {
        Group group = new Group(root, SWT.NONE);
        group.setText("Files");
        GridDataFactory.fillDefaults().grab(true, true).applyTo(group);
        GridLayoutFactory.swtDefaults().numColumns(2).applyTo(group);

        // the Status column takes the width left over, so reasons are readable without scrolling
        Composite tableArea = new Composite(group, SWT.NONE);
        GridDataFactory.fillDefaults().grab(true, true).hint(760, 150).span(1, 4).applyTo(tableArea);
        columns = new TableColumnLayout();
        tableArea.setLayout(columns);
        viewer = new TableViewer(tableArea, SWT.MULTI | SWT.BORDER | SWT.FULL_SELECTION | SWT.V_SCROLL | SWT.H_SCROLL);
        Table table = viewer.getTable();
        table.setHeaderVisible(true);
        table.setLinesVisible(true);
        viewer.setContentProvider(ArrayContentProvider.getInstance());
        ColumnViewerToolTipSupport.enableFor(viewer);
        column("File", 270, d -> d.file().getFileName().toString(), d -> d.file().toString());
        column("Format", 70, Detection::formatLabel, null);
        column("Confidence", 95, d -> d.formatId() == null ? "\u2013" : d.confidence() + "%", null);
        column("Size", 75, d -> d.sizeBytes() < 0 ? "\u2013" : humanSize(d.sizeBytes()), null);
        column("Status", -1, ImportTracesPage::statusText, ImportTracesPage::statusText);
        viewer.setInput(List.of());

        button(group, "Add &Files\u2026", this::browseFiles);
        button(group, "Add F&older\u2026", this::browseFolder);
        Button remove = button(group, "&Remove", this::removeSelected);
        remove.setEnabled(false);
        viewer.addSelectionChangedListener(e -> remove.setEnabled(!e.getSelection().isEmpty()));
        new Label(group, SWT.NONE); // keeps the buttons at the top

        summary = new Label(group, SWT.WRAP);
        GridDataFactory.fillDefaults().grab(true, false).hint(760, SWT.DEFAULT).span(2, 1).applyTo(summary);
    }

    private interface CellText {
        String of(Detection d);
    }

    private void column(String title, int width, CellText text, CellText tooltip) {
        TableViewerColumn c = new TableViewerColumn(viewer, SWT.LEFT);
        c.getColumn().setText(title);
        c.getColumn().setResizable(true);
        columns.setColumnData(c.getColumn(), width < 0 ? new ColumnWeightData(100, 200, true)
                : new ColumnPixelData(width, true));
        c.setLabelProvider(new ColumnLabelProvider() {
            @Override
            public String getText(Object element) {
                return text.of((Detection) element);
            }

            @Override
            public String getToolTipText(Object element) {
                return tooltip == null ? null : tooltip.of((Detection) element);
            }

            @Override
            public Color getForeground(Object element) {
                return ((Detection) element).accepted() ? null
                        : viewer.getControl().getDisplay().getSystemColor(SWT.COLOR_DARK_RED);
            }
        });
    }

    /** Status column text: {@code Ready}, or {@code Rejected: why}. */
    static String statusText(Detection d) {
        if (!d.accepted()) {
            return "Rejected: " + d.reason();
        }
        return d.reason().isEmpty() ? "Ready to import" : "Ready to import (" + d.reason() + ")";
    }

    private static String humanSize(long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        if (bytes < 1024 * 1024) {
            return String.format("%.1f KiB", bytes / 1024.0);
        }
        if (bytes < 1024L * 1024 * 1024) {
            return String.format("%.1f MiB", bytes / (1024.0 * 1024));
        }
        return String.format("%.2f GiB", bytes / (1024.0 * 1024 * 1024));
    }

    private Button button(Composite parent, String text, Runnable action) {
        Button b = new Button(parent, SWT.PUSH);
        b.setText(text);
        GridDataFactory.fillDefaults().align(SWT.FILL, SWT.TOP).applyTo(b);
        b.addListener(SWT.Selection, e -> action.run());
        return b;
    }

    private void createProjectGroup(Composite root) {
        Group group = new Group(root, SWT.NONE);
        group.setText("Trace project");
        GridDataFactory.fillDefaults().grab(true, false).applyTo(group);
        GridLayoutFactory.swtDefaults().numColumns(2).applyTo(group);

        newProjectButton = new Button(group, SWT.RADIO);
        newProjectButton.setText("&New project:");
        newProjectName = new Text(group, SWT.BORDER);
        GridDataFactory.fillDefaults().grab(true, false).applyTo(newProjectName);
        newProjectName.addListener(SWT.Modify, e -> update());
        newProjectName.addListener(SWT.KeyDown, e -> nameEdited = true);

        existingProjectButton = new Button(group, SWT.RADIO);
        existingProjectButton.setText("E&xisting project:");
        existingProject = new Combo(group, SWT.READ_ONLY | SWT.DROP_DOWN);
        GridDataFactory.fillDefaults().grab(true, false).applyTo(existingProject);
        for (IProject p : TraceProjects.all()) {
            existingProject.add(p.getName());
        }
        boolean useExisting = initialProject != null;
        if (useExisting) {
            existingProject.setText(initialProject.getName());
        } else if (existingProject.getItemCount() > 0) {
            existingProject.select(0);
        }
        existingProjectButton.setEnabled(existingProject.getItemCount() > 0);
        newProjectButton.setSelection(!useExisting);
        existingProjectButton.setSelection(useExisting);
        newProjectButton.addListener(SWT.Selection, e -> update());
        existingProjectButton.addListener(SWT.Selection, e -> update());
        existingProject.addListener(SWT.Selection, e -> update());
    }

    private void createModeGroup(Composite root) {
        Group group = new Group(root, SWT.NONE);
        group.setText("Import as");
        GridDataFactory.fillDefaults().grab(true, false).applyTo(group);
        GridLayoutFactory.swtDefaults().numColumns(2).equalWidth(false).applyTo(group);
        copyButton = new Button(group, SWT.RADIO);
        copyButton.setText("&Copy into the project");
        copyButton.setToolTipText("The project is self-contained; the index is stored beside the copy.");
        copyButton.setSelection(true);
        linkButton = new Button(group, SWT.RADIO);
        linkButton.setText("&Link to the original files");
        linkButton.setToolTipText("No copy of large traces; the index is stored in the project, "
                + "never next to the original.");
    }

    private void browseFiles() {
        FileDialog dialog = new FileDialog(getShell(), SWT.OPEN | SWT.MULTI);
        dialog.setText("Add Trace Files");
        dialog.setFilterExtensions(new String[] {"*.etl;*.txt;*.log", "*.etl", "*.txt;*.log", "*.*"});
        dialog.setFilterNames(new String[] {"Traces and WinDbg logs", "ETW traces (*.etl)",
            "WinDbg output (*.txt, *.log)", "All files"});
        if (dialog.open() == null) {
            return;
        }
        List<Path> files = new ArrayList<>();
        for (String name : dialog.getFileNames()) {
            files.add(Path.of(dialog.getFilterPath(), name));
        }
        addFiles(files);
    }

    private void browseFolder() {
        DirectoryDialog dialog = new DirectoryDialog(getShell());
        dialog.setText("Add a Folder of Traces");
        dialog.setMessage("All .etl, .txt and .log files of the folder are added.");
        String folder = dialog.open();
        if (folder != null) {
            addFiles(List.of(Path.of(folder)));
        }
    }

    private void removeSelected() {
        for (Object o : viewer.getStructuredSelection().toList()) {
            detections.remove(((Detection) o).file());
        }
        refresh();
    }

    /** Replaces the file list with {@code paths} (files or folders) and detects their formats. */
    public void setFiles(List<Path> paths) {
        detections.clear();
        addFiles(paths);
    }

    /** Adds files or folders and detects their formats in the wizard's progress part. */
    public void addFiles(List<Path> paths) {
        List<Path> files;
        try {
            files = TraceDetector.expand(paths);
        } catch (java.io.IOException e) {
            setErrorMessage("Could not list " + paths + ": " + e.getMessage());
            return;
        }
        files.removeIf(detections::containsKey);
        List<Detection> found = new ArrayList<>();
        try {
            getContainer().run(true, true, monitor -> {
                SubMonitor sub = SubMonitor.convert(monitor, "Detecting formats", files.size());
                for (Path f : files) {
                    sub.subTask(f.getFileName().toString());
                    try {
                        found.add(detector.detect(f, new EclipseProgress(sub.split(1))));
                    } catch (CancellationException | OperationCanceledException e) {
                        throw new InterruptedException();
                    }
                }
            });
        } catch (InvocationTargetException e) {
            HandleLensUi.logError("Format detection failed", e.getCause());
            setErrorMessage("Format detection failed: " + e.getCause());
        } catch (InterruptedException e) {
            // canceled: keep what was detected so far
        }
        for (Detection d : found) {
            detections.put(d.file(), d);
        }
        if (!nameEdited && newProjectName.getText().isBlank()) {
            found.stream().filter(Detection::accepted).findFirst()
                    .ifPresent(d -> newProjectName.setText(DropTargets.newProjectName(d.file())));
        }
        refresh();
    }

    private void refresh() {
        viewer.setInput(List.copyOf(detections.values()));
        update();
    }

    /** Sets the new project's name and selects "New project". */
    public void setNewProjectName(String name) {
        nameEdited = true;
        newProjectButton.setSelection(true);
        existingProjectButton.setSelection(false);
        newProjectName.setText(name);
        update();
    }

    /** Selects copy or link. */
    public void setMode(ImportMode mode) {
        copyButton.setSelection(mode == ImportMode.COPY);
        linkButton.setSelection(mode == ImportMode.LINK);
        update();
    }

    /** The project the files go to (new or existing), as chosen now. */
    public String targetProjectName() {
        return projectName();
    }

    /** True when a new project will be created. */
    public boolean isNewProject() {
        return newProjectButton.getSelection();
    }

    /** The selected import mode. */
    public ImportMode mode() {
        return linkButton.getSelection() ? ImportMode.LINK : ImportMode.COPY;
    }

    /** The summary under the table (counts and the reasons for rejected files). */
    public String summaryText() {
        return summary.getText();
    }

    /** The detections shown, in order. */
    public List<Detection> detections() {
        return List.copyOf(detections.values());
    }

    /** The files table (tests, screenshots). */
    public TableViewer viewer() {
        return viewer;
    }

    /** The import to run. */
    TraceImportOperation.Request request() {
        List<Path> accepted = detections.values().stream().filter(Detection::accepted).map(Detection::file).toList();
        return new TraceImportOperation.Request(accepted, projectName(), mode());
    }

    private String projectName() {
        return newProjectButton.getSelection() ? newProjectName.getText().strip() : existingProject.getText();
    }

    private void update() {
        if (newProjectName == null || summary == null) {
            return;
        }
        newProjectName.setEnabled(newProjectButton.getSelection());
        existingProject.setEnabled(existingProjectButton.getSelection());
        long accepted = detections.values().stream().filter(Detection::accepted).count();
        int rejected = detections.size() - (int) accepted;
        StringBuilder text = new StringBuilder(detections.isEmpty() ? "Add files or a folder."
                : accepted + " of " + detections.size() + " files will be imported"
                        + (rejected > 0 ? "; " + rejected + " rejected:" : "."));
        // the reasons in full (the Status column may cut them), the first few only
        detections.values().stream().filter(d -> !d.accepted()).limit(3)
                .forEach(d -> text.append("\n").append(d.file().getFileName()).append(": ").append(d.reason()));
        if (rejected > 3) {
            text.append("\n\u2026 and ").append(rejected - 3).append(" more (see the Status column).");
        }
        summary.setText(text.toString());
        summary.getParent().layout();
        String error = validate(accepted);
        setErrorMessage(error);
        if (error == null && rejected > 0) {
            setMessage(rejected + (rejected == 1 ? " file is" : " files are")
                    + " not recognised and will be skipped.", IMessageProvider.WARNING);
        } else {
            setMessage(null);
        }
        setPageComplete(error == null);
    }

    private String validate(long accepted) {
        if (accepted == 0) {
            return detections.isEmpty() ? null : "None of the files is a trace or WinDbg log HandleLens can read.";
        }
        String name = projectName();
        if (newProjectButton.getSelection()) {
            if (name.isEmpty()) {
                return "Enter a name for the new trace project.";
            }
            IStatus valid = ResourcesPlugin.getWorkspace().validateName(name, IResource.PROJECT);
            if (!valid.isOK()) {
                return valid.getMessage();
            }
            if (ResourcesPlugin.getWorkspace().getRoot().getProject(name).exists()) {
                return "A project named " + name + " exists; choose it as the existing project or another name.";
            }
        } else if (name.isEmpty()) {
            return "Choose an existing trace project.";
        }
        return null;
    }

    @Override
    public boolean isPageComplete() {
        return super.isPageComplete() && detections.values().stream().anyMatch(Detection::accepted);
    }
}
