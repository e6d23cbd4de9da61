package org.handlelens.ui.symbols;

import java.net.ProxySelector;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.eclipse.jface.preference.IPreferenceStore;
import org.handlelens.symbols.DefaultLocations;
import org.handlelens.symbols.SymbolService;
import org.handlelens.symbols.path.PathMapper;
import org.handlelens.symbols.path.SymbolPath;
import org.handlelens.symbols.server.FetchOptions;

/**
 * The symbol settings of the workbench (Window > Preferences > HandleLens > Symbols) as a value: the raw
 * {@code _NT_SYMBOL_PATH}, the download cache and the download limits.
 *
 * @param symbolPath          symbol path text in {@code _NT_SYMBOL_PATH} grammar
 * @param cacheFolder         cache for {@code srv*url} elements that name none
 * @param parallelDownloads   concurrent downloads
 * @param timeoutSeconds      connect/response/idle timeout
 * @param maxDownloadSizeMb   size cap per downloaded file, in MiB
 */
public record SymbolSettings(String symbolPath, Path cacheFolder, int parallelDownloads, int timeoutSeconds,
                             int maxDownloadSizeMb) {
    /** Preference key of the symbol path text. */
    public static final String KEY_SYMBOL_PATH = "symbols.path";
    /** Preference key of the cache folder. */
    public static final String KEY_CACHE_FOLDER = "symbols.cacheFolder";
    /** Preference key of the parallel download limit. */
    public static final String KEY_PARALLEL = "symbols.parallelDownloads";
    /** Preference key of the timeout in seconds. */
    public static final String KEY_TIMEOUT_SECONDS = "symbols.timeoutSeconds";
    /** Preference key of the size cap in MiB. */
    public static final String KEY_MAX_SIZE_MB = "symbols.maxDownloadSizeMb";

    /** Used when neither {@code _NT_ALT_SYMBOL_PATH} nor {@code _NT_SYMBOL_PATH} is set. */
    public static final String FALLBACK_PATH = "srv*https://msdl.microsoft.com/download/symbols";
    /** Default parallel downloads (as the symbols bundle's defaults). */
    public static final int DEFAULT_PARALLEL = 4;
    /** Default timeout. */
    public static final int DEFAULT_TIMEOUT_SECONDS = 30;
    /** Default size cap (MiB). */
    public static final int DEFAULT_MAX_SIZE_MB = 2048;

    /** Reads the settings from a preference store. */
    public static SymbolSettings from(IPreferenceStore store) {
        String cache = store.getString(KEY_CACHE_FOLDER);
        return new SymbolSettings(store.getString(KEY_SYMBOL_PATH),
                cache.isBlank() ? defaultCacheFolder(System.getenv()) : Path.of(cache),
                Math.max(1, store.getInt(KEY_PARALLEL)), Math.max(1, store.getInt(KEY_TIMEOUT_SECONDS)),
                Math.max(1, store.getInt(KEY_MAX_SIZE_MB)));
    }

    /** Writes the settings into a preference store. */
    public void saveTo(IPreferenceStore store) {
        store.setValue(KEY_SYMBOL_PATH, symbolPath);
        store.setValue(KEY_CACHE_FOLDER, cacheFolder.toString());
        store.setValue(KEY_PARALLEL, parallelDownloads);
        store.setValue(KEY_TIMEOUT_SECONDS, timeoutSeconds);
        store.setValue(KEY_MAX_SIZE_MB, maxDownloadSizeMb);
    }

    /** The default symbol path: the environment's, as WinDbg and WPA read it, else {@link #FALLBACK_PATH}. */
    public static String defaultSymbolPath(Map<String, String> env) {
        List<String> parts = new ArrayList<>();
        for (String name : SymbolPath.ENV_VARIABLES) {
            String v = env.get(name);
            if (v != null && !v.isBlank()) {
                parts.add(v.strip());
            }
        }
        return parts.isEmpty() ? FALLBACK_PATH : String.join(";", parts);
    }

    /** The default cache folder (shared with the CLI: {@code HANDLELENS_SYMBOL_CACHE} or ~/.cache/handlelens/symbols). */
    public static Path defaultCacheFolder(Map<String, String> env) {
        return DefaultLocations.symbolCache(env);
    }

    /** Maps Windows folder names typed on Linux/macOS below a sibling of the cache. */
    public PathMapper pathMapper() {
        return PathMapper.forCurrentOs(DefaultLocations.windowsRoot(cacheFolder));
    }

    /**
     * Parses the symbol path.
     *
     * @throws org.handlelens.symbols.path.SymbolPathSyntaxException for a malformed path
     */
    public SymbolPath parsedPath() {
        return SymbolPath.parse(symbolPath, cacheFolder, pathMapper());
    }

    /** Download limits for the symbols bundle. */
    public FetchOptions fetchOptions() {
        FetchOptions d = FetchOptions.defaults();
        Duration timeout = Duration.ofSeconds(timeoutSeconds);
        return new FetchOptions(timeout, timeout, timeout, d.retries(), maxDownloadSizeMb * 1024L * 1024L,
                d.negativeCacheTtl(), parallelDownloads, d.userAgent(), (ProxySelector) null);
    }

    /**
     * A symbol service for these settings.
     *
     * @throws org.handlelens.symbols.path.SymbolPathSyntaxException for a malformed path
     */
    public SymbolService createService() {
        return new SymbolService(parsedPath(), pathMapper(), fetchOptions());
    }
}
