package org.handlelens.etw.model;


import org.handlelens.etw.kernel.LifecycleKind;
import org.handlelens.etw.kernel.ProcessEvent;
import org.handlelens.model.HandleModelBuilder;
import org.handlelens.model.ModelConstants;
import org.handlelens.model.ProcessRecord;

/**
 * Process instances from Start/End/rundown events. An event's process is the latest instance with
 * that pid whose start is not after the event, even when it has already ended (PerfView's
 * FindProcessAndIndex rule): teardown CloseHandles arrive after ProcessEnd with the dying pid.
 */
final class ProcessTracker {
    private final HandleModelBuilder builder;
    /** pid → key of its latest instance (primitive map: every event resolves its pid). */
    private final LongIntMap latestByPid = new LongIntMap();
    /** Keys of processes created only because an event named their pid before any process event. */
    private final java.util.Set<Integer> placeholders = new java.util.HashSet<>();

    private long startFileTime;
    /** One-entry cache of {@link #resolve}; reset whenever the pid table changes. */
    private int lastPid = Integer.MIN_VALUE;
    private int lastKey;

    ProcessTracker(HandleModelBuilder builder) {
        this.builder = builder;
    }

    /** Trace StartTime (FILETIME), to place Defunct ExitTime values on the trace time line. */
    void setStartFileTime(long fileTime) {
        this.startFileTime = fileTime;
    }

    /** Key of the current instance of {@code pid}, adding a placeholder process when none was seen. */
    int resolve(int pid) {
        if (pid == lastPid) {
            return lastKey; // events come in bursts from one process
        }
        int k = latestByPid.get(pid);
        if (k >= 0) {
            lastPid = pid;
            lastKey = k;
            return k;
        }
        String image = pid == 4 ? "System" : pid == 0 ? "Idle" : "";
        int key = builder.addProcess(new ProcessRecord(-1, pid, -1, null, image, -1, ModelConstants.TIME_UNKNOWN,
                ModelConstants.TIME_UNKNOWN));
        latestByPid.put(pid, key);
        placeholders.add(key);
        return key;
    }

    void event(ProcessEvent e, long timeNanos) {
        lastPid = Integer.MIN_VALUE;
        int pid = e.processId();
        int latest = latestByPid.get(pid);
        Integer cur = latest < 0 ? null : latest;
        Integer session = e.sessionId() == -1 ? null : e.sessionId();
        switch (e.kind()) {
            case START -> {
                ProcessRecord r = new ProcessRecord(e.uniqueProcessKey(), pid, e.parentId(), session,
                        e.imageFileName(), -1, timeNanos, ModelConstants.TIME_UNKNOWN);
                if (cur != null && placeholders.remove(cur)) {
                    // events named this pid shortly before its start (inherited handles are duplicated
                    // into the child before ProcessStart): they belong to this process
                    builder.updateProcess(cur, r);
                } else {
                    latestByPid.put(pid, builder.addProcess(r));
                }
            }
            case END, DEFUNCT -> {
                long end = e.kind() != LifecycleKind.DEFUNCT ? timeNanos
                        : e.exitTimeFileTime() == 0 ? ModelConstants.TIME_UNKNOWN
                        : (e.exitTimeFileTime() - startFileTime) * 100; // v5 ExitTime (FILETIME)
                int key = sameOrNew(cur, e, session);
                ProcessRecord p = builder.process(key);
                if (p.endTimeNanos() == ModelConstants.TIME_UNKNOWN) {
                    builder.updateProcess(key, new ProcessRecord(p.eprocessAddress(), pid, p.parentPid(),
                            p.sessionId(), p.image(), -1, p.startTimeNanos(), end));
                }
            }
            case DC_START, DC_END -> sameOrNew(cur, e, session);
        }
    }

    /** The current instance if it is this process (same EPROCESS or no address known), else a new instance. */
    private int sameOrNew(Integer cur, ProcessEvent e, Integer session) {
        if (cur != null) {
            placeholders.remove(cur);
            ProcessRecord p = builder.process(cur);
            boolean same = p.eprocessAddress() == -1 || p.eprocessAddress() == e.uniqueProcessKey();
            if (same) {
                ProcessRecord merged = p.mergedWith(new ProcessRecord(e.uniqueProcessKey(), e.processId(),
                        e.parentId(), session, e.imageFileName(), -1, ModelConstants.TIME_UNKNOWN,
                        ModelConstants.TIME_UNKNOWN));
                if (!merged.equals(p)) {
                    builder.updateProcess(cur, merged);
                }
                return cur;
            }
        }
        int key = builder.addProcess(new ProcessRecord(e.uniqueProcessKey(), e.processId(), e.parentId(), session,
                e.imageFileName(), -1, ModelConstants.TIME_UNKNOWN, ModelConstants.TIME_UNKNOWN));
        latestByPid.put(e.processId(), key);
        return key;
    }
}
