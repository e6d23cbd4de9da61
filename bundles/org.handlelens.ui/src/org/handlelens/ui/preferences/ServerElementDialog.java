package org.handlelens.ui.preferences;

import org.eclipse.jface.dialogs.IDialogConstants;
import org.eclipse.jface.dialogs.TitleAreaDialog;
import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.DirectoryDialog;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Text;
import org.handlelens.ui.symbols.SymbolPathElements;

/** Asks for a symbol server URL and its downstream cache; the result is a {@code srv*cache*url} element. */
final class ServerElementDialog extends TitleAreaDialog {
    private final SymbolPathElements validator;
    private String url;
    private String cache;
    private Text urlText;
    private Text cacheText;
    private String element;

    ServerElementDialog(Shell parent, SymbolPathElements validator, String url, String cache) {
        super(parent);
        this.validator = validator;
        this.url = url;
        this.cache = cache;
    }

    @Override
    protected void configureShell(Shell shell) {
        super.configureShell(shell);
        shell.setText("Add Symbol Server");
    }

    @Override
    protected Control createDialogArea(Composite parent) {
        Composite area = (Composite) super.createDialogArea(parent);
        setTitle("Symbol server with a local cache");
        setMessage("PDBs are downloaded from the server into the cache (symsrv layout, usable by WinDbg).");
        Composite c = new Composite(area, SWT.NONE);
        c.setLayoutData(new GridData(SWT.FILL, SWT.FILL, true, true));
        c.setLayout(new GridLayout(3, false));
        new Label(c, SWT.NONE).setText("Server &URL:");
        urlText = new Text(c, SWT.BORDER);
        urlText.setText(url);
        GridData gd = new GridData(SWT.FILL, SWT.CENTER, true, false, 2, 1);
        gd.widthHint = 380;
        urlText.setLayoutData(gd);
        new Label(c, SWT.NONE).setText("&Cache folder:");
        cacheText = new Text(c, SWT.BORDER);
        cacheText.setText(cache);
        cacheText.setMessage("empty: the default cache folder");
        cacheText.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
        Button browse = new Button(c, SWT.PUSH);
        browse.setText("&Browse...");
        browse.addListener(SWT.Selection, e -> {
            DirectoryDialog d = new DirectoryDialog(getShell());
            d.setFilterPath(cacheText.getText());
            String chosen = d.open();
            if (chosen != null) {
                cacheText.setText(chosen);
            }
        });
        urlText.addListener(SWT.Modify, e -> validate());
        cacheText.addListener(SWT.Modify, e -> validate());
        return area;
    }

    @Override
    protected void createButtonsForButtonBar(Composite parent) {
        super.createButtonsForButtonBar(parent);
        validate();
    }

    private void validate() {
        String candidate = SymbolPathElements.serverElement(urlText.getText(), cacheText.getText());
        String error = null;
        try {
            validator.parse(candidate);
        } catch (IllegalArgumentException e) {
            error = e.getMessage();
        }
        setErrorMessage(error);
        Button ok = getButton(IDialogConstants.OK_ID);
        if (ok != null) {
            ok.setEnabled(error == null);
        }
        element = error == null ? candidate : null;
    }

    @Override
    protected void okPressed() {
        url = urlText.getText();
        cache = cacheText.getText();
        super.okPressed();
    }

    /** The {@code srv*...} element, or null when cancelled. */
    String element() {
        return getReturnCode() == OK ? element : null;
    }
}
