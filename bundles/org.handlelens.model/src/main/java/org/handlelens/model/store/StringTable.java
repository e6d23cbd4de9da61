package org.handlelens.model.store;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Interns strings to dense int ids so rows store 4-byte ids instead of references. Id -1 stands for null.
 * Mutable while building; {@link #freeze()} drops the lookup map and makes it read-only.
 */
public final class StringTable {
    /** Id of the null string. */
    public static final int NULL_ID = -1;

    private final List<String> strings = new ArrayList<>();
    private Map<String, Integer> ids = new HashMap<>();
    private long charCount;

    /** Id of {@code s}, adding it when new; {@link #NULL_ID} for null. */
    public int intern(String s) {
        if (s == null) {
            return NULL_ID;
        }
        if (ids == null) {
            throw new IllegalStateException("string table is frozen");
        }
        Integer id = ids.get(s);
        if (id == null) {
            id = strings.size();
            strings.add(s);
            ids.put(s, id);
            charCount += s.length();
        }
        return id;
    }

    /**
     * Gives entry {@code id} a new text, e.g. a placeholder type name ({@code Type#16}) once the
     * trace's own name for it arrives. Returns the id now holding {@code text}: {@code id}, or the
     * id that already held {@code text} (the caller then re-points references from {@code id}).
     */
    public int rename(int id, String text) {
        if (ids == null) {
            throw new IllegalStateException("string table is frozen");
        }
        java.util.Objects.requireNonNull(text, "text");
        String old = strings.get(id);
        Integer existing = ids.get(text);
        if (existing != null) {
            return existing;
        }
        ids.remove(old);
        strings.set(id, text);
        ids.put(text, id);
        charCount += text.length() - old.length();
        return id;
    }

    /** Id of {@code s} if present, else {@link #NULL_ID} (works after freezing too, by scan). */
    public int find(String s) {
        if (s == null) {
            return NULL_ID;
        }
        if (ids != null) {
            return ids.getOrDefault(s, NULL_ID);
        }
        return strings.indexOf(s);
    }

    /** String of {@code id}, null for {@link #NULL_ID}. */
    public String get(int id) {
        return id == NULL_ID ? null : strings.get(id);
    }

    /** Number of distinct strings. */
    public int size() {
        return strings.size();
    }

    /** All strings in id order (read-only view). */
    public List<String> all() {
        return Collections.unmodifiableList(strings);
    }

    /** Stops interning, dropping the hash map. */
    public StringTable freeze() {
        ids = null;
        return this;
    }

    /** Approximate heap bytes (compact Latin-1 strings assumed for the character data). */
    public long approximateBytes() {
        long bytes = 64L + 8L * strings.size() + 56L * strings.size() + charCount;
        if (ids != null) {
            bytes += 48L * strings.size();
        }
        return bytes;
    }
}
