package org.handlelens.rcp;

import org.eclipse.jface.action.GroupMarker;
import org.eclipse.jface.action.ICoolBarManager;
import org.eclipse.jface.action.IMenuManager;
import org.eclipse.jface.action.MenuManager;
import org.eclipse.jface.action.Separator;
import org.eclipse.jface.action.ToolBarManager;
import org.eclipse.ui.IWorkbenchActionConstants;
import org.eclipse.ui.IWorkbenchWindow;
import org.eclipse.ui.actions.ActionFactory;
import org.eclipse.ui.actions.ContributionItemFactory;
import org.eclipse.ui.application.ActionBarAdvisor;
import org.eclipse.ui.application.IActionBarConfigurer;

/**
 * Menus and tool bar. Only the standard workbench actions are created here; HandleLens
 * commands are contributed declaratively (menuContributions) by org.handlelens.ui.
 */
final class HandleLensActionBarAdvisor extends ActionBarAdvisor {

    HandleLensActionBarAdvisor(IActionBarConfigurer configurer) {
        super(configurer);
    }

    @Override
    protected void makeActions(IWorkbenchWindow window) {
        register(ActionFactory.SAVE.create(window));
        register(ActionFactory.CLOSE.create(window));
        register(ActionFactory.CLOSE_ALL.create(window));
        register(ActionFactory.IMPORT.create(window));
        register(ActionFactory.EXPORT.create(window));
        register(ActionFactory.QUIT.create(window));
        register(ActionFactory.COPY.create(window));
        register(ActionFactory.SELECT_ALL.create(window));
        register(ActionFactory.FIND.create(window));
        register(ActionFactory.PREFERENCES.create(window));
        register(ActionFactory.RESET_PERSPECTIVE.create(window));
        register(ActionFactory.HELP_CONTENTS.create(window));
        register(ActionFactory.HELP_SEARCH.create(window));
        register(ActionFactory.DYNAMIC_HELP.create(window));
        register(ActionFactory.ABOUT.create(window));
        register(ActionFactory.NEW_WIZARD_DROP_DOWN.create(window));
    }

    @Override
    protected void fillMenuBar(IMenuManager menuBar) {
        IWorkbenchWindow window = getActionBarConfigurer().getWindowConfigurer().getWindow();

        MenuManager file = new MenuManager("&File", IWorkbenchActionConstants.M_FILE);
        MenuManager newMenu = new MenuManager("&New", "new");
        newMenu.add(ContributionItemFactory.NEW_WIZARD_SHORTLIST.create(window));
        file.add(newMenu);
        file.add(new GroupMarker(IWorkbenchActionConstants.NEW_EXT));
        file.add(new Separator("open"));
        file.add(new GroupMarker(IWorkbenchActionConstants.OPEN_EXT));
        file.add(new Separator());
        file.add(getAction(ActionFactory.CLOSE.getId()));
        file.add(getAction(ActionFactory.CLOSE_ALL.getId()));
        file.add(getAction(ActionFactory.SAVE.getId()));
        file.add(new Separator());
        file.add(getAction(ActionFactory.IMPORT.getId()));
        file.add(getAction(ActionFactory.EXPORT.getId()));
        file.add(new GroupMarker(IWorkbenchActionConstants.MB_ADDITIONS));
        file.add(new Separator());
        file.add(ContributionItemFactory.REOPEN_EDITORS.create(window));
        file.add(new GroupMarker(IWorkbenchActionConstants.MRU));
        file.add(new Separator());
        file.add(getAction(ActionFactory.QUIT.getId()));
        menuBar.add(file);

        MenuManager edit = new MenuManager("&Edit", IWorkbenchActionConstants.M_EDIT);
        edit.add(getAction(ActionFactory.COPY.getId()));
        edit.add(getAction(ActionFactory.SELECT_ALL.getId()));
        edit.add(getAction(ActionFactory.FIND.getId()));
        edit.add(new GroupMarker(IWorkbenchActionConstants.MB_ADDITIONS));
        menuBar.add(edit);

        MenuManager analysis = new MenuManager("&Analysis", "analysis");
        analysis.add(new GroupMarker(IWorkbenchActionConstants.MB_ADDITIONS));
        menuBar.add(analysis);

        MenuManager windowMenu = new MenuManager("&Window", IWorkbenchActionConstants.M_WINDOW);
        MenuManager showView = new MenuManager("Show &View", "showView");
        showView.add(ContributionItemFactory.VIEWS_SHORTLIST.create(window));
        windowMenu.add(showView);
        windowMenu.add(getAction(ActionFactory.RESET_PERSPECTIVE.getId()));
        windowMenu.add(new Separator());
        windowMenu.add(getAction(ActionFactory.PREFERENCES.getId()));
        windowMenu.add(new GroupMarker(IWorkbenchActionConstants.MB_ADDITIONS));
        menuBar.add(windowMenu);

        MenuManager help = new MenuManager("&Help", IWorkbenchActionConstants.M_HELP);
        // Help Contents, Search and Dynamic Help (F1) are served by org.eclipse.help.ui; the
        // user guide itself is the org.handlelens.help bundle.
        help.add(getAction(ActionFactory.HELP_CONTENTS.getId()));
        help.add(getAction(ActionFactory.HELP_SEARCH.getId()));
        help.add(getAction(ActionFactory.DYNAMIC_HELP.getId()));
        help.add(new GroupMarker(IWorkbenchActionConstants.MB_ADDITIONS));
        help.add(new Separator());
        help.add(getAction(ActionFactory.ABOUT.getId()));
        menuBar.add(help);
    }

    @Override
    protected void fillCoolBar(ICoolBarManager coolBar) {
        ToolBarManager main = new ToolBarManager(coolBar.getStyle());
        main.add(getAction(ActionFactory.NEW_WIZARD_DROP_DOWN.getId()));
        main.add(getAction(ActionFactory.SAVE.getId()));
        main.add(new GroupMarker(IWorkbenchActionConstants.MB_ADDITIONS));
        coolBar.add(main);
    }
}
