package org.handlelens.ui.editor;

import java.util.function.Function;

import org.eclipse.jface.viewers.TreeViewer;
import org.eclipse.jface.viewers.TreeViewerColumn;
import org.eclipse.swt.SWT;
import org.handlelens.ui.TextLabelProvider;

/** Adds a text column over tree nodes of one type (group, call-tree and suspect pages). */
final class TreeColumns {
    private TreeColumns() {
    }

    static <T> void add(TreeViewer viewer, Class<T> type, String title, int width, Function<T, String> text) {
        TreeViewerColumn c = new TreeViewerColumn(viewer, SWT.LEFT);
        c.getColumn().setText(title);
        c.getColumn().setWidth(width);
        c.setLabelProvider(new TextLabelProvider<>(type, text, null));
    }
}
