package org.handlelens.ui;

import org.eclipse.ui.IFolderLayout;
import org.eclipse.ui.IPageLayout;
import org.eclipse.ui.IPerspectiveFactory;

/** The HandleLens perspective: navigator left, editors centre, properties and log below. */
public final class HandleLensPerspective implements IPerspectiveFactory {
    /** Perspective id, referenced by the product. */
    public static final String ID = "org.handlelens.ui.perspective";

    @Override
    public void createInitialLayout(IPageLayout layout) {
        String editorArea = layout.getEditorArea();
        IFolderLayout left = layout.createFolder("left", IPageLayout.LEFT, 0.26f, editorArea);
        left.addView(IPageLayout.ID_PROJECT_EXPLORER);
        IFolderLayout bottom = layout.createFolder("bottom", IPageLayout.BOTTOM, 0.72f, editorArea);
        bottom.addView(IPageLayout.ID_PROP_SHEET);
        bottom.addView("org.eclipse.pde.runtime.LogView");
        bottom.addPlaceholder("org.eclipse.ui.views.ProgressView");
        layout.addShowViewShortcut(IPageLayout.ID_PROJECT_EXPLORER);
        layout.addShowViewShortcut(IPageLayout.ID_PROP_SHEET);
        layout.addShowViewShortcut("org.eclipse.pde.runtime.LogView");
        layout.addShowViewShortcut("org.eclipse.ui.views.ProgressView");
        layout.addNewWizardShortcut(org.handlelens.ui.wizards.NewTraceProjectWizard.ID);
    }
}
