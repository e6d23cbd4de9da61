package org.handlelens.ui;

import org.eclipse.swt.widgets.Control;
import org.eclipse.ui.PlatformUI;

/**
 * F1 help context ids of the user guide (declared in {@code org.handlelens.help/contexts.xml}).
 * Without the help bundle F1 simply finds no context; nothing here depends on it.
 */
public final class HelpContexts {
    /** Handles page of the editor. */
    public static final String HANDLE_TABLE = "org.handlelens.help.handleTable";
    /** Symbols preference page. */
    public static final String SYMBOLS = "org.handlelens.help.symbols";
    /** Import Trace Files wizard. */
    public static final String IMPORT_WIZARD = "org.handlelens.help.importWizard";

    private HelpContexts() {
    }

    /** Attaches the context {@code contextId} to {@code control} (F1 / Dynamic Help). */
    public static void set(Control control, String contextId) {
        if (PlatformUI.isWorkbenchRunning()) {
            PlatformUI.getWorkbench().getHelpSystem().setHelp(control, contextId);
        }
    }
}
