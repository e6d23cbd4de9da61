package org.handlelens.etw.model;

import java.util.ArrayDeque;
import java.util.Deque;

import org.handlelens.etw.EtlFileInfo;
import org.handlelens.etw.EtwEventVisitor;
import org.handlelens.etw.EventKind;
import org.handlelens.etw.header.EventRecordHeader;
import org.handlelens.etw.header.TraceClock;
import org.handlelens.etw.kernel.DbgIdRsdsEvent;
import org.handlelens.etw.kernel.DuplicateHandleEvent;
import org.handlelens.etw.kernel.HandleEvent;
import org.handlelens.etw.kernel.HandleRundownEvent;
import org.handlelens.etw.kernel.ImageEvent;
import org.handlelens.etw.kernel.ObjectTypeEvent;
import org.handlelens.etw.kernel.ProcessEvent;
import org.handlelens.etw.kernel.StackKeyDefinition;
import org.handlelens.etw.kernel.StackKeyReference;
import org.handlelens.etw.kernel.StackWalkEvent;
import org.handlelens.etw.kernel.ThreadEvent;
import org.handlelens.etw.kernel.LifecycleKind;
import org.handlelens.etw.header.ExtendedStack;
import org.handlelens.etw.win32k.Win32kHandleEvent;
import org.handlelens.model.HandleModelBuilder;
import org.handlelens.model.HandleRecord;
import org.handlelens.model.ModelConstants;

/**
 * Turns the decoded events into processes, modules and handle lifetimes with WPA semantics:
 * Closing Process Unknown = still open at trace end; Creating Process Unknown = created before
 * the trace (rundown HandleDCStart/DCEnd, or a close without create); DuplicateHandle creates the
 * target handle in the target process; kernel handles (bit 31) belong to System (pid 4); type names
 * from the TypeDC rundown; stacks joined by thread + raw timestamp. Win32k GDI/USER handles (CreateHandle /
 * DestroyHandle) become rows the same way, owned by the event's OwnerProcessId, typed {@code "GDI Type#N"} /
 * {@code "USER Type#N"}, with the stack of the record's extended data item.
 *
 * <p>Streaming: every handle row goes into the model builder when its create (or first close /
 * rundown) arrives and is completed in place (close, stacks, names, type names). The only
 * per-handle state kept here is the open-handle table (process key, handle value) → row, in a
 * primitive hash map.
 */
final class HandleTraceCollector implements EtwEventVisitor, StackTargets {
    private static final int SYSTEM_PID = 4;
    /** A close-at-source is matched to a DuplicateHandle on the same thread within this window. */
    private static final long DUPLICATE_CLOSE_WINDOW_NANOS = 1_000_000;
    private static final int NO_TYPE = -1;

    private record RecentDuplicate(int threadId, long timeNanos, int sourceHandle, int sourcePid) {
    }

    private final HandleModelBuilder builder;
    private final ProcessTracker processes;
    private final ModuleCollector modules = new ModuleCollector();
    /** (owning process key, handle value) → row of the open handle. */
    private final LongIntMap open = new LongIntMap(1 << 12);
    /** Type index (USHORT) → name from the type rundown, else the placeholder {@code Type#N}. */
    private final String[] typeNames = new String[1 << 16];
    private final boolean[] typeNamed = new boolean[1 << 16];
    /** Per Win32k family (GDI, USER: separate handle tables): (owning process key, handle value) → open row. */
    private final LongIntMap[] win32kOpen = { new LongIntMap(1 << 8), new LongIntMap(1 << 8) };
    private final Deque<RecentDuplicate> recentDuplicates = new ArrayDeque<>();
    private TraceClock clock;
    private StackJoiner stacks;
    long closesWithoutCreate;
    long closesAtSourceMatched;
    long reusedWithoutClose;
    long win32kDestroysWithoutCreate;

    HandleTraceCollector(HandleModelBuilder builder) {
        this.builder = builder;
        this.processes = new ProcessTracker(builder);
    }

    @Override
    public void fileInfo(EtlFileInfo info) {
        clock = info.clock();
        processes.setStartFileTime(info.header().startTimeFileTime());
        stacks = new StackJoiner(info.pointerSize(), this);
    }

    @Override
    public boolean wants(EventKind kind) {
        return kind != EventKind.OTHER && kind != EventKind.HEADER;
    }

    /** The stack joiner copies the frames it keeps (distinct fragments only). */
    @Override
    public boolean reusesFrameArrays() {
        return true;
    }

    private long nanos(EventRecordHeader h) {
        return clock.nanosSinceStart(h.timestampRaw());
    }

    @Override
    public void process(EventRecordHeader h, ProcessEvent e) {
        processes.event(e, nanos(h));
    }

    @Override
    public void thread(EventRecordHeader h, ThreadEvent e) {
        if (e.kind() == LifecycleKind.END && stacks != null) {
            stacks.threadEnded(e.threadId());
        }
    }

    @Override
    public void image(EventRecordHeader h, ImageEvent e) {
        modules.image(processes.resolve(e.processId()), e, nanos(h));
    }

    @Override
    public void dbgId(EventRecordHeader h, DbgIdRsdsEvent e) {
        modules.dbgId(h.processId(), e);
    }

    @Override
    public void stack(EventRecordHeader h, StackWalkEvent e) {
        stacks.stack(e);
    }

    @Override
    public void stackKeyReference(EventRecordHeader h, StackKeyReference e) {
        stacks.reference(e);
    }

    @Override
    public void stackKeyDefinition(EventRecordHeader h, StackKeyDefinition e) {
        stacks.definition(e);
    }

    @Override
    public void objectType(EventRecordHeader h, ObjectTypeEvent e) {
        int index = e.objectType() & 0xFFFF;
        if (typeNamed[index] || e.typeName() == null) {
            return; // the first name wins
        }
        typeNamed[index] = true;
        if (typeNames[index] != null) {
            builder.renameType(typeNames[index], e.typeName()); // rows so far used the placeholder
        }
        typeNames[index] = e.typeName();
    }

    private String typeName(int index) {
        if (index < 0) {
            return "";
        }
        String t = typeNames[index & 0xFFFF];
        if (t == null) {
            t = "Type#" + (index & 0xFFFF);
            typeNames[index & 0xFFFF] = t;
        }
        return t;
    }

    private int owner(int pid, int handle) {
        return processes.resolve(HandleEvent.isKernelHandle(handle) ? SYSTEM_PID : pid);
    }

    private static long key(int processKey, int handleValue) {
        return (long) processKey << 32 | (handleValue & 0xFFFFFFFFL);
    }

    private static String nameOrNull(String name) {
        return name == null || name.isEmpty() ? null : name;
    }

    /** Appends a row for a handle seen open from {@code nowNanos} and makes it the open one. */
    private int created(int ownerKey, int handle, long object, int type, String name, int creatorKey, int tid,
            long nowNanos, long dupHandle, int dupProcessKey) {
        int r = builder.addHandle(new HandleRecord(ownerKey, Integer.toUnsignedLong(handle), object, typeName(type),
                nameOrNull(name), ModelConstants.UNKNOWN, null, creatorKey, ModelConstants.UNKNOWN_PROCESS, tid,
                nowNanos, ModelConstants.TIME_UNKNOWN, ModelConstants.NO_STACK, ModelConstants.NO_STACK, dupHandle,
                dupProcessKey));
        int old = open.put(key(ownerKey, handle), r);
        if (old >= 0) {
            // a value still open was closed unseen (lost close event): that lifetime ends now
            builder.setClose(old, ModelConstants.UNKNOWN_PROCESS, nowNanos);
            reusedWithoutClose++;
        }
        return r;
    }

    @Override
    public void handle(EventRecordHeader h, HandleEvent e) {
        long now = nanos(h);
        int caller = processes.resolve(h.processId());
        if (e.create()) {
            int r = created(owner(h.processId(), e.handle()), e.handle(), e.object(), e.objectType(),
                    e.objectName(), caller, h.threadId(), now, -1, ModelConstants.UNKNOWN_PROCESS);
            stacks.register(h.threadId(), h.timestampRaw(), target(r, false));
            return;
        }
        int ownerKey = owner(h.processId(), e.handle());
        int r = open.remove(key(ownerKey, e.handle()));
        if (r < 0 && !HandleEvent.isKernelHandle(e.handle())) {
            // DUPLICATE_CLOSE_SOURCE: the caller closes a handle of the source process
            RecentDuplicate d = findDuplicateSource(h.threadId(), now, e.handle(), h.processId());
            if (d != null) {
                r = open.remove(key(processes.resolve(d.sourcePid()), e.handle()));
                if (r >= 0) {
                    closesAtSourceMatched++;
                }
            }
        }
        if (r < 0) {
            closesWithoutCreate++;
            r = builder.addHandle(new HandleRecord(ownerKey, Integer.toUnsignedLong(e.handle()), e.object(),
                    typeName(e.objectType()), nameOrNull(e.objectName()), ModelConstants.UNKNOWN, null,
                    ModelConstants.UNKNOWN_PROCESS, ModelConstants.UNKNOWN_PROCESS, -1, ModelConstants.TIME_UNKNOWN,
                    ModelConstants.TIME_UNKNOWN, ModelConstants.NO_STACK, ModelConstants.NO_STACK, -1,
                    ModelConstants.UNKNOWN_PROCESS));
        } else {
            builder.setObjectNameIfMissing(r, e.objectName());
        }
        builder.setClose(r, caller, now);
        stacks.register(h.threadId(), h.timestampRaw(), target(r, true));
    }

    @Override
    public void win32kHandle(EventRecordHeader h, Win32kHandleEvent e) {
        long now = nanos(h);
        int caller = processes.resolve(h.processId());
        int ownerKey = processes.resolve(e.ownerProcessId());
        LongIntMap table = win32kOpen[e.family().ordinal()];
        // GDI and USER handle values are 32-bit table indexes with tag bits, as HandleLens' kernel keys
        long k = key(ownerKey, (int) e.handleValue());
        int stack = extendedStackId(h);
        if (e.create()) {
            int r = builder.addHandle(new HandleRecord(ownerKey, e.handleValue(), ModelConstants.UNKNOWN, e.typeName(), null,
                    ModelConstants.UNKNOWN, null, caller, ModelConstants.UNKNOWN_PROCESS, h.threadId(), now,
                    ModelConstants.TIME_UNKNOWN, stack, ModelConstants.NO_STACK, -1, ModelConstants.UNKNOWN_PROCESS));
            int old = table.put(k, r);
            if (old >= 0) {
                builder.setClose(old, ModelConstants.UNKNOWN_PROCESS, now);
                reusedWithoutClose++;
            }
            return;
        }
        int r = table.remove(k);
        if (r < 0) {
            // created before the trace (Creating Process Unknown), as a kernel close without create
            win32kDestroysWithoutCreate++;
            r = builder.addHandle(new HandleRecord(ownerKey, e.handleValue(), ModelConstants.UNKNOWN, e.typeName(), null,
                    ModelConstants.UNKNOWN, null, ModelConstants.UNKNOWN_PROCESS, ModelConstants.UNKNOWN_PROCESS, -1,
                    ModelConstants.TIME_UNKNOWN, ModelConstants.TIME_UNKNOWN, ModelConstants.NO_STACK,
                    ModelConstants.NO_STACK, -1, ModelConstants.UNKNOWN_PROCESS));
        }
        builder.setClose(r, caller, now);
        if (stack != ModelConstants.NO_STACK) {
            builder.setCloseStack(r, stack);
        }
    }

    /**
     * The model stack of the record's stack-trace extended item (kernel then user frames, innermost first, as the
     * model stores StackWalk stacks), or NO_STACK. A kernel-only part whose user part went to another event
     * (MatchId != 0) is kept as it is: such parts are not joined.
     */
    private int extendedStackId(EventRecordHeader h) {
        ExtendedStack s = h.extendedStack();
        if (s == null || s.frameAddresses().length == 0) {
            return ModelConstants.NO_STACK;
        }
        return builder.internStack(s.frameAddresses());
    }

    private RecentDuplicate findDuplicateSource(int tid, long now, int handle, int callerPid) {
        for (RecentDuplicate d : recentDuplicates) {
            if (d.threadId() == tid && d.sourceHandle() == handle && d.sourcePid() != callerPid
                    && Math.abs(now - d.timeNanos()) <= DUPLICATE_CLOSE_WINDOW_NANOS) {
                return d;
            }
        }
        return null;
    }

    @Override
    public void duplicateHandle(EventRecordHeader h, DuplicateHandleEvent e) {
        long now = nanos(h);
        int caller = processes.resolve(h.processId());
        int sourcePid = e.sourceProcessId() >= 0 ? e.sourceProcessId() : h.processId();
        int sourceKey = processes.resolve(sourcePid);
        int r = created(owner(e.targetProcessId(), e.targetHandle()), e.targetHandle(), e.object(), e.objectType(),
                null, caller, h.threadId(), now, Integer.toUnsignedLong(e.sourceHandle()), sourceKey);
        stacks.register(h.threadId(), h.timestampRaw(), target(r, false));
        recentDuplicates.addFirst(new RecentDuplicate(h.threadId(), now, e.sourceHandle(), sourcePid));
        if (recentDuplicates.size() > 32) {
            recentDuplicates.removeLast();
        }
    }

    @Override
    public void handleRundown(EventRecordHeader h, HandleRundownEvent e) {
        int ownerKey = owner(e.processId(), e.handle());
        int r = open.get(key(ownerKey, e.handle()));
        if (r < 0) {
            // open at rundown and never seen created: it existed before the trace (Creating Process Unknown)
            r = builder.addHandle(new HandleRecord(ownerKey, Integer.toUnsignedLong(e.handle()), e.object(),
                    typeName(e.objectType()), nameOrNull(e.objectName()), ModelConstants.UNKNOWN, null,
                    ModelConstants.UNKNOWN_PROCESS, ModelConstants.UNKNOWN_PROCESS, -1, ModelConstants.TIME_UNKNOWN,
                    ModelConstants.TIME_UNKNOWN, ModelConstants.NO_STACK, ModelConstants.NO_STACK, -1,
                    ModelConstants.UNKNOWN_PROCESS));
            open.put(key(ownerKey, e.handle()), r);
        } else {
            builder.setObjectNameIfMissing(r, e.objectName());
        }
    }

    // StackTargets: target = row * 2 + (1 for the close stack)

    private static long target(int row, boolean close) {
        return (long) row << 1 | (close ? 1 : 0);
    }

    @Override
    public int stackOf(long target) {
        int row = (int) (target >>> 1);
        return (target & 1) == 0 ? builder.createStackId(row) : builder.closeStackId(row);
    }

    @Override
    public void setStack(long target, int stackId) {
        int row = (int) (target >>> 1);
        if ((target & 1) == 0) {
            builder.setCreateStack(row, stackId);
        } else {
            builder.setCloseStack(row, stackId);
        }
    }

    @Override
    public int internStack(long[] frames) {
        return builder.internStack(frames);
    }

    /** Adds modules and warnings to the builder and drops superseded partial stacks; call once after the read. */
    void finish() {
        modules.addTo(builder);
        builder.dropUnreferencedStacks();
        if (closesWithoutCreate > 0) {
            builder.addWarning(closesWithoutCreate + " CloseHandle events without a matching create (handles created"
                    + " before the trace: Creating Process Unknown)");
        }
        if (win32kDestroysWithoutCreate > 0) {
            builder.addWarning(win32kDestroysWithoutCreate + " Win32k DestroyHandle events without a matching create"
                    + " (GDI/USER handles created before the trace: Creating Process Unknown)");
        }
        if (reusedWithoutClose > 0) {
            builder.addWarning(reusedWithoutClose + " handle values created again while still open (close events lost?)");
        }
        long unresolved = stacks == null ? 0 : stacks.unresolvedReferences();
        if (unresolved > 0) {
            builder.addWarning(unresolved + " stack-key references without definition (stack unavailable)");
        }
    }

    long stacksJoined() {
        return stacks == null ? 0 : stacks.stacksJoined();
    }

    /** Handles open now (the only per-handle state the collector keeps). */
    int openHandles() {
        return open.size() + win32kOpen[0].size() + win32kOpen[1].size();
    }
}
