package org.handlelens.symbols;

import java.nio.file.Path;
import java.util.Map;

/**
 * Default folders shared by the CLI and the workbench: the download cache used when a symbol path names none
 * ({@code HANDLELENS_SYMBOL_CACHE}, else {@code ~/.cache/handlelens/symbols}) and the root that receives
 * Windows drive/UNC paths typed on other systems (a {@code windows-paths} sibling of the cache).
 */
public final class DefaultLocations {
    /** Environment variable overriding the default cache. */
    public static final String CACHE_ENV = "HANDLELENS_SYMBOL_CACHE";

    private DefaultLocations() {
    }

    /** The default symbol cache for the given environment. */
    public static Path symbolCache(Map<String, String> env) {
        String override = env.get(CACHE_ENV);
        if (override != null && !override.isBlank()) {
            return Path.of(override);
        }
        String home = env.getOrDefault("HOME", System.getProperty("user.home"));
        return Path.of(home, ".cache", "handlelens", "symbols");
    }

    /** Where {@code C:\...} and {@code \\server\...} paths are mapped on non-Windows systems. */
    public static Path windowsRoot(Path cache) {
        Path parent = cache.toAbsolutePath().getParent();
        return parent != null ? parent.resolve("windows-paths") : cache.toAbsolutePath().resolve("windows-paths");
    }
}
