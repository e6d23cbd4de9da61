package org.handlelens.ui.views;

import java.util.function.Consumer;

import org.eclipse.ui.IEditorPart;
import org.eclipse.ui.IPartListener2;
import org.eclipse.ui.IPropertyListener;
import org.eclipse.ui.IWorkbenchPage;
import org.eclipse.ui.IWorkbenchPart;
import org.eclipse.ui.IWorkbenchPartReference;
import org.handlelens.ui.symbols.SymbolSession;

/**
 * Follows the active handle editor of a page and reports its {@link SymbolSession} (null when none is
 * active or it is still indexing). Editors expose the session as an adapter; they fire a property change
 * when indexing ends, which is when the session appears.
 */
final class SessionTracker implements IPartListener2 {
    private final IWorkbenchPage page;
    private final Consumer<SymbolSession> onChange;
    private final IPropertyListener editorListener = (source, id) -> report();
    private IEditorPart editor;
    private SymbolSession last;

    SessionTracker(IWorkbenchPage page, Consumer<SymbolSession> onChange) {
        this.page = page;
        this.onChange = onChange;
        page.addPartListener(this);
        track(page.getActiveEditor());
    }

    /** The session of the tracked editor, or null. */
    static SymbolSession sessionOf(IWorkbenchPart part) {
        return part == null ? null : part.getAdapter(SymbolSession.class);
    }

    private void track(IEditorPart part) {
        if (part != editor) {
            if (editor != null) {
                editor.removePropertyListener(editorListener);
            }
            editor = part;
            if (editor != null) {
                editor.addPropertyListener(editorListener);
            }
        }
        report();
    }

    private void report() {
        SymbolSession s = sessionOf(editor);
        if (s != last) {
            last = s;
            onChange.accept(s);
        }
    }

    @Override
    public void partActivated(IWorkbenchPartReference ref) {
        if (ref.getPart(false) instanceof IEditorPart e && isHandleEditor(e)) {
            track(e);
        }
    }

    @Override
    public void partBroughtToTop(IWorkbenchPartReference ref) {
        partActivated(ref);
    }

    @Override
    public void partClosed(IWorkbenchPartReference ref) {
        if (ref.getPart(false) == editor) {
            track(page.getActiveEditor() == editor ? null : page.getActiveEditor());
        }
    }

    private static boolean isHandleEditor(IEditorPart e) {
        return e.getSite() != null && org.handlelens.ui.editor.HandleLensEditor.ID.equals(e.getSite().getId());
    }

    void dispose() {
        page.removePartListener(this);
        if (editor != null) {
            editor.removePropertyListener(editorListener);
        }
    }
}
