package org.handlelens.ui.editor;

import org.eclipse.core.runtime.ListenerList;
import org.eclipse.jface.viewers.ISelection;
import org.eclipse.jface.viewers.ISelectionChangedListener;
import org.eclipse.jface.viewers.ISelectionProvider;
import org.eclipse.jface.viewers.SelectionChangedEvent;
import org.eclipse.jface.viewers.StructuredSelection;

/**
 * The editor site's selection provider: it forwards the selection of the active page's viewer, so the
 * Properties view and the stack views follow whichever page (handles, processes, ...) the user works in.
 */
public final class PageSelectionProvider implements ISelectionProvider {
    private final ListenerList<ISelectionChangedListener> listeners = new ListenerList<>();
    private final ISelectionChangedListener forward = e -> fire(e.getSelection());
    private ISelectionProvider delegate;

    /** Makes {@code provider} (null = none) the source of the selection and announces its selection. */
    public void setDelegate(ISelectionProvider provider) {
        if (provider == delegate) {
            return;
        }
        if (delegate != null) {
            delegate.removeSelectionChangedListener(forward);
        }
        delegate = provider;
        if (provider != null) {
            provider.addSelectionChangedListener(forward);
        }
        fire(getSelection());
    }

    /** The current delegate, or null. */
    public ISelectionProvider delegate() {
        return delegate;
    }

    private void fire(ISelection selection) {
        SelectionChangedEvent event = new SelectionChangedEvent(this, selection);
        for (ISelectionChangedListener l : listeners) {
            l.selectionChanged(event);
        }
    }

    @Override
    public void addSelectionChangedListener(ISelectionChangedListener listener) {
        listeners.add(listener);
    }

    @Override
    public void removeSelectionChangedListener(ISelectionChangedListener listener) {
        listeners.remove(listener);
    }

    @Override
    public ISelection getSelection() {
        return delegate == null ? StructuredSelection.EMPTY : delegate.getSelection();
    }

    @Override
    public void setSelection(ISelection selection) {
        if (delegate != null) {
            delegate.setSelection(selection);
        }
    }
}
