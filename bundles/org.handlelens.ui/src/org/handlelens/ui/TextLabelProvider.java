package org.handlelens.ui;

import java.util.function.Function;

import org.eclipse.jface.viewers.ColumnLabelProvider;

/**
 * A column's text (and optional tool tip) taken from the row element by functions, for the tables and trees
 * whose cells are plain text of one element type.
 *
 * @param <T> the viewer's element type
 */
public final class TextLabelProvider<T> extends ColumnLabelProvider {
    private final Class<T> type;
    private final Function<T, String> text;
    private final Function<T, String> toolTip;

    /** @param toolTip the cell's tool tip, or null for none */
    public TextLabelProvider(Class<T> type, Function<T, String> text, Function<T, String> toolTip) {
        this.type = type;
        this.text = text;
        this.toolTip = toolTip;
    }

    @Override
    public String getText(Object element) {
        return text.apply(type.cast(element));
    }

    @Override
    public String getToolTipText(Object element) {
        return toolTip == null ? null : toolTip.apply(type.cast(element));
    }
}
