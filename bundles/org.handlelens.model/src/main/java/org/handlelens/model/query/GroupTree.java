package org.handlelens.model.query;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.handlelens.model.HandleModel;

/**
 * A group-by result as a tree, WPA style: one level per group column (e.g. Owning Process >
 * Handle Type > Create Stack), each node with the handle count and outstanding count of the
 * handles beneath it. Built from the flat {@link GroupBy} result.
 */
public final class GroupTree {

    /**
     * A node: the key at its level (null for the root), its totals and children sorted by
     * outstanding count, then count, descending. Leaves keep the rows of their group.
     */
    public record Node(KeyValue key, int depth, long count, long outstanding, List<Node> children, RowSelection rows) {
        /** True for a node of the last group column. */
        public boolean isLeaf() {
            return children.isEmpty();
        }
    }

    private GroupTree() {
    }

    /** Groups {@code rows} by {@code columns} and nests the groups level by level. */
    public static Node build(HandleModel model, RowSelection rows, List<HandleColumn> columns) {
        GroupResult flat = GroupBy.run(model, rows, columns);
        return nest(flat);
    }

    /**
     * Like {@link #build(HandleModel, RowSelection, List)}; the grouping polls {@code canceled} (a page's Job that a
     * newer request replaced stops instead of grouping millions of rows for nothing).
     *
     * @throws java.util.concurrent.CancellationException when {@code canceled} returns true
     */
    public static Node build(HandleModel model, RowSelection rows, List<HandleColumn> columns,
            java.util.function.BooleanSupplier canceled) {
        return nest(GroupBy.run(model, rows, columns, canceled));
    }

    /** Nests an existing flat result. */
    public static Node nest(GroupResult flat) {
        Builder root = new Builder(null, 0);
        for (Group g : flat.groups()) {
            Builder at = root;
            at.add(g);
            for (int level = 0; level < g.keys().size(); level++) {
                KeyValue k = g.keys().get(level);
                Builder parent = at;
                at = parent.children.computeIfAbsent(k.code(), c -> new Builder(k, parent.depth + 1));
                at.add(g);
                if (level == g.keys().size() - 1) {
                    at.leafRows.add(g.rows());
                }
            }
        }
        return root.build();
    }

    /** The rows of {@code node}'s group: its own rows for a leaf, else the union of its leaves' rows. */
    public static RowSelection rowsOf(Node node) {
        if (node.rows() != null) {
            return node.rows();
        }
        List<RowSelection> leaves = new ArrayList<>();
        collectLeafRows(node, leaves);
        int total = 0;
        for (RowSelection r : leaves) {
            total += r.size();
        }
        int[] all = new int[total];
        int at = 0;
        for (RowSelection r : leaves) {
            int[] a = r.toArray();
            System.arraycopy(a, 0, all, at, a.length);
            at += a.length;
        }
        java.util.Arrays.sort(all); // groups partition the rows: no duplicates to remove
        return RowSelection.wrap(all);
    }

    private static void collectLeafRows(Node node, List<RowSelection> out) {
        if (node.rows() != null) {
            out.add(node.rows());
            return;
        }
        for (Node child : node.children()) {
            collectLeafRows(child, out);
        }
    }

    private static final class Builder {
        final KeyValue key;
        final int depth;
        long count;
        long outstanding;
        final Map<Long, Builder> children = new LinkedHashMap<>();
        final List<RowSelection> leafRows = new ArrayList<>();

        Builder(KeyValue key, int depth) {
            this.key = key;
            this.depth = depth;
        }

        void add(Group g) {
            count += g.count();
            outstanding += g.outstanding();
        }

        Node build() {
            List<Node> kids = new ArrayList<>(children.size());
            for (Builder b : children.values()) {
                kids.add(b.build());
            }
            kids.sort((a, b) -> a.outstanding() != b.outstanding() ? Long.compare(b.outstanding(), a.outstanding())
                    : Long.compare(b.count(), a.count()));
            RowSelection rows = leafRows.size() == 1 ? leafRows.get(0) : null;
            return new Node(key, depth, count, outstanding, List.copyOf(kids), rows);
        }
    }
}
