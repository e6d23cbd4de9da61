package org.handlelens.windbg;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.handlelens.model.HandleDetail;
import org.handlelens.model.HandleModelBuilder;
import org.handlelens.model.HandleRecord;
import org.handlelens.model.ModelConstants;
import org.handlelens.model.ProcessRecord;
import org.handlelens.model.Snapshot;
import org.handlelens.windbg.parse.HandleTable;
import org.handlelens.windbg.parse.HandleTypeSummary;
import org.handlelens.windbg.parse.HtraceKind;
import org.handlelens.windbg.parse.HtraceRecord;
import org.handlelens.windbg.parse.HtraceSection;
import org.handlelens.windbg.parse.ProcessRef;
import org.handlelens.windbg.parse.StackFrame;
import org.handlelens.windbg.parse.VerifierStop;
import org.handlelens.windbg.parse.WinDbgHandle;
import org.handlelens.windbg.parse.WinDbgListener;
import org.handlelens.windbg.parse.WinDbgProcess;

/**
 * Turns parsed blocks into model rows.
 *
 * <ul>
 * <li>PROCESS blocks → processes, merged by EPROCESS address (else pid).</li>
 * <li>{@code !handle} entries → handles of their process, open at snapshot time, creator and closer Unknown.</li>
 * <li>{@code !htrace} records, oldest first: OPEN → handle created by the record's process with its
 *     stack; CLOSE → closes the open handle of that value (or, when none is open, a handle that existed
 *     before tracing started: creator Unknown). A {@code !handle} entry and an open traced handle with
 *     the same value in the same process are one handle.</li>
 * </ul>
 * WinDbg output has no timestamps; no times are set (see {@link HandleRecord}: a closed handle without a
 * close time counts as closed at every time). Handles stay pending while open, so memory grows with
 * open handles, not with the log.
 *
 * <p>Snapshots ({@link Snapshot}) order the log instead of times: {@code !htrace -enable}/{@code -snapshot},
 * each {@code !htrace -diff} output and each {@code !handle} command's listing is one, and an
 * {@linkplain Snapshot.Kind#END_OF_LOG end-of-log} one follows when records were printed after the last.
 * A record printed before snapshot k (or in the {@code -diff} output that is snapshot k) happened by k:
 * OPEN sets the row's opened snapshot, CLOSE its closed snapshot. A listing is complete for a process when
 * it lists as many handles as the debugger reports ({@code N Entries in use}, {@code N Handles}); the
 * process's open handles it does not list were closed by then (closer unknown).
 */
final class WinDbgModelMapper implements WinDbgListener {
    private static final long MAX_32BIT_ADDRESS = 0xFFFF_FFFFL;

    private final HandleModelBuilder builder;
    private final HtraceDeduplicator dedup = new HtraceDeduplicator();
    private final Map<OwnerHandle, Pending> open = new LinkedHashMap<>();
    private final Map<Long, Integer> keyByEprocess = new HashMap<>();
    private final Map<Integer, Integer> keyByPid = new HashMap<>();
    private int unnamedDebuggeeKey = -1;
    private long maxAddress;
    private boolean anyAddress;
    private int htraceSections;
    private int htraceRecordsApplied;
    private int badReferences;
    private int reopenedWithoutClose;
    private Listing listing;
    private String lastCommand;
    private int lastCommandLine = -1;
    private int maxSnapshotUsed = -1;
    private int closedByListings;

    WinDbgModelMapper(HandleModelBuilder builder) {
        this.builder = builder;
    }

    /** An open handle not yet handed to the builder. */
    private static final class Pending {
        final int owner;
        final long value;
        long object = ModelConstants.UNKNOWN;
        String type = "";
        String name;
        long access = ModelConstants.UNKNOWN;
        String attributes;
        HandleDetail detail;
        boolean fromSnapshot;
        boolean opened;
        int creator = ModelConstants.UNKNOWN_PROCESS;
        int thread = -1;
        int createStack = ModelConstants.NO_STACK;
        int openedSnapshot = -1;

        Pending(int owner, long value) {
            this.owner = owner;
            this.value = value;
        }
    }

    /** The {@code !handle} listing being read: one snapshot. */
    private static final class Listing {
        final int snapshot;
        final Map<Integer, Set<Long>> seenByOwner = new HashMap<>();
        final Map<ProcessRef, Long> reportedByOwner = new LinkedHashMap<>();
        long reportedForUnnamed = -1;

        Listing(int snapshot) {
            this.snapshot = snapshot;
        }
    }

    @Override
    public void command(String text, int lineNumber) {
        endListing();
        lastCommand = text.strip();
        lastCommandLine = lineNumber;
        String[] words = lastCommand.split("\\s+");
        String verb = words[0].toLowerCase(Locale.ROOT);
        if (verb.equals("!handle")) {
            listing = new Listing(builder.addSnapshot(Snapshot.Kind.HANDLE_LISTING, lineNumber, lastCommand));
        } else if (verb.equals("!htrace") && words.length > 1 && (words[1].equalsIgnoreCase("-enable")
                || words[1].equalsIgnoreCase("-snapshot"))) {
            builder.addSnapshot(Snapshot.Kind.HTRACE_SNAPSHOT, lineNumber, lastCommand);
        }
    }

    /** The listing the next {@code !handle} entry belongs to (output pasted without its command starts one). */
    private Listing listing(int line) {
        if (listing == null) {
            listing = new Listing(builder.addSnapshot(Snapshot.Kind.HANDLE_LISTING, line,
                    "!handle output at line " + line));
        }
        return listing;
    }

    @Override
    public void handleTable(HandleTable t) {
        if (t.owner() != null && !t.owner().isEmpty()) {
            listing(t.lineNumber()).reportedByOwner.put(t.owner(), t.entriesInUse());
        }
    }

    @Override
    public void handleTypeSummary(HandleTypeSummary s) {
        Listing l = listing(s.lineNumber());
        if (s.owner() == null || s.owner().isEmpty()) {
            l.reportedForUnnamed = s.totalHandles();
        } else {
            l.reportedByOwner.put(s.owner(), s.totalHandles());
        }
    }

    /**
     * Ends the current listing: in each process it listed completely, the open handles it did not list
     * were closed by its snapshot.
     */
    private void endListing() {
        Listing l = listing;
        listing = null;
        if (l == null) {
            return;
        }
        Map<Integer, Long> reported = new HashMap<>();
        l.reportedByOwner.forEach((ref, n) -> {
            Integer key = ref.eprocessAddress() != null ? keyByEprocess.get(ref.eprocessAddress())
                    : ref.pid() == null ? null : keyByPid.get(toInt(ref.pid()));
            if (key != null) {
                reported.put(key, n);
            }
        });
        if (l.reportedForUnnamed >= 0 && unnamedDebuggeeKey >= 0) {
            reported.put(unnamedDebuggeeKey, l.reportedForUnnamed);
        }
        for (Map.Entry<Integer, Long> e : reported.entrySet()) {
            Set<Long> seen = l.seenByOwner.getOrDefault(e.getKey(), Set.of());
            if (seen.size() != e.getValue()) {
                continue; // filtered or elided listing: says nothing about the handles it leaves out
            }
            for (Iterator<Pending> it = open.values().iterator(); it.hasNext();) {
                Pending p = it.next();
                if (p.owner == e.getKey() && !seen.contains(p.value)) {
                    it.remove();
                    closedByListings++;
                    flush(p, ModelConstants.UNKNOWN_PROCESS, ModelConstants.NO_STACK, l.snapshot);
                }
            }
        }
    }

    @Override
    public void process(WinDbgProcess p) {
        noteAddress(p.eprocessAddress());
        addOrMerge(new ProcessRecord(p.eprocessAddress(), toInt(p.pid()), toInt(p.parentPid()), p.sessionId(),
                p.image(), p.handleCount() == null ? -1 : p.handleCount(), ProcessRecord.TIME_UNKNOWN,
                ProcessRecord.TIME_UNKNOWN));
    }

    /**
     * Adds a process or merges it into the one with the same EPROCESS address (or the same pid when the
     * earlier one has no address), keeping every field either description gives. Merged here rather than
     * with {@link HandleModelBuilder#addOrMergeProcess} because a process first known by address only
     * (kernel {@code !htrace}) must take its pid from a later PROCESS block.
     */
    private int addOrMerge(ProcessRecord p) {
        Integer key = p.eprocessAddress() != -1 ? keyByEprocess.get(p.eprocessAddress()) : null;
        if (key == null && p.pid() != -1) {
            Integer byPid = keyByPid.get(p.pid());
            if (byPid != null && (p.eprocessAddress() == -1 || builder.process(byPid).eprocessAddress() == -1)) {
                key = byPid;
            }
        }
        if (key == null) {
            key = builder.addProcess(p);
        } else {
            builder.updateProcess(key, richer(builder.process(key), p));
        }
        ProcessRecord now = builder.process(key);
        if (now.eprocessAddress() != -1) {
            keyByEprocess.put(now.eprocessAddress(), key);
        }
        if (now.pid() != -1) {
            keyByPid.put(now.pid(), key);
        }
        return key;
    }

    /** Fields of {@code a}, with those it lacks taken from {@code b}. */
    private static ProcessRecord richer(ProcessRecord a, ProcessRecord b) {
        ProcessRecord merged = a.mergedWith(b);
        if (a.pid() == -1 && b.pid() != -1) {
            merged = new ProcessRecord(merged.eprocessAddress(), b.pid(), merged.parentPid(), merged.sessionId(),
                    merged.image(), merged.handleCount(), merged.startTimeNanos(), merged.endTimeNanos());
        }
        return merged;
    }

    @Override
    public void handle(WinDbgHandle h) {
        Listing l = listing(h.lineNumber());
        int owner = processKey(h.owner(), h.lineNumber());
        OwnerHandle key = new OwnerHandle(owner, h.handleValue());
        Pending p = open.get(key);
        if (p != null && p.fromSnapshot && h.objectAddress() != null && p.object != ModelConstants.UNKNOWN
                && p.object != h.objectAddress()) {
            // the value now names another object: the earlier handle was closed in between (by whom: unknown)
            flush(open.remove(key), ModelConstants.UNKNOWN_PROCESS, ModelConstants.NO_STACK, l.snapshot);
            p = null;
        }
        if (p == null) {
            p = new Pending(owner, h.handleValue());
            open.put(key, p);
        }
        if (p.openedSnapshot < 0) {
            p.openedSnapshot = used(l.snapshot);
        }
        l.seenByOwner.computeIfAbsent(owner, k -> new HashSet<>()).add(h.handleValue());
        p.fromSnapshot = true;
        if (h.objectAddress() != null) {
            p.object = h.objectAddress();
            noteAddress(h.objectAddress());
        }
        if (h.typeName() != null) {
            p.type = h.typeName();
        }
        if (h.name() != null) {
            p.name = h.name();
        }
        if (h.grantedAccess() != null) {
            p.access = h.grantedAccess();
        }
        String attributes = attributes(h);
        if (attributes != null) {
            p.attributes = attributes;
        }
        HandleDetail detail = new HandleDetail(orUnknown(h.objectHandleCount()), orUnknown(h.objectPointerCount()),
                orUnknown(h.objectHeaderAddress()), orUnknown(h.entryAddress()), orUnknown(h.typeObjectAddress()),
                orUnknown(h.directoryObjectAddress()));
        if (!detail.isEmpty()) {
            p.detail = detail;
        }
    }

    @Override
    public void htraceSection(HtraceSection s) {
        htraceSections++;
        endListing();
        // a -diff output is a snapshot and its records happened by it; others happened by the next one
        int snapshot = s.kind() == HtraceKind.DIFF
                ? builder.addSnapshot(Snapshot.Kind.HTRACE_DIFF, s.lineNumber(),
                        lastCommandLine == s.lineNumber() ? lastCommand : "!htrace -diff")
                : builder.snapshotCount();
        int sectionOwner = s.target() == null ? -1 : processKey(s.target(), s.lineNumber());
        List<HtraceRecord> records = dedup.newRecords(sectionOwner, s.kind(), s.recordsChronological());
        for (HtraceRecord r : records) {
            apply(r, sectionOwner, snapshot);
            dedup.applied(sectionOwner, r);
        }
    }

    private void apply(HtraceRecord r, int sectionOwner, int snapshot) {
        htraceRecordsApplied++;
        ProcessRef actor = r.processId() == null ? null : ProcessRef.ofPid(r.processId());
        // user mode without a known debuggee: the record's process is the best owner we have
        int owner = sectionOwner >= 0 ? sectionOwner : processKey(actor, r.lineNumber());
        int actorKey = actor == null ? owner : processKey(actor, r.lineNumber());
        OwnerHandle key = new OwnerHandle(owner, r.handleValue());
        switch (r.operation()) {
            case OPEN -> {
                Pending p = open.get(key);
                if (p != null && p.opened) {
                    reopenedWithoutClose++; // its CLOSE is not in the log (trace buffer wrapped or elided)
                    flush(open.remove(key), ModelConstants.UNKNOWN_PROCESS, ModelConstants.NO_STACK, -1);
                    p = null;
                }
                if (p == null) {
                    p = new Pending(owner, r.handleValue());
                    open.put(key, p);
                }
                if (p.openedSnapshot < 0) {
                    p.openedSnapshot = used(snapshot);
                }
                p.opened = true;
                p.creator = actorKey;
                p.thread = r.threadId() == null ? -1 : (int) (long) r.threadId();
                p.createStack = stack(r.frames());
            }
            case CLOSE -> {
                Pending p = open.remove(key);
                if (p == null) {
                    p = new Pending(owner, r.handleValue()); // created before tracing: creator Unknown
                    p.openedSnapshot = used(0);
                }
                flush(p, actorKey, stack(r.frames()), used(snapshot));
            }
            case BAD_REFERENCE -> badReferences++;
        }
    }

    @Override
    public void verifierStop(VerifierStop stop) {
        processKey(ProcessRef.ofPid(stop.pid()), stop.lineNumber());
        if (stop.code() == 0x900 || stop.code() == 0x901) {
            // handle-leak stops: parameters 2..4 are addresses (allocation stack, dll name, dll base)
            stop.parameters().stream().skip(1).forEach(param -> noteAddress(param.value()));
        }
        String handle = (stop.code() == 0x900 || stop.code() == 0x901) && !stop.parameters().isEmpty()
                ? ", handle 0x" + Long.toHexString(stop.parameters().get(0).value()) : "";
        builder.addWarning("Application Verifier stop 0x" + Long.toHexString(stop.code()) + " at line "
                + stop.lineNumber() + " in pid " + stop.pid() + handle + ": " + stop.message());
    }

    @Override
    public void warning(String message) {
        builder.addWarning(message);
    }

    /** Hands every still-open handle to the builder (outstanding: closer Unknown) and adds summary warnings. */
    void finish() {
        endListing();
        for (Pending p : open.values()) {
            maxSnapshotUsed = Math.max(maxSnapshotUsed, p.openedSnapshot);
        }
        if (maxSnapshotUsed >= builder.snapshotCount()) {
            builder.addSnapshot(Snapshot.Kind.END_OF_LOG, -1, "end of log");
        }
        for (Pending p : open.values()) {
            flush(p, ModelConstants.UNKNOWN_PROCESS, ModelConstants.NO_STACK, -1);
        }
        open.clear();
        if (badReferences > 0) {
            builder.addWarning("!htrace shows " + badReferences + " BAD REFERENCE record(s): invalid handle use");
        }
        if (reopenedWithoutClose > 0) {
            builder.addWarning(reopenedWithoutClose + " handle value(s) were opened again without a CLOSE in the"
                    + " log; the earlier handles are listed as still open");
        }
    }

    /** Pointer size of the target: 8 when any address needs more than 32 bits, 4 when all fit, 0 when none seen. */
    int pointerSize() {
        if (!anyAddress) {
            return 0;
        }
        return Long.compareUnsigned(maxAddress, MAX_32BIT_ADDRESS) > 0 ? 8 : 4;
    }

    int htraceSections() {
        return htraceSections;
    }

    int htraceRecordsApplied() {
        return htraceRecordsApplied;
    }

    int badReferences() {
        return badReferences;
    }

    /** Open handles a complete {@code !handle} listing no longer showed (closed, by whom unknown). */
    int closedByListings() {
        return closedByListings;
    }

    /** Notes that a row refers to {@code snapshot} (it may be the next one, not taken yet); returns it. */
    private int used(int snapshot) {
        maxSnapshotUsed = Math.max(maxSnapshotUsed, snapshot);
        return snapshot;
    }

    /** Hands {@code p} to the builder; {@code closedSnapshot} -1 when not known closed by a snapshot. */
    private void flush(Pending p, int closingKey, int closeStack, int closedSnapshot) {
        int row = builder.addHandle(new HandleRecord(p.owner, p.value, p.object, p.type, p.name, p.access,
                p.attributes, p.creator, closingKey, p.thread, HandleRecord.TIME_UNKNOWN, HandleRecord.TIME_UNKNOWN,
                p.createStack, closeStack, -1, ModelConstants.UNKNOWN_PROCESS, p.detail));
        if (p.openedSnapshot >= 0) {
            builder.setSnapshots(row, p.openedSnapshot, closedSnapshot);
        }
    }

    private int stack(List<StackFrame> frames) {
        if (frames.isEmpty()) {
            return ModelConstants.NO_STACK;
        }
        long[] addresses = new long[frames.size()];
        String[] names = new String[frames.size()];
        for (int i = 0; i < addresses.length; i++) {
            StackFrame f = frames.get(i);
            addresses[i] = f.address();
            names[i] = f.isUnresolved() ? null : f.displayText(); // unresolved: left to the symbol resolver
            noteAddress(f.address());
        }
        return builder.internStack(addresses, names);
    }

    /** Key of the process a block names, adding a process known only by address or pid when needed. */
    private int processKey(ProcessRef ref, int line) {
        if (ref == null || ref.isEmpty()) {
            if (unnamedDebuggeeKey < 0) {
                unnamedDebuggeeKey = builder.addProcess(ProcessRecord.of(-1, ""));
                builder.addWarning("user-mode output at line " + line + " does not name its process; its handles"
                        + " are attributed to a process with unknown pid (-1)");
            }
            return unnamedDebuggeeKey;
        }
        Integer known = ref.eprocessAddress() != null ? keyByEprocess.get(ref.eprocessAddress())
                : keyByPid.get(toInt(ref.pid()));
        if (known != null) {
            return known;
        }
        long eprocess = ref.eprocessAddress() == null ? -1 : ref.eprocessAddress();
        return addOrMerge(new ProcessRecord(eprocess, toInt(ref.pid()), -1, null, "", -1,
                ProcessRecord.TIME_UNKNOWN, ProcessRecord.TIME_UNKNOWN));
    }

    private static String attributes(WinDbgHandle h) {
        if (!h.entryFlags().isEmpty()) {
            return String.join(" ", h.entryFlags());
        }
        if (h.attributes() == null || h.attributes() == 0) {
            return null;
        }
        // user-mode Attributes is the OBJ_* mask: PROTECT_CLOSE 0x1, INHERIT 0x2, AUDIT_OBJECT_CLOSE 0x4
        long a = h.attributes();
        StringBuilder sb = new StringBuilder();
        appendIf(sb, (a & 0x2) != 0, "Inherit");
        appendIf(sb, (a & 0x1) != 0, "Protected");
        appendIf(sb, (a & 0x4) != 0, "Audit");
        appendIf(sb, (a & ~0x7L) != 0, "0x" + Long.toHexString(a & ~0x7L));
        return sb.toString();
    }

    private static void appendIf(StringBuilder sb, boolean condition, String word) {
        if (condition) {
            sb.append(sb.isEmpty() ? "" : " ").append(word);
        }
    }

    private void noteAddress(long address) {
        anyAddress = true;
        if (Long.compareUnsigned(address, maxAddress) > 0) {
            maxAddress = address;
        }
    }

    private static long orUnknown(Long value) {
        return value == null ? ModelConstants.UNKNOWN : value;
    }

    private static int toInt(Long value) {
        return value == null ? -1 : (int) (long) value;
    }
}
