package org.handlelens.ui.editor;

import java.util.List;
import java.util.function.Function;

import org.eclipse.jface.viewers.ITreeContentProvider;

/**
 * Tree content over immutable nodes that list their own children (group trees, call trees,
 * suspect lines). The input is either a node (its children are the roots) or a list of roots.
 */
final class ChildrenContent<T> implements ITreeContentProvider {
    private final Class<T> type;
    private final Function<T, List<?>> children;

    ChildrenContent(Class<T> type, Function<T, List<?>> children) {
        this.type = type;
        this.children = children;
    }

    @Override
    public Object[] getElements(Object input) {
        return input instanceof List<?> roots ? roots.toArray() : getChildren(input);
    }

    @Override
    public Object[] getChildren(Object parent) {
        return children.apply(type.cast(parent)).toArray();
    }

    @Override
    public Object getParent(Object element) {
        return null;
    }

    @Override
    public boolean hasChildren(Object element) {
        return !children.apply(type.cast(element)).isEmpty();
    }
}
