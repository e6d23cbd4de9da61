package org.handlelens.symbols.server;

import java.nio.file.Path;
import java.util.regex.Pattern;

/**
 * Guards every name that becomes part of a cache path. Names come from PDB/PE records, ETW events and
 * servers, so they are untrusted: a name must be a single path component and a key must be hex-like.
 */
public final class SafeNames {
    private static final Pattern KEY = Pattern.compile("[0-9A-Za-z]{1,64}");

    private SafeNames() {
    }

    /** Returns {@code name} when it is a plain file name; throws IllegalArgumentException otherwise. */
    public static String fileName(String name) {
        if (name == null || name.isEmpty() || name.length() > 255) {
            throw new IllegalArgumentException("unusable file name: " + quote(name));
        }
        if (name.equals(".") || name.equals("..") || name.endsWith(".") && name.replace(".", "").isEmpty()) {
            throw new IllegalArgumentException("path traversal rejected: " + quote(name));
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c == '/' || c == '\\' || c == ':' || c < 0x20 || c == 0x7F) {
                throw new IllegalArgumentException("path traversal rejected: file name " + quote(name)
                        + " contains a separator, ':' or a control character");
            }
        }
        return name;
    }

    /** Returns {@code key} when it is 1-64 ASCII letters/digits; throws IllegalArgumentException otherwise. */
    public static String key(String key) {
        if (key == null || !KEY.matcher(key).matches()) {
            throw new IllegalArgumentException("path traversal rejected: symbol key " + quote(key));
        }
        return key;
    }

    /** Resolves {@code parts} under {@code root} and checks that the result stays inside it. */
    public static Path under(Path root, String... parts) {
        Path base = root.toAbsolutePath().normalize();
        Path p = base;
        for (String part : parts) {
            p = p.resolve(fileName(part));
        }
        p = p.normalize();
        if (!p.startsWith(base)) {
            throw new IllegalArgumentException("path traversal rejected: " + p + " is outside " + base);
        }
        return p;
    }

    private static String quote(String s) {
        return s == null ? "null" : "\"" + s.replaceAll("\\p{Cntrl}", "?") + "\"";
    }
}
