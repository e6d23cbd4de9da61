package org.handlelens.model.query;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import org.handlelens.model.HandleModel;
import org.handlelens.model.ModelConstants;
import org.handlelens.model.StackTrace;
import org.handlelens.model.store.HandleRows;

/**
 * Columns of the handle table, in WPA's order, with the kebab-case keys the CLI, the table editor and
 * the report share. Each column maps a row to a {@code long} code (for grouping) and a code to a
 * typed value and a display label.
 */
public enum HandleColumn {
    /** Process that closed the handle; Unknown = still open at the end. */
    CLOSING_PROCESS("closing-process", "Closing Process", true),
    /** Process whose handle table holds the handle. */
    OWNING_PROCESS("owning-process", "Owning Process", true),
    /** Object type (File, Key, Event...). */
    TYPE("type", "Handle Type", true),
    /** Process that created the handle; Unknown = existed before the trace. */
    CREATING_PROCESS("creating-process", "Creating Process", true),
    /** Stack of the handle creation. */
    CREATE_STACK("create-stack", "Create Stack", true),
    /** Handle value. */
    HANDLE("handle", "Handle", true),
    /** Kernel object address. */
    OBJECT("object", "Object", true),
    /** Object name. */
    NAME("name", "Name", true),
    /** Access mask. */
    GRANTED_ACCESS("granted-access", "Granted Access", false),
    /** Creation time. */
    CREATE_TIME("create-time", "Create Time", false),
    /** Close time. */
    CLOSE_TIME("close-time", "Close Time", false),
    /** Creating thread id. */
    CREATE_THREAD("create-thread", "Create Thread", true);

    private final String key;
    private final String displayName;
    private final boolean groupable;

    HandleColumn(String key, String displayName, boolean groupable) {
        this.key = key;
        this.displayName = displayName;
        this.groupable = groupable;
    }

    /** Kebab-case key ({@code owning-process}). */
    public String key() {
        return key;
    }

    /** WPA column title ({@code Owning Process}). */
    public String displayName() {
        return displayName;
    }

    /** True when the column can be a group-by key. */
    public boolean groupable() {
        return groupable;
    }

    /** Column of a key (case-insensitive), or null. */
    public static HandleColumn fromKey(String key) {
        for (HandleColumn c : values()) {
            if (c.key.equalsIgnoreCase(key.trim())) {
                return c;
            }
        }
        return null;
    }

    /**
     * Parses a grouping: keys or display names separated by commas or {@code >}
     * ({@code owning-process,type} on the command line, {@code Owning Process > Handle Type} in the workbench).
     *
     * @throws IllegalArgumentException unknown or non-groupable key, naming it and the valid keys
     */
    public static List<HandleColumn> parseGroupKeys(String commaSeparated) {
        List<HandleColumn> out = new ArrayList<>();
        for (String part : commaSeparated.split("[,>]")) {
            if (part.isBlank()) {
                continue;
            }
            HandleColumn c = fromKey(part);
            for (HandleColumn d : values()) {
                if (c == null && d.displayName.equalsIgnoreCase(part.trim())) {
                    c = d;
                }
            }
            if (c == null || !c.groupable) {
                throw new IllegalArgumentException("unknown group-by column '" + part.trim() + "' (valid: "
                        + String.join(", ", groupableKeys()) + ")");
            }
            if (!out.contains(c)) {
                out.add(c);
            }
        }
        if (out.isEmpty()) {
            throw new IllegalArgumentException("no group-by column given (valid: "
                    + String.join(", ", groupableKeys()) + ")");
        }
        return List.copyOf(out);
    }

    /** Keys of groupable columns. */
    public static List<String> groupableKeys() {
        return Arrays.stream(values()).filter(HandleColumn::groupable).map(HandleColumn::key).toList();
    }

    /** The row store's column whose values are this column's {@link #code codes}; null when they are converted. */
    HandleRows.Field field() {
        return switch (this) {
            case CLOSING_PROCESS -> HandleRows.Field.CLOSING_PROCESS;
            case OWNING_PROCESS -> HandleRows.Field.OWNING_PROCESS;
            case TYPE -> HandleRows.Field.TYPE;
            case CREATING_PROCESS -> HandleRows.Field.CREATING_PROCESS;
            case CREATE_STACK -> HandleRows.Field.CREATE_STACK;
            case HANDLE -> HandleRows.Field.HANDLE;
            case OBJECT -> HandleRows.Field.OBJECT;
            case NAME -> HandleRows.Field.NAME;
            case GRANTED_ACCESS -> null; // stored as int, widened unsigned
            case CREATE_TIME -> HandleRows.Field.CREATE_TIME;
            case CLOSE_TIME -> HandleRows.Field.CLOSE_TIME;
            case CREATE_THREAD -> HandleRows.Field.CREATE_THREAD;
        };
    }

    /** Grouping code of {@code row}: process key, string id, address, stack id, ... (-1 / TIME_UNKNOWN = none). */
    public long code(HandleModel m, int row) {
        return switch (this) {
            case CLOSING_PROCESS -> m.closingProcess(row);
            case OWNING_PROCESS -> m.owningProcess(row);
            case TYPE -> m.typeId(row);
            case CREATING_PROCESS -> m.creatingProcess(row);
            case CREATE_STACK -> m.createStackId(row);
            case HANDLE -> m.handleValue(row);
            case OBJECT -> m.objectAddress(row);
            case NAME -> m.objectNameId(row);
            case GRANTED_ACCESS -> m.grantedAccess(row);
            case CREATE_TIME -> m.createTimeNanos(row);
            case CLOSE_TIME -> m.closeTimeNanos(row);
            case CREATE_THREAD -> m.createThreadId(row);
        };
    }

    /**
     * Typed value of a code, for JSON: process label String (null = Unknown), type/name String,
     * object {@code 0x}-hex String, handle/thread/access Long, times Long nanoseconds,
     * create stack {@code List<String>} of frames; null when unknown.
     */
    public Object value(HandleModel m, long code) {
        return switch (this) {
            case CLOSING_PROCESS, OWNING_PROCESS, CREATING_PROCESS -> code < 0 ? null : m.processLabel((int) code);
            case TYPE, NAME -> m.string((int) code);
            case CREATE_STACK -> {
                StackTrace s = m.stack((int) code);
                yield s == null ? null : List.of(s.frameTexts());
            }
            case OBJECT -> code == -1 ? null : hex(code);
            case HANDLE, CREATE_THREAD, GRANTED_ACCESS -> code == -1 ? null : code;
            case CREATE_TIME, CLOSE_TIME -> code == ModelConstants.TIME_UNKNOWN ? null : code;
        };
    }

    /** Display text of a code (as a table cell shows it). */
    public String label(HandleModel m, long code) {
        return switch (this) {
            case CLOSING_PROCESS, OWNING_PROCESS, CREATING_PROCESS -> m.processLabel((int) code);
            case TYPE -> m.string((int) code);
            case NAME -> {
                String s = m.string((int) code);
                yield s == null ? "" : s;
            }
            case CREATE_STACK -> {
                StackTrace s = m.stack((int) code);
                yield s == null ? "" : s.frameCount() == 0 ? "(empty)" : "#" + code + " " + s.frameText(0);
            }
            case OBJECT, HANDLE, GRANTED_ACCESS -> code == -1 ? "" : hex(code);
            case CREATE_THREAD -> code == -1 ? "" : Long.toString(code);
            case CREATE_TIME, CLOSE_TIME -> code == ModelConstants.TIME_UNKNOWN ? "" : seconds(code);
        };
    }

    /** Lower-case {@code 0x}-hex. */
    public static String hex(long v) {
        return "0x" + Long.toHexString(v);
    }

    /** Seconds with nanosecond digits ({@code 12.000001234}). */
    public static String seconds(long nanos) {
        return String.format(Locale.ROOT, "%d.%09d", nanos / 1_000_000_000L, Math.abs(nanos % 1_000_000_000L));
    }
}
