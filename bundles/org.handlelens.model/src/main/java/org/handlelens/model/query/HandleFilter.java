package org.handlelens.model.query;

import java.util.Locale;

import org.handlelens.model.HandleModel;
import org.handlelens.model.ModelConstants;
import org.handlelens.model.ProcessRecord;

/**
 * Row filter shared by table, CLI and report. Null / {@link ModelConstants#TIME_UNKNOWN} fields do not
 * filter. Build with {@link #ALL} and the {@code with...} methods.
 *
 * @param processPid      owning process pid, or null
 * @param processName     owning process image, case-insensitive, ".exe" optional; or null
 * @param typeName        handle type, case-insensitive; or null
 * @param nameContains    substring of the object name, case-insensitive; or null
 * @param outstandingOnly only handles still open (at {@code atNanos} when set, else at the end)
 * @param preExistingOnly only handles that existed before the trace (Creating Process = Unknown)
 * @param atNanos         only handles open at this time since trace start, or TIME_UNKNOWN
 * @param createdFromNanos only handles created at or after this time, or TIME_UNKNOWN
 * @param createdToNanos  only handles created at or before this time, or TIME_UNKNOWN
 */
public record HandleFilter(Integer processPid, String processName, String typeName, String nameContains,
        boolean outstandingOnly, boolean preExistingOnly, long atNanos, long createdFromNanos, long createdToNanos) {

    /** Filter that keeps every row. */
    public static final HandleFilter ALL = new HandleFilter(null, null, null, null, false, false,
            ModelConstants.TIME_UNKNOWN, ModelConstants.TIME_UNKNOWN, ModelConstants.TIME_UNKNOWN);

    /** Owning process by pid when {@code pidOrName} is a number, else by image name. */
    public HandleFilter withProcess(String pidOrName) {
        try {
            int pid = pidOrName.startsWith("0x") ? Integer.parseInt(pidOrName.substring(2), 16)
                    : Integer.parseInt(pidOrName);
            return new HandleFilter(pid, null, typeName, nameContains, outstandingOnly, preExistingOnly, atNanos,
                    createdFromNanos, createdToNanos);
        } catch (NumberFormatException e) {
            return new HandleFilter(null, pidOrName, typeName, nameContains, outstandingOnly, preExistingOnly,
                    atNanos, createdFromNanos, createdToNanos);
        }
    }

    /** Only handles of this type (case-insensitive). */
    public HandleFilter withType(String type) {
        return new HandleFilter(processPid, processName, type, nameContains, outstandingOnly, preExistingOnly,
                atNanos, createdFromNanos, createdToNanos);
    }

    /** Only handles whose object name contains {@code text} (case-insensitive). */
    public HandleFilter withNameContains(String text) {
        return new HandleFilter(processPid, processName, typeName, text, outstandingOnly, preExistingOnly, atNanos,
                createdFromNanos, createdToNanos);
    }

    /** Only handles still open at the end (or at {@link #atNanos()} when set). */
    public HandleFilter withOutstandingOnly(boolean on) {
        return new HandleFilter(processPid, processName, typeName, nameContains, on, preExistingOnly, atNanos,
                createdFromNanos, createdToNanos);
    }

    /** Only handles that existed before the trace. */
    public HandleFilter withPreExistingOnly(boolean on) {
        return new HandleFilter(processPid, processName, typeName, nameContains, outstandingOnly, on, atNanos,
                createdFromNanos, createdToNanos);
    }

    /** Only handles open at {@code timeNanos} since trace start. */
    public HandleFilter withOpenAt(long timeNanos) {
        return new HandleFilter(processPid, processName, typeName, nameContains, outstandingOnly, preExistingOnly,
                timeNanos, createdFromNanos, createdToNanos);
    }

    /** Only handles created within [from, to] (either may be TIME_UNKNOWN = open-ended). */
    public HandleFilter withCreatedBetween(long fromNanos, long toNanos) {
        return new HandleFilter(processPid, processName, typeName, nameContains, outstandingOnly, preExistingOnly,
                atNanos, fromNanos, toNanos);
    }

    /** True when row {@code row} passes. */
    public boolean test(HandleModel m, int row) {
        if (processPid != null || processName != null) {
            ProcessRecord p = m.process(m.owningProcess(row));
            if (processPid != null && p.pid() != processPid) {
                return false;
            }
            if (processName != null && !imageMatches(p.image(), processName)) {
                return false;
            }
        }
        if (typeName != null && !typeName.equalsIgnoreCase(m.typeName(row))) {
            return false;
        }
        if (nameContains != null) {
            String name = m.objectName(row);
            if (name == null || !name.toLowerCase(Locale.ROOT).contains(nameContains.toLowerCase(Locale.ROOT))) {
                return false;
            }
        }
        if (atNanos != ModelConstants.TIME_UNKNOWN) {
            if (!m.isOpenAt(row, atNanos)) {
                return false;
            }
        } else if (outstandingOnly && !m.isOutstanding(row)) {
            return false;
        }
        if (preExistingOnly && !m.isPreExisting(row)) {
            return false;
        }
        if (createdFromNanos != ModelConstants.TIME_UNKNOWN || createdToNanos != ModelConstants.TIME_UNKNOWN) {
            long c = m.createTimeNanos(row);
            if (c == ModelConstants.TIME_UNKNOWN) {
                return false;
            }
            if (createdFromNanos != ModelConstants.TIME_UNKNOWN && c < createdFromNanos) {
                return false;
            }
            if (createdToNanos != ModelConstants.TIME_UNKNOWN && c > createdToNanos) {
                return false;
            }
        }
        return true;
    }

    /** Rows of {@code m} that pass, ascending. */
    public RowSelection select(HandleModel m) {
        int n = m.rowCount();
        int[] out = new int[Math.min(n, 1024)];
        int k = 0;
        for (int row = 0; row < n; row++) {
            if (test(m, row)) {
                if (k == out.length) {
                    out = java.util.Arrays.copyOf(out, Math.min(n, out.length * 2));
                }
                out[k++] = row;
            }
        }
        return RowSelection.wrap(java.util.Arrays.copyOf(out, k));
    }

    /** Handles open at {@code timeNanos} since trace start. */
    public static RowSelection outstandingAt(HandleModel m, long timeNanos) {
        return ALL.withOpenAt(timeNanos).select(m);
    }

    /** Handles still open at the end of the source ("Closing Process = Unknown"). */
    public static RowSelection outstandingAtEnd(HandleModel m) {
        return ALL.withOutstandingOnly(true).select(m);
    }

    /** True when the image equals {@code wanted} ignoring case, with or without ".exe". */
    static boolean imageMatches(String image, String wanted) {
        if (image.equalsIgnoreCase(wanted)) {
            return true;
        }
        return image.toLowerCase(Locale.ROOT).endsWith(".exe")
                && image.substring(0, image.length() - 4).equalsIgnoreCase(wanted);
    }
}
