package org.handlelens.ui.editor;

import org.handlelens.model.analysis.LeakSuspect;
import org.handlelens.model.query.RowSelection;

/** What the answer pages (Overview, Leak Suspects, Diff) link to in their editor. */
interface EditorNavigation {
    /** Shows the Handles page restricted to {@code rows} of the editor's model, titled {@code name}. */
    void showHandles(RowSelection rows, String name);

    /** Shows the Leak Suspects page with {@code suspect} selected. */
    void showSuspect(LeakSuspect suspect);

    /** Shows page {@code index} ({@link HandleLensEditor#PAGE_HANDLES} ...). */
    void showPage(int index);
}
