package org.handlelens.ui.preferences;

import org.eclipse.jface.preference.PreferencePage;
import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Label;
import org.eclipse.ui.IWorkbench;
import org.eclipse.ui.IWorkbenchPreferencePage;
import org.handlelens.ui.HandleLensUi;

/** The "HandleLens" preference page: the parent of the HandleLens pages, pointing to them. */
public final class HandleLensPreferencePage extends PreferencePage implements IWorkbenchPreferencePage {
    /** Page id (plugin.xml). */
    public static final String ID = "org.handlelens.ui.preferences";

    @Override
    public void init(IWorkbench workbench) {
        setPreferenceStore(HandleLensUi.getDefault().getPreferenceStore());
        noDefaultAndApplyButton();
    }

    @Override
    protected Control createContents(Composite parent) {
        Composite c = new Composite(parent, SWT.NONE);
        c.setLayout(new GridLayout(1, false));
        Label l = new Label(c, SWT.WRAP);
        l.setText("Settings of the HandleLens handle-leak workbench. Expand this node for the pages:\n\n"
                + "Symbols \u2014 the symbol path (as _NT_SYMBOL_PATH), the download cache and limits used by "
                + "Analysis > Load Symbols.");
        GridData gd = new GridData(SWT.FILL, SWT.TOP, true, false);
        gd.widthHint = 400;
        l.setLayoutData(gd);
        return c;
    }
}
