package org.handlelens.ui.navigator;

import org.eclipse.jface.viewers.LabelProvider;
import org.eclipse.swt.graphics.Image;
import org.eclipse.ui.ISharedImages;
import org.eclipse.ui.PlatformUI;
import org.eclipse.ui.IMemento;
import org.eclipse.ui.navigator.ICommonContentExtensionSite;
import org.eclipse.ui.navigator.ICommonLabelProvider;

/** Labels of the process and status nodes beneath traces: {@code smss.exe (1276) — 21 handles}. */
public final class TraceLabelProvider extends LabelProvider implements ICommonLabelProvider {

    @Override
    public void init(ICommonContentExtensionSite config) {
        // no configuration
    }

    @Override
    public String getText(Object element) {
        if (element instanceof TraceProcessNode n) {
            return n.process().text();
        }
        if (element instanceof TraceStatusNode n) {
            return n.text();
        }
        return null;
    }

    @Override
    public Image getImage(Object element) {
        ISharedImages images = PlatformUI.getWorkbench().getSharedImages();
        if (element instanceof TraceProcessNode) {
            return images.getImage(ISharedImages.IMG_OBJ_ELEMENT);
        }
        if (element instanceof TraceStatusNode n) {
            return images.getImage(n.error() ? ISharedImages.IMG_OBJS_ERROR_TSK : ISharedImages.IMG_OBJS_INFO_TSK);
        }
        return null;
    }

    @Override
    public String getDescription(Object element) {
        if (element instanceof TraceProcessNode n) {
            return n.trace().getName() + ": " + n.process().text() + ", " + n.process().outstanding()
                    + " never closed in the source";
        }
        return getText(element);
    }

    @Override
    public void restoreState(IMemento memento) {
        // nothing to restore
    }

    @Override
    public void saveState(IMemento memento) {
        // nothing to save
    }
}
