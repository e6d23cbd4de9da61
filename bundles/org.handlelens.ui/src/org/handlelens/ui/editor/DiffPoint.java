package org.handlelens.ui.editor;

import java.nio.file.Path;

/**
 * One side of a diff: a time of the editor's own source, a snapshot of it (a WinDbg log's
 * {@code !htrace -snapshot}/{@code -diff} or {@code !handle} listing), or the end of another file.
 */
public sealed interface DiffPoint {
    /** Means "the end of the source" for {@link AtTime}. */
    long END = Long.MAX_VALUE;

    /** The editor's own source at {@code nanos} since its start ({@link #END}: its end). */
    record AtTime(long nanos) implements DiffPoint {
    }

    /** Snapshot {@code index} of the editor's own source ({@code HandleModel.snapshots()}). */
    record AtSnapshot(int index) implements DiffPoint {
    }

    /** Another trace or WinDbg file, at its end (what is still open there). */
    record EndOfFile(Path file) implements DiffPoint {
    }

    /** The kinds offered in the selector, in its order. */
    enum Kind {
        /** {@link AtTime}. */
        THIS_SOURCE("This source at (s)", "seconds since the start; empty: the end"),
        /** {@link EndOfFile}. */
        OTHER_FILE("Another file", "trace or WinDbg file; compared at its end"),
        /** {@link AtSnapshot}. */
        SNAPSHOT("Snapshot of this log", "#N: one of the log's !htrace -snapshot/-diff or !handle outputs");

        private final String label;
        private final String hint;

        Kind(String label, String hint) {
            this.label = label;
            this.hint = hint;
        }

        /** Text of the kind in the selector's combo. */
        public String label() {
            return label;
        }

        /** Hint shown in the empty value field. */
        public String hint() {
            return hint;
        }

        /** The point of this kind that {@code text} (the value field) names. */
        DiffPoint parse(String text) {
            String t = text == null ? "" : text.trim();
            return switch (this) {
                case THIS_SOURCE -> {
                    if (t.isEmpty() || t.equalsIgnoreCase("end")) {
                        yield new AtTime(END);
                    }
                    Long nanos = HandleTablePage.parseSeconds(t);
                    if (nanos == null) {
                        throw new IllegalArgumentException("'" + t + "' is not a number of seconds (e.g. 12.5)");
                    }
                    yield new AtTime(nanos);
                }
                case OTHER_FILE -> {
                    if (t.isEmpty()) {
                        throw new IllegalArgumentException("choose another file (Browse...)");
                    }
                    yield new EndOfFile(Path.of(t));
                }
                case SNAPSHOT -> {
                    // "#3 !htrace -diff (line 143)" as offered, or just "3"
                    java.util.regex.Matcher m = java.util.regex.Pattern.compile("#?\\s*(\\d+)").matcher(t);
                    if (!m.lookingAt()) {
                        throw new IllegalArgumentException("choose a snapshot of this log (#N)");
                    }
                    yield new AtSnapshot(Integer.parseInt(m.group(1)));
                }
            };
        }
    }
}
