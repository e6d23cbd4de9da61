package org.handlelens.ui.editor;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import org.eclipse.jface.viewers.IStructuredSelection;
import org.eclipse.jface.viewers.TreeViewer;
import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Label;
import org.handlelens.model.HandleModel;
import org.handlelens.model.analysis.FrameTexts;
import org.handlelens.model.analysis.LeakSuspect;
import org.handlelens.model.analysis.LeakSuspectAnalysis;

/**
 * The "Leak Suspects" page: the ranked findings of {@link LeakSuspectAnalysis} as sentences, each
 * with its evidence and create stacks (the convergence frame marked). Double-click (or Enter) on
 * a suspect shows its handles in the Handles page.
 */
public final class SuspectsPage {
    /** A line of the tree: a suspect, one of its stacks, or a frame / evidence line. */
    public record Line(String text, String leaked, String growth, String share, LeakSuspect suspect, List<Line> children) {
    }

    private final HandleModel model;
    private final Composite root;
    private final Label summary;
    private final TreeViewer viewer;
    private volatile LeakSuspectAnalysis.Report report;
    private final BackgroundQuery<Shown> query;
    private final List<Consumer<LeakSuspectAnalysis.Report>> reportListeners = new ArrayList<>();

    /** A computed report and its tree lines. */
    private record Shown(LeakSuspectAnalysis.Report report, List<Line> lines) {
    }

    SuspectsPage(Composite parent, HandleModel model, Consumer<LeakSuspect> showHandles) {
        this.model = model;
        root = new Composite(parent, SWT.NONE);
        root.setLayout(new GridLayout(1, false));
        summary = new Label(root, SWT.WRAP);
        summary.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
        summary.setText("Looking for leak suspects...");
        viewer = new TreeViewer(root, SWT.SINGLE | SWT.FULL_SELECTION | SWT.BORDER);
        viewer.getTree().setHeaderVisible(true);
        viewer.getTree().setLinesVisible(true);
        viewer.getTree().setLayoutData(new GridData(SWT.FILL, SWT.FILL, true, true));
        viewer.setContentProvider(new ChildrenContent<>(Line.class, Line::children));
        TreeColumns.add(viewer, Line.class, "Suspect", 780, Line::text);
        TreeColumns.add(viewer, Line.class, "Leaked", 80, Line::leaked);
        TreeColumns.add(viewer, Line.class, "Growth", 120, Line::growth);
        TreeColumns.add(viewer, Line.class, "Share", 80, Line::share);
        viewer.addDoubleClickListener(e -> {
            Object first = ((IStructuredSelection) e.getSelection()).getFirstElement();
            if (first instanceof Line line && line.suspect() != null) {
                showHandles.accept(line.suspect());
            }
        });
        query = new BackgroundQuery<Shown>("Ranking leak suspects", root, this::show)
                .onError(message -> summary.setText("Leak suspects could not be computed: " + message))
                .withRule(new OpeningAnalysisRule(model));
        query.run(monitor -> {
            LeakSuspectAnalysis.Report r = LeakSuspectAnalysis.run(model, new FrameTexts(model, null),
                    LeakSuspectAnalysis.Options.DEFAULT.withLimit(25));
            return new Shown(r, lines(r));
        });
    }

    /** The tree lines of a report (UI-free; also used by tests). */
    public static List<Line> lines(LeakSuspectAnalysis.Report r) {
        List<Line> out = new ArrayList<>();
        for (LeakSuspect s : r.suspects()) {
            List<Line> kids = new ArrayList<>();
            kids.add(leaf(String.format("%,d leaked: %,d still open, %,d closed only by process exit; %,d closed by the program",
                    s.leaked(), s.outstanding(), s.closedByExit(), s.closed())));
            if (s.growthPerSecond() != null) {
                kids.add(leaf(String.format("growth %+.2f handles/s, fit R\u00b2 = %.2f", s.growthPerSecond(),
                        s.rSquared() == null ? 0.0 : s.rSquared())));
            }
            if (s.convergence() != null) {
                kids.add(leaf("stacks converge at " + s.convergence().frame()));
            }
            for (LeakSuspect.SuspectStack st : s.stacks()) {
                List<Line> frames = new ArrayList<>();
                for (String f : st.frames()) {
                    boolean mark = s.convergence() != null && f.equals(s.convergence().frame());
                    frames.add(leaf((mark ? "\u25b6 " : "   ") + f));
                }
                String head = st.frames().isEmpty() ? "(no create stack)" : "create stack: " + st.frames().get(0);
                kids.add(new Line(head, String.format("%,d", st.leaked()), "", "", null, frames));
            }
            String growth = s.growthPerSecond() == null ? "" : String.format("%+.2f/s", s.growthPerSecond());
            out.add(new Line("#" + s.rank() + "  " + s.sentence(), String.format("%,d", s.leaked()), growth,
                    String.format("%.1f %%", 100 * s.share()), s, kids));
        }
        return out;
    }

    private static Line leaf(String text) {
        return new Line(text, "", "", "", null, List.of());
    }

    private void show(Shown shown) {
        LeakSuspectAnalysis.Report r = shown.report();
        List<Line> lines = shown.lines();
        report = r;
        summary.setText(r.suspects().isEmpty()
                ? "No leak suspects: no handle group was left open in a way that looks like a leak."
                : String.format("%d suspects; %,d leaked handles of %,d outstanding (%,d existed before the source"
                        + " started). Double-click a suspect to see its handles.", r.suspects().size(),
                        r.totalLeaked(), r.totalOutstanding(), r.preExistingOutstanding()));
        viewer.setInput(lines);
        if (!lines.isEmpty()) {
            viewer.expandToLevel(lines.get(0), 1);
        }
        // the page's layout (the summary's wrapped size) in the next event-loop turn: with the tree in this one it took
        // 60-80 ms at load ~3 while the Overview was showing the suspects (docs/benchmarks.md)
        root.getDisplay().asyncExec(this::layoutLater);
        for (Consumer<LeakSuspectAnalysis.Report> l : List.copyOf(reportListeners)) {
            l.accept(r);
        }
        reportListeners.clear();
    }

    private void layoutLater() {
        if (!root.isDisposed()) {
            root.layout();
        }
    }

    /**
     * Calls {@code listener} (UI thread) with the report once it is shown, at once when it already is
     * (the Overview page shows the top suspects without ranking them a second time).
     */
    public void whenReady(Consumer<LeakSuspectAnalysis.Report> listener) {
        if (report != null) {
            listener.accept(report);
        } else {
            reportListeners.add(listener);
        }
    }

    /** Selects and reveals the line of {@code suspect} (a link of the Overview page leads here). */
    public void reveal(LeakSuspect suspect) {
        Object input = viewer.getInput();
        if (input instanceof List<?> lines) {
            for (Object o : lines) {
                if (o instanceof Line line && line.suspect() != null && line.suspect().rank() == suspect.rank()) {
                    viewer.setSelection(new org.eclipse.jface.viewers.StructuredSelection(line), true);
                    viewer.expandToLevel(line, 1);
                    viewer.getTree().setFocus();
                    return;
                }
            }
        }
    }

    /** The suspect selected in the tree, or null. */
    public LeakSuspect selectedSuspect() {
        Object first = viewer.getStructuredSelection().getFirstElement();
        return first instanceof Line line ? line.suspect() : null;
    }

    /** The report shown, or null while computing. */
    public LeakSuspectAnalysis.Report report() {
        return report;
    }

    /** True when the report is shown. */
    public boolean isReady() {
        return report != null;
    }

    /** The tree viewer. */
    public TreeViewer viewer() {
        return viewer;
    }

    Control control() {
        return root;
    }
}
