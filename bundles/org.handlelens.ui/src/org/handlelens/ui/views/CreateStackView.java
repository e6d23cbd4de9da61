package org.handlelens.ui.views;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;

import org.eclipse.core.runtime.IAdaptable;
import org.eclipse.jface.viewers.ArrayContentProvider;
import org.eclipse.jface.viewers.ColumnViewerToolTipSupport;
import org.eclipse.jface.viewers.IStructuredSelection;
import org.eclipse.jface.viewers.TableViewer;
import org.eclipse.jface.viewers.TableViewerColumn;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Table;
import org.eclipse.ui.ISelectionListener;
import org.eclipse.ui.IWorkbenchPart;
import org.eclipse.ui.PartInitException;
import org.eclipse.ui.part.ViewPart;
import org.eclipse.ui.views.properties.IPropertySource;
import org.handlelens.model.HandleModel;
import org.handlelens.model.query.HandleColumn;
import org.handlelens.symbols.resolve.ModuleSymbols;
import org.handlelens.ui.HandleLensUi;
import org.handlelens.ui.editor.HandleRef;
import org.handlelens.ui.properties.FramePropertySource;
import org.handlelens.ui.symbols.SymbolSession;
import org.handlelens.ui.symbols.SymbolSession.FrameLine;
import org.handlelens.ui.TextLabelProvider;

/**
 * The Create Stack view: the create stack of the handle selected in a handle editor, one line per frame
 * (innermost first) with its address, {@code module!function+0xNN} (resolved when symbols are loaded, else
 * the text the source gave), its source file and line when the module's PDB has line tables (file name and
 * line; the tool tip shows the full recorded path) and the module's symbol status. Double-click shows the
 * frame's module in the Modules view.
 */
public final class CreateStackView extends ViewPart {
    /** View id (plugin.xml). */
    public static final String ID = "org.handlelens.ui.views.createStack";

    private static final int SOURCE_COLUMN = 3;

    private TableViewer viewer;
    private SymbolSession session;
    private int row = -1;
    private final Runnable sessionListener = this::sessionChanged;
    private final AtomicBoolean refreshQueued = new AtomicBoolean();
    private final ISelectionListener selectionListener = this::selectionChanged;

    /** One table line: frame number and the frame; the Properties view shows it. */
    private record Line(SymbolSession session, int index, FrameLine frame) implements IAdaptable {
        @Override
        public <T> T getAdapter(Class<T> adapter) {
            return adapter == IPropertySource.class ? adapter.cast(new FramePropertySource(session, index, frame)) : null;
        }
    }

    @Override
    public void createPartControl(Composite parent) {
        viewer = new TableViewer(parent, SWT.SINGLE | SWT.FULL_SELECTION | SWT.BORDER | SWT.V_SCROLL | SWT.H_SCROLL);
        Table table = viewer.getTable();
        table.setHeaderVisible(true);
        table.setLinesVisible(true);
        column("#", 36, l -> Integer.toString(l.index()));
        column("Address", 140, l -> l.frame().address() == 0 ? "" : "0x" + Long.toHexString(l.frame().address()));
        column("Frame", 460, l -> l.frame().text());
        column("Source", 220, l -> l.frame().sourceLabel(), l -> l.frame().sourceToolTip());
        column("Symbols", 110, this::moduleStatus);
        ColumnViewerToolTipSupport.enableFor(viewer);
        viewer.setContentProvider(ArrayContentProvider.getInstance());
        viewer.addDoubleClickListener(e -> showModuleOfSelection());
        getSite().setSelectionProvider(viewer);
        getSite().getPage().addSelectionListener(selectionListener);
        selectionChanged(getSite().getPage().getActiveEditor(),
                getSite().getPage().getActiveEditor() == null ? null
                        : getSite().getPage().getActiveEditor().getSite().getSelectionProvider() == null ? null
                        : getSite().getPage().getActiveEditor().getSite().getSelectionProvider().getSelection());
        refresh();
    }

    private void column(String title, int width, Function<Line, String> text) {
        column(title, width, text, l -> null);
    }

    private void column(String title, int width, Function<Line, String> text, Function<Line, String> toolTip) {
        TableViewerColumn c = new TableViewerColumn(viewer, SWT.LEFT);
        c.getColumn().setText(title);
        c.getColumn().setWidth(width);
        c.setLabelProvider(new TextLabelProvider<>(Line.class, text, toolTip));
    }

    private String moduleStatus(Line l) {
        if (l.frame().module() == null || session == null) {
            return "";
        }
        ModuleSymbols s = session.symbols(l.frame().module());
        return s == null ? "not loaded" : s.status().label();
    }

    private void selectionChanged(IWorkbenchPart part, org.eclipse.jface.viewers.ISelection selection) {
        if (part == null || part == this || !(selection instanceof IStructuredSelection s) || s.isEmpty()) {
            return;
        }
        SymbolSession partSession = SessionTracker.sessionOf(part);
        // several rows (SelectedRows) adapt to their first row
        HandleRef ref = org.eclipse.core.runtime.Adapters.adapt(s.getFirstElement(), HandleRef.class);
        if (partSession != null && ref != null && ref.model() == partSession.model()) {
            show(partSession, ref.row());
        }
    }

    /** Shows the create stack of {@code modelRow} of the session's model. */
    public void show(SymbolSession s, int modelRow) {
        if (session != s) {
            if (session != null) {
                session.removeListener(sessionListener);
            }
            session = s;
            if (s != null) {
                s.addListener(sessionListener);
            }
        }
        row = modelRow;
        refresh();
    }

    private void sessionChanged() {
        if (refreshQueued.compareAndSet(false, true) && !viewer.getTable().isDisposed()) {
            viewer.getTable().getDisplay().asyncExec(() -> {
                refreshQueued.set(false);
                refresh();
            });
        }
    }

    private void refresh() {
        if (viewer.getTable().isDisposed()) {
            return;
        }
        if (session == null || row < 0) {
            viewer.setInput(List.of());
            setContentDescription("Select a handle in a handle table to see its create stack.");
            return;
        }
        List<FrameLine> frames = session.createStack(row);
        List<Line> lines = new ArrayList<>(frames.size());
        for (int i = 0; i < frames.size(); i++) {
            lines.add(new Line(session, i, frames.get(i)));
        }
        viewer.setInput(lines);
        HandleModel m = session.model();
        String handle = m.typeName(row) + " handle " + HandleColumn.hex(m.handleValue(row))
                + " of " + m.processLabel(m.owningProcess(row));
        setContentDescription(frames.isEmpty() ? handle + ": no create stack recorded"
                : String.format(Locale.ROOT, "%s, stack #%d, %d frames (innermost first)", handle,
                        m.createStackId(row), frames.size()));
    }

    private void showModuleOfSelection() {
        Object o = viewer.getStructuredSelection().getFirstElement();
        if (o instanceof Line l && l.frame().module() != null) {
            showModule(l.frame().module());
        }
    }

    /** Opens the Modules view on this session with {@code module} selected. */
    public ModulesView showModule(SymbolSession.ModuleKey module) {
        try {
            ModulesView v = (ModulesView) getSite().getPage().showView(ModulesView.ID);
            if (v.session() != session) {
                v.showSession(session);
            }
            v.select(module);
            return v;
        } catch (PartInitException e) {
            HandleLensUi.logError("Cannot open the Modules view", e);
            org.eclipse.jface.dialogs.ErrorDialog.openError(getSite().getShell(), "Modules View",
                    "The Modules view could not be opened.", e.getStatus());
            return null;
        }
    }

    /** Frame texts shown, innermost first (tests). */
    public List<String> frameTexts() {
        List<String> out = new ArrayList<>();
        Table t = viewer.getTable();
        for (int i = 0; i < t.getItemCount(); i++) {
            out.add(t.getItem(i).getText(2));
        }
        return out;
    }

    /** Source column texts shown, innermost first (tests). */
    public List<String> sourceTexts() {
        List<String> out = new ArrayList<>();
        Table t = viewer.getTable();
        for (int i = 0; i < t.getItemCount(); i++) {
            out.add(t.getItem(i).getText(SOURCE_COLUMN));
        }
        return out;
    }

    /** The tool tip of the Source cell of frame {@code index}, or null (tests). */
    public String sourceToolTip(int index) {
        Object e = viewer.getElementAt(index);
        return e instanceof Line l ? l.frame().sourceToolTip() : null;
    }

    /** The table viewer (tests). */
    public TableViewer viewer() {
        return viewer;
    }

    @Override
    public void setFocus() {
        viewer.getTable().setFocus();
    }

    @Override
    public void dispose() {
        getSite().getPage().removeSelectionListener(selectionListener);
        if (session != null) {
            session.removeListener(sessionListener);
        }
        super.dispose();
    }
}
