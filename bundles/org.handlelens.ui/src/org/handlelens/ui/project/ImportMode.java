package org.handlelens.ui.project;

import java.util.Locale;

/** How a file enters a trace project's Traces folder. */
public enum ImportMode {
    /** A copy in the project (the project is self-contained; the index lies beside the copy). */
    COPY,
    /** A linked resource pointing to the original (no copy of a multi-GB trace). */
    LINK;

    /** Settings value. */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses a settings value; unknown values mean {@link #COPY}. */
    public static ImportMode ofKey(String key) {
        return "link".equalsIgnoreCase(key) ? LINK : COPY;
    }
}
