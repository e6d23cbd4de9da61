package org.handlelens.model;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.handlelens.model.store.HandleRows;
import org.handlelens.model.store.StackTable;
import org.handlelens.model.store.StringTable;

/**
 * Collects what an importer reads and builds an immutable {@link HandleModel}. Mutable and
 * single-threaded; use one builder per import.
 */
public final class HandleModelBuilder {
    /** No stack. */
    public static final int NO_STACK = ModelConstants.NO_STACK;

    private SourceInfo source;
    private final List<ProcessRecord> processes = new ArrayList<>();
    private final List<List<ModuleRecord>> modules = new ArrayList<>();
    private final Map<Long, Integer> processByEprocess = new HashMap<>();
    private final Map<Integer, Integer> latestProcessByPid = new HashMap<>();
    private final StringTable strings = new StringTable();
    private StackTable stacks = new StackTable();
    private final HandleRows rows;
    private final List<String> warnings = new ArrayList<>();
    private String partialReason;
    private final List<Snapshot> snapshots = new ArrayList<>();
    private int maxSnapshotReferenced = -1;
    /** Latest create or close time of any row so far (0 when none has a time). */
    private long latestTimeNanos;
    private boolean built;

    /** Builder for a model of {@code source}. */
    public HandleModelBuilder(SourceInfo source) {
        this(source, HandleRows.DEFAULT_CHUNK_SHIFT);
    }

    /** Builder with a custom chunk size ({@code 1 << chunkShift} rows), for tests of chunk boundaries. */
    public HandleModelBuilder(SourceInfo source, int chunkShift) {
        this.source = java.util.Objects.requireNonNull(source, "source");
        this.rows = new HandleRows(chunkShift);
    }

    /** Replaces the source info (e.g. once the end time or event counts are known). */
    public void setSource(SourceInfo newSource) {
        this.source = java.util.Objects.requireNonNull(newSource, "source");
    }

    /** Current source info. */
    public SourceInfo source() {
        return source;
    }

    /** Adds a process unconditionally and returns its key (0..n-1). PID reuse gives distinct keys. */
    public int addProcess(ProcessRecord p) {
        checkOpen();
        int key = processes.size();
        processes.add(p);
        modules.add(new ArrayList<>());
        if (p.eprocessAddress() != -1) {
            processByEprocess.put(p.eprocessAddress(), key);
        }
        latestProcessByPid.put(p.pid(), key);
        return key;
    }

    /**
     * Key of an already added process: by EPROCESS address when given (not -1), else the latest
     * process with {@code pid}; -1 when none.
     */
    public int findProcess(long eprocessAddressOrMinus1, int pid) {
        if (eprocessAddressOrMinus1 != -1) {
            Integer key = processByEprocess.get(eprocessAddressOrMinus1);
            return key == null ? -1 : key;
        }
        Integer key = latestProcessByPid.get(pid);
        return key == null ? -1 : key;
    }

    /**
     * Adds {@code p}, or merges it into the same process added before (same EPROCESS address, or the
     * same pid when neither record has an address); values missing in the earlier record are filled in.
     */
    public int addOrMergeProcess(ProcessRecord p) {
        checkOpen();
        int key = -1;
        if (p.eprocessAddress() != -1) {
            key = findProcess(p.eprocessAddress(), p.pid());
            if (key < 0) {
                // an earlier record of this pid without address is the same process
                int byPid = findProcess(-1, p.pid());
                if (byPid >= 0 && processes.get(byPid).eprocessAddress() == -1) {
                    key = byPid;
                }
            }
        } else {
            key = findProcess(-1, p.pid());
        }
        if (key < 0) {
            return addProcess(p);
        }
        ProcessRecord merged = processes.get(key).mergedWith(p);
        processes.set(key, merged);
        if (merged.eprocessAddress() != -1) {
            processByEprocess.put(merged.eprocessAddress(), key);
        }
        return key;
    }

    /** Replaces the record of an existing process (e.g. to set its end time). */
    public void updateProcess(int processKey, ProcessRecord p) {
        checkOpen();
        checkProcess(processKey, "processKey");
        processes.set(processKey, p);
        if (p.eprocessAddress() != -1) {
            processByEprocess.put(p.eprocessAddress(), processKey);
        }
    }

    /** The record of process {@code key}. */
    public ProcessRecord process(int key) {
        return processes.get(key);
    }

    /** Number of processes added so far. */
    public int processCount() {
        return processes.size();
    }

    /** Interns an address-only stack (innermost first); identical arrays share an id. */
    public int internStack(long[] frameAddresses) {
        checkOpen();
        return stacks.intern(new StackTrace(frameAddresses, null));
    }

    /** Interns a stack whose frames are text ({@code "module!func+0x1f"} or {@code "0x7c90e8e5"}). */
    public int internSymbolicStack(String[] frames) {
        checkOpen();
        return stacks.intern(new StackTrace(null, frames));
    }

    /** Interns a stack carrying both addresses (0 = unknown) and texts (null = unknown), equal lengths. */
    public int internStack(long[] frameAddresses, String[] frameNames) {
        checkOpen();
        return stacks.intern(new StackTrace(frameAddresses, frameNames));
    }

    /** Adds an image loaded into process {@code processKey}. */
    public void addModule(int processKey, ModuleRecord m) {
        checkOpen();
        checkProcess(processKey, "processKey");
        modules.get(processKey).add(java.util.Objects.requireNonNull(m, "module"));
    }

    /**
     * Adds one handle lifetime and returns its row (0, 1, ...). Process keys and stack ids must come
     * from this builder. Streaming importers complete the row later with {@link #setClose},
     * {@link #setCreateStack}, {@link #setCloseStack}, {@link #setObjectNameIfMissing} and
     * {@link #renameType}.
     */
    public int addHandle(HandleRecord h) {
        checkOpen();
        checkProcess(h.owningProcessKey(), "owningProcessKey");
        checkOptionalProcess(h.creatingProcessKey(), "creatingProcessKey");
        checkOptionalProcess(h.closingProcessKey(), "closingProcessKey");
        checkOptionalProcess(h.duplicatedFromProcessKey(), "duplicatedFromProcessKey");
        checkStack(h.createStackId(), "createStackId");
        checkStack(h.closeStackId(), "closeStackId");
        if (rows.rowCount() >= Integer.MAX_VALUE - 1) {
            throw new IllegalStateException("more than " + (Integer.MAX_VALUE - 1) + " handle rows");
        }
        latestTimeNanos = Math.max(latestTimeNanos, Math.max(h.createTimeNanos(), h.closeTimeNanos()));
        return (int) rows.append(h.owningProcessKey(), h.handleValue(), h.objectAddress(),
                strings.intern(h.typeName()), strings.intern(h.objectName()), h.grantedAccess(),
                strings.intern(h.attributes()), h.creatingProcessKey(), h.closingProcessKey(), h.createThreadId(),
                h.createTimeNanos(), h.closeTimeNanos(), h.createStackId(), h.closeStackId(),
                h.duplicatedFromHandle(), h.duplicatedFromProcessKey(), h.detail());
    }

    /** Sets the closing process ({@link ModelConstants#UNKNOWN_PROCESS} allowed) and close time of {@code row}. */
    public void setClose(int row, int closingProcessKey, long closeTimeNanos) {
        checkOpen();
        checkOptionalProcess(closingProcessKey, "closingProcessKey");
        rows.setClose(row, closingProcessKey, closeTimeNanos);
        latestTimeNanos = Math.max(latestTimeNanos, closeTimeNanos);
    }

    /** Attaches a create stack (stack walks arrive after their event) to {@code row}. */
    public void setCreateStack(int row, int stackId) {
        checkOpen();
        checkStack(stackId, "createStackId");
        rows.setCreateStack(row, stackId);
    }

    /** Attaches a close stack to {@code row}. */
    public void setCloseStack(int row, int stackId) {
        checkOpen();
        checkStack(stackId, "closeStackId");
        rows.setCloseStack(row, stackId);
    }

    /** Create stack id of {@code row}, {@link #NO_STACK} when none. */
    public int createStackId(int row) {
        return rows.createStack(row);
    }

    /** Close stack id of {@code row}, {@link #NO_STACK} when none. */
    public int closeStackId(int row) {
        return rows.closeStack(row);
    }

    /** The stack interned as {@code id}. */
    public StackTrace stack(int id) {
        return stacks.get(id);
    }

    /** Sets the object name of {@code row} unless it has one; null or empty names are ignored. */
    public void setObjectNameIfMissing(int row, String name) {
        checkOpen();
        if (name != null && !name.isEmpty() && rows.nameId(row) == StringTable.NULL_ID) {
            rows.setNameId(row, strings.intern(name));
        }
    }

    /**
     * Renames a type name used by rows added so far (a placeholder such as {@code Type#16} once the
     * trace's type rundown names it). When {@code finalName} is already in use, the rows of the
     * placeholder are re-pointed to it (one pass over the rows). No-op when {@code interimName} was
     * never used.
     */
    public void renameType(String interimName, String finalName) {
        checkOpen();
        int id = strings.find(interimName);
        if (id == StringTable.NULL_ID || interimName.equals(finalName)) {
            return;
        }
        int now = strings.rename(id, finalName);
        if (now != id) {
            rows.replaceTypeId(id, now);
        }
    }

    /**
     * Adds the next snapshot of a snapshot-based source (WinDbg log) and returns its index (0, 1, ...).
     *
     * @param lineNumber 1-based source line, -1 when none
     * @param label      the debugger command or a description
     */
    public int addSnapshot(Snapshot.Kind kind, int lineNumber, String label) {
        checkOpen();
        int index = snapshots.size();
        snapshots.add(new Snapshot(index, kind, lineNumber, label));
        return index;
    }

    /** Number of snapshots added so far. */
    public int snapshotCount() {
        return snapshots.size();
    }

    /**
     * Sets at which snapshot {@code row} was first seen open and by which one it was known closed
     * (-1 = not closed); see {@link HandleModel#openedSnapshot}. An index may name the next snapshot,
     * not added yet (a streaming importer learns of it later); {@link #build()} fails when it never is.
     */
    public void setSnapshots(int row, int openedSnapshot, int closedSnapshot) {
        checkOpen();
        if (openedSnapshot < 0 || openedSnapshot > snapshots.size()) {
            throw new IllegalArgumentException("openedSnapshot " + openedSnapshot + " is not a snapshot index (0.."
                    + snapshots.size() + ")");
        }
        if (closedSnapshot < -1 || closedSnapshot > snapshots.size()) {
            throw new IllegalArgumentException("closedSnapshot " + closedSnapshot + " is not a snapshot index (0.."
                    + snapshots.size() + ") or -1");
        }
        maxSnapshotReferenced = Math.max(maxSnapshotReferenced, Math.max(openedSnapshot, closedSnapshot));
        rows.setSnapshots(row, openedSnapshot, closedSnapshot);
    }

    /** Number of handle rows added so far. */
    public int handleCount() {
        return (int) rows.rowCount();
    }

    /** Records a non-fatal problem (shown by {@code info}). */
    public void addWarning(String warning) {
        warnings.add(java.util.Objects.requireNonNull(warning, "warning"));
    }

    /** Marks the model as built from the readable part of a damaged source; the first reason wins. */
    public void markPartial(String reason) {
        if (partialReason == null) {
            partialReason = java.util.Objects.requireNonNull(reason, "reason");
        }
    }

    /** Builds the immutable model; the builder cannot be used afterwards. */
    public HandleModel build() {
        checkOpen();
        if (maxSnapshotReferenced >= snapshots.size()) {
            throw new IllegalStateException("a row refers to snapshot " + maxSnapshotReferenced + " but only "
                    + snapshots.size() + " were added");
        }
        built = true;
        rows.compact();
        List<List<ModuleRecord>> frozenModules = new ArrayList<>(modules.size());
        for (List<ModuleRecord> list : modules) {
            frozenModules.add(List.copyOf(list));
        }
        HandleModel model = new HandleModel(source, List.copyOf(processes), frozenModules, strings.freeze(),
                stacks.freeze(), rows, List.copyOf(warnings), partialReason, snapshots);
        model.knowLatestTimeNanos(latestTimeNanos); // tracked while building: no scan of millions of rows later
        return model;
    }

    /**
     * Drops the stacks no row refers to (e.g. partial stacks a streaming importer replaced once the
     * rest arrived) and renumbers the others; stack ids handed out before are invalid afterwards.
     * One pass over the rows, plus one more when something was dropped.
     */
    public void dropUnreferencedStacks() {
        checkOpen();
        int n = stacks.size();
        if (n == 0) {
            return;
        }
        boolean[] used = new boolean[n];
        long count = rows.rowCount();
        for (long r = 0; r < count; r++) {
            int c = rows.createStack(r);
            if (c >= 0) {
                used[c] = true;
            }
            int d = rows.closeStack(r);
            if (d >= 0) {
                used[d] = true;
            }
        }
        int[] newId = new int[n];
        StackTable compact = new StackTable();
        boolean all = true;
        for (int i = 0; i < n; i++) {
            if (used[i]) {
                newId[i] = compact.intern(stacks.get(i));
            } else {
                newId[i] = NO_STACK;
                all = false;
            }
        }
        if (all) {
            return;
        }
        for (long r = 0; r < count; r++) {
            int c = rows.createStack(r);
            if (c >= 0 && newId[c] != c) {
                rows.setCreateStack(r, newId[c]);
            }
            int d = rows.closeStack(r);
            if (d >= 0 && newId[d] != d) {
                rows.setCloseStack(r, newId[d]);
            }
        }
        stacks = compact;
    }

    private void checkOpen() {
        if (built) {
            throw new IllegalStateException("model already built");
        }
    }

    private void checkProcess(int key, String what) {
        if (key < 0 || key >= processes.size()) {
            throw new IllegalArgumentException(what + " " + key + " is not a process key (0.." + processes.size()
                    + ")");
        }
    }

    private void checkOptionalProcess(int key, String what) {
        if (key != ModelConstants.UNKNOWN_PROCESS) {
            checkProcess(key, what);
        }
    }

    private void checkStack(int id, String what) {
        if (id != NO_STACK && (id < 0 || id >= stacks.size())) {
            throw new IllegalArgumentException(what + " " + id + " is not a stack id (0.." + stacks.size() + ")");
        }
    }
}
