package org.handlelens.symbols.path;

import java.nio.file.FileSystems;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Turns folder names typed in a symbol path into local paths. On Windows they are used as they are. Elsewhere
 * Windows drive paths ({@code C:\symbols}) map to {@code <root>/c/symbols} and UNC paths
 * ({@code \\server\share\sym}) to {@code <root>/unc/server/share/sym}, so a path copied from a Windows
 * machine works unchanged; POSIX paths are used as they are.
 */
public final class PathMapper {
    private static final Pattern DRIVE = Pattern.compile("^[A-Za-z]:([\\\\/].*)?$");
    private final Path windowsRoot;
    private final boolean windows;

    /**
     * @param windowsRoot local folder that receives Windows drive and UNC paths on non-Windows systems
     * @param windows     true to use paths unchanged (running on Windows)
     */
    public PathMapper(Path windowsRoot, boolean windows) {
        this.windowsRoot = windowsRoot.toAbsolutePath().normalize();
        this.windows = windows;
    }

    /** A mapper for the running OS. */
    public static PathMapper forCurrentOs(Path windowsRoot) {
        return new PathMapper(windowsRoot, FileSystems.getDefault().getSeparator().equals("\\"));
    }

    /** True when the text is a Windows drive or UNC path. */
    public static boolean isWindowsPath(String text) {
        return DRIVE.matcher(text).matches() || text.startsWith("\\\\");
    }

    /** Maps a folder name; throws IllegalArgumentException for unusable names. */
    public Path map(String text) {
        String t = text.strip();
        if (t.isEmpty()) {
            throw new IllegalArgumentException("empty folder name");
        }
        try {
            if (windows || !isWindowsPath(t)) {
                return Path.of(t);
            }
            List<String> parts = new ArrayList<>();
            String rest;
            if (t.startsWith("\\\\")) {
                parts.add("unc");
                rest = t.substring(2);
            } else {
                parts.add(t.substring(0, 1).toLowerCase(Locale.ROOT));
                rest = t.substring(2);
            }
            for (String p : rest.split("[\\\\/]+")) {
                if (p.isEmpty() || p.equals(".")) {
                    continue;
                }
                if (p.equals("..")) {
                    throw new IllegalArgumentException("'..' is not allowed in a Windows path mapped to " + windowsRoot);
                }
                parts.add(p);
            }
            Path out = windowsRoot;
            for (String p : parts) {
                out = out.resolve(p);
            }
            return out;
        } catch (InvalidPathException e) {
            throw new IllegalArgumentException("not a valid folder name: " + e.getMessage(), e);
        }
    }

    /** The root that receives Windows paths. */
    public Path windowsRoot() {
        return windowsRoot;
    }
}
