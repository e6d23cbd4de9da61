package org.handlelens.model.query;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.handlelens.model.HandleModel;
import org.handlelens.model.StackTrace;

/**
 * Create stacks of a set of handles merged into a call tree weighted by handle count and
 * outstanding count, as WPA's stack column and PerfView's call tree show them. Top-down
 * ({@link Direction#CALLERS_FIRST}) starts at the outermost frame (thread start) and ends at
 * the frame that created the handle; bottom-up ({@link Direction#CALLEES_FIRST}) starts at the
 * creating frame, which shows who calls the leaking API.
 */
public final class StackTree {
    /** Tree direction. */
    public enum Direction {
        /** Root = outermost caller. */
        CALLERS_FIRST,
        /** Root = the frame that created the handle. */
        CALLEES_FIRST
    }

    /** Frame label used for handles without a create stack. */
    public static final String NO_STACK = "(no stack)";

    /** A frame node: its label, the handles whose stacks pass through it, children by weight. */
    public record Node(String frame, long count, long outstanding, List<Node> children) {
    }

    private StackTree() {
    }

    /** Builds the tree of the create stacks of {@code rows}. */
    public static Node build(HandleModel model, RowSelection rows, Direction direction) {
        // Aggregate per stack id first: far fewer stacks than handles.
        Map<Integer, long[]> perStack = new HashMap<>();
        for (int i = 0; i < rows.size(); i++) {
            int row = rows.row(i);
            long[] w = perStack.computeIfAbsent(model.createStackId(row), k -> new long[2]);
            w[0]++;
            if (model.isOutstanding(row)) {
                w[1]++;
            }
        }
        Mutable root = new Mutable("All");
        for (Map.Entry<Integer, long[]> e : perStack.entrySet()) {
            long count = e.getValue()[0];
            long outstanding = e.getValue()[1];
            root.add(count, outstanding);
            StackTrace stack = model.stack(e.getKey());
            if (stack == null || stack.frameCount() == 0) {
                root.child(NO_STACK).add(count, outstanding);
                continue;
            }
            String[] frames = stack.frameTexts();
            Mutable at = root;
            for (int k = 0; k < frames.length; k++) {
                String frame = direction == Direction.CALLERS_FIRST ? frames[frames.length - 1 - k] : frames[k];
                at = at.child(frame);
                at.add(count, outstanding);
            }
        }
        return root.freeze();
    }

    /**
     * The rows of {@code rows} whose create stacks pass through the node reached by {@code path} from the
     * root of the tree {@link #build} makes with the same direction: their frames, read in that direction,
     * start with {@code path} (the root "All" itself is not part of it; an empty path selects every row;
     * {@code [NO_STACK]} selects the rows without a stack). The node's {@code count} is the result's size.
     */
    public static RowSelection rowsThrough(HandleModel model, RowSelection rows, Direction direction,
            List<String> path) {
        Map<Integer, Boolean> matchPerStack = new HashMap<>();
        int[] out = new int[rows.size()];
        int n = 0;
        for (int i = 0; i < rows.size(); i++) {
            int row = rows.row(i);
            if (matchPerStack.computeIfAbsent(model.createStackId(row), id -> startsWith(model.stack(id), direction, path))) {
                out[n++] = row;
            }
        }
        return RowSelection.wrap(java.util.Arrays.copyOf(out, n));
    }

    private static boolean startsWith(StackTrace stack, Direction direction, List<String> path) {
        if (path.isEmpty()) {
            return true;
        }
        if (stack == null || stack.frameCount() == 0) {
            return path.size() == 1 && path.get(0).equals(NO_STACK);
        }
        String[] frames = stack.frameTexts();
        if (path.size() > frames.length) {
            return false;
        }
        for (int k = 0; k < path.size(); k++) {
            String frame = direction == Direction.CALLERS_FIRST ? frames[frames.length - 1 - k] : frames[k];
            if (!frame.equals(path.get(k))) {
                return false;
            }
        }
        return true;
    }

    private static final class Mutable {
        final String frame;
        long count;
        long outstanding;
        final Map<String, Mutable> children = new HashMap<>();

        Mutable(String frame) {
            this.frame = frame;
        }

        Mutable child(String f) {
            return children.computeIfAbsent(f, Mutable::new);
        }

        void add(long c, long o) {
            count += c;
            outstanding += o;
        }

        Node freeze() {
            List<Node> kids = new ArrayList<>(children.size());
            for (Mutable m : children.values()) {
                kids.add(m.freeze());
            }
            kids.sort((a, b) -> a.outstanding() != b.outstanding() ? Long.compare(b.outstanding(), a.outstanding())
                    : a.count() != b.count() ? Long.compare(b.count(), a.count()) : a.frame().compareTo(b.frame()));
            return new Node(frame, count, outstanding, List.copyOf(kids));
        }
    }
}
