package org.handlelens.ui.editor;

import java.util.ArrayList;
import java.util.List;

import org.eclipse.core.runtime.IAdaptable;
import org.eclipse.jface.viewers.ArrayContentProvider;
import org.eclipse.jface.viewers.ColumnLabelProvider;
import org.eclipse.jface.viewers.TableViewer;
import org.eclipse.jface.viewers.TableViewerColumn;
import org.eclipse.jface.viewers.Viewer;
import org.eclipse.jface.viewers.ViewerComparator;
import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.Color;
import org.eclipse.swt.graphics.Font;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Label;
import org.eclipse.jface.resource.JFaceResources;
import org.eclipse.ui.views.properties.IPropertySource;
import org.handlelens.model.HandleModel;
import org.handlelens.model.ProcessRecord;
import org.handlelens.ui.properties.ProcessPropertySource;

/**
 * The "Processes" page: one row per process with the handle count its source reports and
 * the handles seen in the source; counts above {@value #SUSPICIOUS_HANDLE_COUNT} are
 * highlighted (the usual "look at it" threshold for a handle leak).
 */
public final class ProcessesPage {
    /** Task Manager rule of thumb: more handles than this deserves a look. */
    public static final long SUSPICIOUS_HANDLE_COUNT = 10_000;

    /** One line of the table. */
    public record ProcessRow(int key, ProcessRecord process, long handlesInSource, long outstanding)
            implements IAdaptable {
        @Override
        public <T> T getAdapter(Class<T> adapter) {
            return adapter == IPropertySource.class
                    ? adapter.cast(new ProcessPropertySource(process, handlesInSource, outstanding)) : null;
        }

        /** Reported handle count, else the handles seen in the source. */
        public long effectiveHandleCount() {
            return process.handleCount() >= 0 ? process.handleCount() : handlesInSource;
        }
    }

    private final Composite root;
    private final TableViewer viewer;
    private volatile List<ProcessRow> rows = List.of();
    private final BackgroundQuery<List<ProcessRow>> query;

    ProcessesPage(Composite parent, HandleModel model) {
        root = new Composite(parent, SWT.NONE);
        root.setLayout(new GridLayout(1, false));
        Label hint = new Label(root, SWT.WRAP);
        hint.setText("Processes by handle count. Counts above 10,000 are highlighted.");
        viewer = new TableViewer(root, SWT.MULTI | SWT.FULL_SELECTION | SWT.BORDER);
        viewer.getTable().setHeaderVisible(true);
        viewer.getTable().setLinesVisible(true);
        viewer.getTable().setLayoutData(new GridData(SWT.FILL, SWT.FILL, true, true));
        viewer.setContentProvider(ArrayContentProvider.getInstance());
        Color red = root.getDisplay().getSystemColor(SWT.COLOR_DARK_RED);
        Font bold = JFaceResources.getFontRegistry().getBold(JFaceResources.DEFAULT_FONT);
        column("Process", 200, r -> r.process().image() + " (" + r.process().pid() + ")", red, bold);
        column("PID", 70, r -> Integer.toString(r.process().pid()), red, bold);
        column("Parent PID", 80, r -> r.process().parentPid() < 0 ? "" : Integer.toString(r.process().parentPid()), red, bold);
        column("Session", 70, r -> r.process().sessionId() == null ? "" : r.process().sessionId().toString(), red, bold);
        column("Handle Count", 110, r -> r.process().handleCount() < 0 ? "n/a" : String.format("%,d", r.process().handleCount()), red, bold);
        column("Handles in Source", 130, r -> String.format("%,d", r.handlesInSource()), red, bold);
        column("Outstanding", 100, r -> String.format("%,d", r.outstanding()), red, bold);
        column("Start (s)", 90, r -> seconds(r.process().startTimeNanos()), red, bold);
        column("End (s)", 90, r -> seconds(r.process().endTimeNanos()), red, bold);
        viewer.setComparator(new ViewerComparator() {
            @Override
            public int compare(Viewer v, Object a, Object b) {
                return Long.compare(((ProcessRow) b).effectiveHandleCount(), ((ProcessRow) a).effectiveHandleCount());
            }
        });
        // counting handles per process reads every row: off the UI thread (10 M rows take a while)
        query = new BackgroundQuery<>("Counting handles per process", root, result -> {
            rows = result;
            viewer.setInput(result);
        });
        query.run(monitor -> rowsOf(model));
    }

    /** True once the rows are computed and shown. */
    public boolean isReady() {
        return query.isReady();
    }

    private interface Text {
        String of(ProcessRow r);
    }

    private void column(String title, int width, Text text, Color highlight, Font bold) {
        TableViewerColumn c = new TableViewerColumn(viewer, SWT.LEFT);
        c.getColumn().setText(title);
        c.getColumn().setWidth(width);
        c.setLabelProvider(new ColumnLabelProvider() {
            @Override
            public String getText(Object element) {
                return text.of((ProcessRow) element);
            }

            @Override
            public Color getForeground(Object element) {
                return suspicious(element) ? highlight : null;
            }

            @Override
            public Font getFont(Object element) {
                return suspicious(element) ? bold : null;
            }
        });
    }

    private static String seconds(long nanos) {
        return nanos == ProcessRecord.TIME_UNKNOWN ? "" : String.format("%.3f", nanos / 1e9);
    }

    private static boolean suspicious(Object element) {
        return ((ProcessRow) element).effectiveHandleCount() > SUSPICIOUS_HANDLE_COUNT;
    }

    /** Rows of the page, computed from the model (UI-free). */
    public static List<ProcessRow> rowsOf(HandleModel model) {
        int n = model.processes().size();
        long[] inSource = new long[n];
        long[] outstanding = new long[n];
        for (int row = 0; row < model.rowCount(); row++) {
            int p = model.owningProcess(row);
            if (p >= 0 && p < n) {
                inSource[p]++;
                if (model.isOutstanding(row)) {
                    outstanding[p]++;
                }
            }
        }
        List<ProcessRow> out = new ArrayList<>(n);
        for (int k = 0; k < n; k++) {
            out.add(new ProcessRow(k, model.process(k), inSource[k], outstanding[k]));
        }
        return out;
    }

    /** The page's rows. */
    public List<ProcessRow> rows() {
        return rows;
    }

    /** The table viewer. */
    public TableViewer viewer() {
        return viewer;
    }

    Control control() {
        return root;
    }
}
