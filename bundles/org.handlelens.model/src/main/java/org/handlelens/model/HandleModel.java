package org.handlelens.model;

import java.util.List;

import org.handlelens.model.store.HandleRows;
import org.handlelens.model.store.StackTable;
import org.handlelens.model.store.StringTable;

/**
 * The analysis model of one source: processes, modules, interned stacks and handle lifetimes in
 * columnar form. Immutable once built and safe to read from many threads.
 *
 * <p>Rows are addressed by index {@code 0..rowCount()-1}. Sentinels: process key -1 = Unknown,
 * times {@link ModelConstants#TIME_UNKNOWN}, stack {@link ModelConstants#NO_STACK}, other values -1.
 */
public final class HandleModel {
    /** Sentinel for unknown times. */
    public static final long TIME_UNKNOWN = ModelConstants.TIME_UNKNOWN;

    private final SourceInfo source;
    private final List<ProcessRecord> processes;
    private final List<List<ModuleRecord>> modules;
    private final StringTable strings;
    private final StackTable stacks;
    private final HandleRows rows;
    private final List<String> warnings;
    private final String partialReason;
    private final List<Snapshot> snapshots;
    /** Latest create or close time of any row, computed on first use (the model is immutable); -1 = not yet. */
    private volatile long latestTimeNanos = -1;

    HandleModel(SourceInfo source, List<ProcessRecord> processes, List<List<ModuleRecord>> modules,
            StringTable strings, StackTable stacks, HandleRows rows, List<String> warnings, String partialReason,
            List<Snapshot> snapshots) {
        this.source = source;
        this.processes = processes;
        this.modules = modules;
        this.strings = strings;
        this.stacks = stacks;
        this.rows = rows;
        this.warnings = warnings;
        this.partialReason = partialReason;
        this.snapshots = List.copyOf(snapshots);
    }

    /** Used by the index reader in {@code org.handlelens.model.store}. */
    public static HandleModel restore(SourceInfo source, List<ProcessRecord> processes,
            List<List<ModuleRecord>> modules, StringTable strings, StackTable stacks, HandleRows rows,
            List<String> warnings, String partialReason) {
        return restore(source, processes, modules, strings, stacks, rows, warnings, partialReason, List.of());
    }

    /**
     * Used by the index reader in {@code org.handlelens.model.store}: with the source's snapshots and the
     * {@link #latestTimeNanos()} stored with them, so a reopened model is never scanned for it.
     */
    public static HandleModel restore(SourceInfo source, List<ProcessRecord> processes,
            List<List<ModuleRecord>> modules, StringTable strings, StackTable stacks, HandleRows rows,
            List<String> warnings, String partialReason, List<Snapshot> snapshots, long latestTimeNanos) {
        HandleModel m = restore(source, processes, modules, strings, stacks, rows, warnings, partialReason,
                snapshots);
        m.knowLatestTimeNanos(latestTimeNanos);
        return m;
    }

    /** Used by the index reader in {@code org.handlelens.model.store}; with the source's snapshots. */
    public static HandleModel restore(SourceInfo source, List<ProcessRecord> processes,
            List<List<ModuleRecord>> modules, StringTable strings, StackTable stacks, HandleRows rows,
            List<String> warnings, String partialReason, List<Snapshot> snapshots) {
        return new HandleModel(source, List.copyOf(processes), modules.stream().map(List::copyOf).toList(),
                strings.freeze(), stacks.freeze(), rows, List.copyOf(warnings), partialReason, snapshots);
    }

    /** Where the model came from. */
    public SourceInfo source() {
        return source;
    }

    /** Processes indexed by process key. */
    public List<ProcessRecord> processes() {
        return processes;
    }

    /** Process with key {@code key}, null for -1 (Unknown). */
    public ProcessRecord process(int key) {
        return key < 0 ? null : processes.get(key);
    }

    /** WPA-style label "image (pid)", or "Unknown" for key -1. */
    public String processLabel(int key) {
        return key < 0 ? "Unknown" : processes.get(key).label();
    }

    /** Modules of process {@code key}. */
    public List<ModuleRecord> modules(int processKey) {
        return modules.get(processKey);
    }

    /** Non-fatal problems the importer reported. */
    public List<String> warnings() {
        return warnings;
    }

    /** Why the model covers only part of the source, or null when complete. */
    public String partialReason() {
        return partialReason;
    }

    /** True when {@link #partialReason()} is set. */
    public boolean isPartial() {
        return partialReason != null;
    }

    /**
     * The points at which a snapshot-based source (WinDbg log) observed the handle state, in log order
     * ({@link Snapshot#index()} = position); empty for traces. See {@link #isOpenAtSnapshot}.
     */
    public List<Snapshot> snapshots() {
        return snapshots;
    }

    /**
     * Index of the first snapshot at which the handle of {@code row} was known to be open (its
     * {@code !htrace} OPEN was printed before it or in its {@code -diff} output, or its {@code !handle}
     * listing listed it); -1 when the source has no snapshots.
     */
    public int openedSnapshot(int row) {
        return rows.openedSnapshot(row);
    }

    /**
     * Index of the first snapshot by which the handle of {@code row} was known to be closed (its CLOSE
     * record was printed before it, or a complete {@code !handle} listing of its process no longer
     * listed it); -1 when not known closed.
     */
    public int closedSnapshot(int row) {
        return rows.closedSnapshot(row);
    }

    /**
     * Open at snapshot {@code index}: seen open at or before it and not known closed by it. A handle
     * open at one snapshot is assumed open at later ones until a CLOSE or a complete listing says
     * otherwise ({@code !htrace -diff} does not print closes). False for rows without snapshot data.
     */
    public boolean isOpenAtSnapshot(int row, int index) {
        int opened = rows.openedSnapshot(row);
        if (opened < 0 || opened > index) {
            return false;
        }
        int closed = rows.closedSnapshot(row);
        return closed < 0 || closed > index;
    }

    /** Number of handle rows. */
    public int rowCount() {
        return (int) rows.rowCount();
    }

    /** Number of distinct stacks. */
    public int stackCount() {
        return stacks.size();
    }

    /** Stack {@code id}; null for {@link ModelConstants#NO_STACK}. */
    public StackTrace stack(int id) {
        return id < 0 ? null : stacks.get(id);
    }

    /** Interned string by id (type names, object names, attributes), null for -1. */
    public String string(int id) {
        return strings.get(id);
    }

    /** Id of an interned string, -1 when absent. */
    public int stringId(String s) {
        return strings.find(s);
    }

    /** Number of interned strings. */
    public int stringCount() {
        return strings.size();
    }

    /** Owning process key of {@code row}. */
    public int owningProcess(int row) {
        return rows.owningProcess(row);
    }

    /** Handle value of {@code row}. */
    public long handleValue(int row) {
        return rows.handleValue(row);
    }

    /** Object address, -1 when unknown. */
    public long objectAddress(int row) {
        return rows.objectAddress(row);
    }

    /** Object type name of {@code row}. */
    public String typeName(int row) {
        return strings.get(rows.typeId(row));
    }

    /** Interned id of the type name (fast grouping). */
    public int typeId(int row) {
        return rows.typeId(row);
    }

    /** Object name, null when none. */
    public String objectName(int row) {
        return strings.get(rows.nameId(row));
    }

    /** Interned id of the object name, -1 when none. */
    public int objectNameId(int row) {
        return rows.nameId(row);
    }

    /** Access mask (unsigned 32 bits), -1 when unknown. */
    public long grantedAccess(int row) {
        return rows.grantedAccess(row);
    }

    /** Attributes text ("Inherit"), null when none. */
    public String attributes(int row) {
        return strings.get(rows.attributesId(row));
    }

    /** Creating process key, -1 = Unknown. */
    public int creatingProcess(int row) {
        return rows.creatingProcess(row);
    }

    /** Closing process key, -1 = Unknown. */
    public int closingProcess(int row) {
        return rows.closingProcess(row);
    }

    /** Creating thread id, -1 when unknown. */
    public int createThreadId(int row) {
        return rows.createThread(row);
    }

    /** Nanoseconds since trace start, {@link #TIME_UNKNOWN} when unknown. */
    public long createTimeNanos(int row) {
        return rows.createTime(row);
    }

    /** Nanoseconds since trace start, {@link #TIME_UNKNOWN} when not closed or unknown. */
    public long closeTimeNanos(int row) {
        return rows.closeTime(row);
    }

    /** Create stack id, {@link ModelConstants#NO_STACK} when none. */
    public int createStackId(int row) {
        return rows.createStack(row);
    }

    /** Close stack id, {@link ModelConstants#NO_STACK} when none. */
    public int closeStackId(int row) {
        return rows.closeStack(row);
    }

    /** Source handle of a DuplicateHandle, -1 when not a duplicate. */
    public long duplicatedFromHandle(int row) {
        return rows.dupFromHandle(row);
    }

    /** Source process key of a DuplicateHandle, -1 when not a duplicate/unknown. */
    public int duplicatedFromProcess(int row) {
        return rows.dupFromProcess(row);
    }

    /** WinDbg object detail, null when none. */
    public HandleDetail detail(int row) {
        return rows.detail(row);
    }

    /** The whole row as a record (convenient, allocates; not for bulk scans). */
    public HandleRecord row(int row) {
        return new HandleRecord(owningProcess(row), handleValue(row), objectAddress(row), typeName(row),
                objectName(row), grantedAccess(row), attributes(row), creatingProcess(row), closingProcess(row),
                createThreadId(row), createTimeNanos(row), closeTimeNanos(row), createStackId(row),
                closeStackId(row), duplicatedFromHandle(row), duplicatedFromProcess(row), detail(row));
    }

    /**
     * Still open when the source ended (WPA "Closing Process = Unknown"): no closing process, no
     * close time and not known closed by a snapshot (a complete {@code !handle} listing without it).
     */
    public boolean isOutstanding(int row) {
        return isOutstanding(rows.closingProcess(row), rows.closeTime(row), rows.closedSnapshot(row));
    }

    /**
     * The rule of {@link #isOutstanding(int)} on a row's stored values (for queries that read the columns in
     * blocks): no closing process, no close time, not closed by a later snapshot.
     */
    public static boolean isOutstanding(long closingProcess, long closeTimeNanos, long closedSnapshot) {
        return closingProcess == ModelConstants.UNKNOWN_PROCESS && closeTimeNanos == TIME_UNKNOWN
                && closedSnapshot < 0;
    }

    /** Existed before the source started (WPA "Creating Process = Unknown"): no creator, no create time. */
    public boolean isPreExisting(int row) {
        return rows.creatingProcess(row) == ModelConstants.UNKNOWN_PROCESS
                && rows.createTime(row) == TIME_UNKNOWN;
    }

    /**
     * Open at {@code timeNanos} since trace start: created at or before it (or pre-existing) and not
     * closed at or before it. A handle with a known closing process but no close time (WinDbg
     * {@code !htrace} CLOSE entries carry no times), or one known closed by a snapshot, counts as closed
     * at every time.
     */
    public boolean isOpenAt(int row, long timeNanos) {
        long created = rows.createTime(row);
        if (created != TIME_UNKNOWN && created > timeNanos) {
            return false;
        }
        long closed = rows.closeTime(row);
        if (closed != TIME_UNKNOWN) {
            return closed > timeNanos;
        }
        return rows.closingProcess(row) == ModelConstants.UNKNOWN_PROCESS && rows.closedSnapshot(row) < 0;
    }

    /** Bytes the model holds on the heap by our own accounting (columns, strings, stacks, processes). */
    public long estimatedBytes() {
        long bytes = rows.allocatedBytes() + strings.approximateBytes() + stacks.approximateBytes();
        bytes += 120L * processes.size();
        for (List<ModuleRecord> list : modules) {
            bytes += 16L + 150L * list.size();
        }
        return bytes;
    }

    /** Direct access to the row store for the index writer. */
    public HandleRows rowStore() {
        return rows;
    }

    /** Direct access to the string table for the index writer. */
    public StringTable stringTable() {
        return strings;
    }

    /** Direct access to the stack table for the index writer. */
    public StackTable stackTable() {
        return stacks;
    }

    /** All module lists by process key, for the index writer. */
    public List<List<ModuleRecord>> allModules() {
        return modules;
    }

    /** Sets what {@link #latestTimeNanos()} returns when the builder tracked it; no later scan then. */
    void knowLatestTimeNanos(long nanos) {
        latestTimeNanos = Math.max(0, nanos);
    }

    /**
     * The latest create or close time of any row (0 when no row has a time): the span of a source that does
     * not state its duration. Known from the builder or the index, else scanned once.
     */
    public long latestTimeNanos() {
        long t = latestTimeNanos;
        if (t < 0) {
            t = 0;
            for (int r = 0; r < rowCount(); r++) {
                t = Math.max(t, Math.max(createTimeNanos(r), closeTimeNanos(r)));
            }
            latestTimeNanos = t;
        }
        return t;
    }
}
