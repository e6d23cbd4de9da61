package org.handlelens.ui.handlers;

import org.eclipse.core.commands.AbstractHandler;
import org.eclipse.core.commands.ExecutionEvent;
import org.eclipse.jface.dialogs.MessageDialog;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.ui.IEditorPart;
import org.eclipse.ui.handlers.HandlerUtil;
import org.handlelens.symbols.path.SymbolPathSyntaxException;
import org.handlelens.ui.HandleLensUi;
import org.handlelens.ui.symbols.LoadSymbolsJob;
import org.handlelens.ui.symbols.SymbolSession;
import org.handlelens.ui.symbols.SymbolSettings;

/**
 * Analysis > Load Symbols: loads the symbols of every module of the active handle editor's model through
 * the symbol path of Window > Preferences > HandleLens > Symbols (or of the trace's project, when it overrides
 * it), in a {@link LoadSymbolsJob}.
 */
public final class LoadSymbolsHandler extends AbstractHandler {
    /** Command id (plugin.xml). */
    public static final String COMMAND_ID = "org.handlelens.ui.loadSymbols";

    @Override
    public Object execute(ExecutionEvent event) {
        Shell shell = HandlerUtil.getActiveShell(event);
        IEditorPart editor = HandlerUtil.getActiveEditor(event);
        SymbolSession session = editor == null ? null : editor.getAdapter(SymbolSession.class);
        if (session == null) {
            MessageDialog.openInformation(shell, "Load Symbols",
                    "Open a trace or WinDbg log first; Load Symbols resolves the modules of the active handle table.");
            return null;
        }
        SymbolSettings settings = session.settings(); // the trace project's symbol path when it overrides one
        try {
            settings.parsedPath();
        } catch (SymbolPathSyntaxException e) {
            HandleLensUi.logError("Invalid symbol path: " + e.getMessage(), e);
            MessageDialog.openError(shell, "Load Symbols", "The symbol path is invalid:\n\n" + e.getMessage()
                    + "\n\nFix it in Window > Preferences > HandleLens > Symbols (or in the trace project's"
                    + " Properties > HandleLens Symbols).");
            return null;
        }
        LoadSymbolsJob job = new LoadSymbolsJob(session, null, settings);
        job.schedule();
        return job;
    }
}
