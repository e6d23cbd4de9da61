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
import org.handlelens.model.HandleModelBuilder;

/**
 * Turns the decoded events into processes, modules and handle lifetimes with WPA semantics:
 * Closing Process Unknown = still open at trace end; Creating Process Unknown = created before
 * the trace (rundown HandleDCStart/DCEnd, or a close without create); DuplicateHandle creates the
 * target handle in the target process; kernel handles (bit 31) belong to System (pid 4); type names
 * from the TypeDC rundown; stacks joined by thread + raw timestamp.
 */
final class HandleTraceCollector implements EtwEventVisitor {
    private static final int SYSTEM_PID = 4;
    /** A close-at-source is matched to a DuplicateHandle on the same thread within this window. */
    private static final long DUPLICATE_CLOSE_WINDOW_NANOS = 1_000_000;

    private record RecentDuplicate(int threadId, long timeNanos, int sourceHandle, int sourcePid) {
    }

    private final HandleModelBuilder builder;
    private final ProcessTracker processes;
    private final ModuleCollector modules = new ModuleCollector();
    private final HandleLifetimes handles = new HandleLifetimes();
    private final Deque<RecentDuplicate> recentDuplicates = new ArrayDeque<>();
    private TraceClock clock;
    private StackJoiner stacks;
    long closesWithoutCreate;
    long closesAtSourceMatched;
    long reusedWithoutClose;

    HandleTraceCollector(HandleModelBuilder builder) {
        this.builder = builder;
        this.processes = new ProcessTracker(builder);
    }

    @Override
    public void fileInfo(EtlFileInfo info) {
        clock = info.clock();
        processes.setStartFileTime(info.header().startTimeFileTime());
        stacks = new StackJoiner(info.pointerSize());
    }

    @Override
    public boolean wants(EventKind kind) {
        return kind != EventKind.OTHER && kind != EventKind.HEADER;
    }

    private long nanos(EventRecordHeader h) {
        return clock.nanosSinceStart(h.timestampRaw());
    }

    @Override
    public void process(EventRecordHeader h, ProcessEvent e) {
        processes.event(e, nanos(h));
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
        handles.typeName(e.objectType(), e.typeName());
    }

    private int owner(int pid, int handle) {
        return processes.resolve(HandleEvent.isKernelHandle(handle) ? SYSTEM_PID : pid);
    }

    @Override
    public void handle(EventRecordHeader h, HandleEvent e) {
        long now = nanos(h);
        int caller = processes.resolve(h.processId());
        if (e.create()) {
            int r = handles.create(owner(h.processId(), e.handle()), e.handle(), now, () -> reusedWithoutClose++);
            handles.setCreated(r, e.object(), e.objectType(), caller, h.threadId(), now,
                    stacks.register(h.threadId(), h.timestampRaw()));
            handles.nameIfMissing(r, e.objectName());
            return;
        }
        int ownerKey = owner(h.processId(), e.handle());
        int r = handles.close(ownerKey, e.handle());
        if (r < 0 && !HandleEvent.isKernelHandle(e.handle())) {
            // DUPLICATE_CLOSE_SOURCE: the caller closes a handle of the source process
            RecentDuplicate d = findDuplicateSource(h.threadId(), now, e.handle(), h.processId());
            if (d != null) {
                r = handles.close(processes.resolve(d.sourcePid()), e.handle());
                if (r >= 0) {
                    closesAtSourceMatched++;
                }
            }
        }
        if (r < 0) {
            closesWithoutCreate++;
            r = handles.closedOnly(ownerKey, e.handle());
            handles.setObject(r, e.object(), e.objectType());
        }
        handles.nameIfMissing(r, e.objectName());
        handles.setClosed(r, caller, now, stacks.register(h.threadId(), h.timestampRaw()));
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
        int r = handles.create(owner(e.targetProcessId(), e.targetHandle()), e.targetHandle(), now,
                () -> reusedWithoutClose++);
        handles.setCreated(r, e.object(), e.objectType(), caller, h.threadId(), now,
                stacks.register(h.threadId(), h.timestampRaw()));
        handles.setDuplicatedFrom(r, Integer.toUnsignedLong(e.sourceHandle()), processes.resolve(sourcePid));
        recentDuplicates.addFirst(new RecentDuplicate(h.threadId(), now, e.sourceHandle(), sourcePid));
        if (recentDuplicates.size() > 32) {
            recentDuplicates.removeLast();
        }
    }

    @Override
    public void handleRundown(EventRecordHeader h, HandleRundownEvent e) {
        int ownerKey = owner(e.processId(), e.handle());
        int r = handles.open(ownerKey, e.handle());
        if (r < 0) {
            // open at rundown and never seen created: it existed before the trace (Creating Process Unknown)
            r = handles.create(ownerKey, e.handle(), nanos(h), () -> { });
            handles.setObject(r, e.object(), e.objectType());
        }
        handles.nameIfMissing(r, e.objectName());
    }

    /** Adds modules and handle lifetimes to the builder; call once after the read. */
    void finish() {
        modules.addTo(builder);
        handles.addTo(builder, stacks);
        if (closesWithoutCreate > 0) {
            builder.addWarning(closesWithoutCreate + " CloseHandle events without a matching create (handles created"
                    + " before the trace: Creating Process Unknown)");
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
}
