package org.handlelens.ui.welcome;

import org.eclipse.core.commands.common.NotDefinedException;
import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Text;
import org.eclipse.ui.IEditorInput;
import org.eclipse.ui.IEditorSite;
import org.eclipse.ui.IWorkbenchCommandConstants;
import org.eclipse.ui.PartInitException;
import org.eclipse.ui.forms.events.HyperlinkAdapter;
import org.eclipse.ui.forms.events.HyperlinkEvent;
import org.eclipse.ui.forms.widgets.FormToolkit;
import org.eclipse.ui.forms.widgets.Hyperlink;
import org.eclipse.ui.forms.widgets.ScrolledForm;
import org.eclipse.ui.forms.widgets.Section;
import org.eclipse.ui.handlers.IHandlerService;
import org.eclipse.ui.part.EditorPart;
import org.handlelens.ui.HandleLensUi;

/**
 * The Welcome page: what HandleLens does, links to open or import a trace, and how to record
 * one (the WPR and xperf command lines users already know).
 */
public final class WelcomeEditor extends EditorPart {
    /** Editor id. */
    public static final String ID = "org.handlelens.ui.welcome";
    /** The command that opens a trace or log. */
    public static final String OPEN_FILE_COMMAND = "org.handlelens.ui.openFile";

    /** Recording instructions shown on the page (selectable, to copy into a console). */
    public static final String RECORDING = String.join("\n",
            "With WPR (Windows 8.1 and later):",
            "    wpr -start Handle -filemode",
            "    REM reproduce the leak, then",
            "    wpr -stop C:\\temp\\Handle.etl",
            "",
            "With xperf, circular (for leaks that take hours):",
            "    xperf -on Proc_Thread+Loader+Latency+DISPATCHER+ob_handle+ob_object -stackwalk "
                    + "CSwitch+ReadyThread+ThreadCreate+Profile+handlecreate+handleclose -BufferSize 1024 "
                    + "-MinBuffers 1410 -MaxBuffers 4096 -MaxFile 8192 -FileMode Circular -f e:\\temp\\kernel.etl",
            "    xperf -d c:\\temp\\HandleLeak.etl",
            "",
            "In WinDbg: !process 0 0, then .process /p /r <EPROCESS> and !handle; or !htrace -enable ... !htrace -diff.",
            "Save the debugger output (.logopen) and open the text file here.");

    private FormToolkit toolkit;
    private ScrolledForm form;

    @Override
    public void init(IEditorSite site, IEditorInput input) throws PartInitException {
        setSite(site);
        setInput(input);
        setPartName("Welcome");
    }

    @Override
    public void createPartControl(Composite parent) {
        toolkit = new FormToolkit(parent.getDisplay());
        form = toolkit.createScrolledForm(parent);
        form.setText("HandleLens: find Windows handle leaks");
        form.getBody().setLayout(new GridLayout(1, false));
        toolkit.createLabel(form.getBody(), "Open an ETW trace recorded with WPR or xperf, or WinDbg output "
                + "(!process 0 0, !handle, !htrace). HandleLens shows which processes leak which handle types, "
                + "from which create stacks, and ranks the leak suspects.", SWT.WRAP)
                .setLayoutData(new GridData(SWT.FILL, SWT.TOP, true, false));

        Section start = toolkit.createSection(form.getBody(), Section.TITLE_BAR);
        start.setText("Start");
        start.setLayoutData(new GridData(SWT.FILL, SWT.TOP, true, false));
        Composite links = toolkit.createComposite(start);
        links.setLayout(new GridLayout(1, false));
        link(links, "Open a trace (.etl) or a WinDbg log (.txt)...", OPEN_FILE_COMMAND);
        link(links, "Import trace files into a trace project...", IWorkbenchCommandConstants.FILE_IMPORT);
        link(links, "Configure symbols (Window > Preferences)...", IWorkbenchCommandConstants.WINDOW_PREFERENCES);
        start.setClient(links);

        Section record = toolkit.createSection(form.getBody(), Section.TITLE_BAR);
        record.setText("Record a handle trace");
        record.setLayoutData(new GridData(SWT.FILL, SWT.FILL, true, true));
        Text text = toolkit.createText(record, RECORDING, SWT.MULTI | SWT.READ_ONLY | SWT.WRAP);
        record.setClient(text);

        Section read = toolkit.createSection(form.getBody(), Section.TITLE_BAR);
        read.setText("Reading the results");
        read.setLayoutData(new GridData(SWT.FILL, SWT.TOP, true, false));
        read.setClient(toolkit.createLabel(read, "Closing Process = Unknown: the handle was still open when the "
                + "trace ended (a leak candidate). Creating Process = Unknown: it existed before the trace started. "
                + "Pages: Handles (WPA's columns), Leak Suspects, Groups, Stacks (call tree), Outstanding Chart, "
                + "Processes (Task Manager view; more than 10,000 handles is highlighted).", SWT.WRAP));
    }

    private void link(Composite parent, String text, String commandId) {
        Hyperlink link = toolkit.createHyperlink(parent, text, SWT.NONE);
        link.addHyperlinkListener(new HyperlinkAdapter() {
            @Override
            public void linkActivated(HyperlinkEvent e) {
                try {
                    getSite().getService(IHandlerService.class).executeCommand(commandId, null);
                } catch (NotDefinedException | org.eclipse.core.commands.ExecutionException
                        | org.eclipse.core.commands.NotEnabledException
                        | org.eclipse.core.commands.NotHandledException ex) {
                    HandleLensUi.logError("Could not run " + commandId, ex);
                }
            }
        });
    }

    @Override
    public void setFocus() {
        form.setFocus();
    }

    @Override
    public void dispose() {
        if (toolkit != null) {
            toolkit.dispose();
        }
        super.dispose();
    }

    @Override
    public void doSave(IProgressMonitor monitor) {
        // nothing to save
    }

    @Override
    public void doSaveAs() {
        // nothing to save
    }

    @Override
    public boolean isDirty() {
        return false;
    }

    @Override
    public boolean isSaveAsAllowed() {
        return false;
    }

    @Override
    public <T> T getAdapter(Class<T> adapter) {
        if (adapter == org.eclipse.ui.views.properties.IPropertySheetPage.class) {
            return adapter.cast(new org.handlelens.ui.properties.EmptyPropertySheetPage());
        }
        return super.getAdapter(adapter);
    }
}
