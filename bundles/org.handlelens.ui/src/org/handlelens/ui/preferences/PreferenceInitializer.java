package org.handlelens.ui.preferences;

import org.eclipse.core.runtime.preferences.AbstractPreferenceInitializer;
import org.eclipse.jface.preference.IPreferenceStore;
import org.handlelens.ui.HandleLensUi;
import org.handlelens.ui.symbols.SymbolSettings;

/** Defaults of the HandleLens preferences; the symbol path is seeded from {@code _NT_SYMBOL_PATH}. */
public final class PreferenceInitializer extends AbstractPreferenceInitializer {
    @Override
    public void initializeDefaultPreferences() {
        IPreferenceStore store = HandleLensUi.getDefault().getPreferenceStore();
        store.setDefault(SymbolSettings.KEY_SYMBOL_PATH, SymbolSettings.defaultSymbolPath(System.getenv()));
        store.setDefault(SymbolSettings.KEY_CACHE_FOLDER, SymbolSettings.defaultCacheFolder(System.getenv()).toString());
        store.setDefault(SymbolSettings.KEY_PARALLEL, SymbolSettings.DEFAULT_PARALLEL);
        store.setDefault(SymbolSettings.KEY_TIMEOUT_SECONDS, SymbolSettings.DEFAULT_TIMEOUT_SECONDS);
        store.setDefault(SymbolSettings.KEY_MAX_SIZE_MB, SymbolSettings.DEFAULT_MAX_SIZE_MB);
    }
}
