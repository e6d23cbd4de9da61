package org.handlelens.etw;

import java.util.ArrayList;
import java.util.List;

import org.handlelens.etw.header.EventRecordHeader;
import org.handlelens.etw.header.HeaderKind;
import org.handlelens.etw.kernel.DbgIdRsdsEvent;
import org.handlelens.etw.kernel.DuplicateHandleEvent;
import org.handlelens.etw.kernel.HandleEvent;
import org.handlelens.etw.kernel.HandleRundownEvent;
import org.handlelens.etw.kernel.ImageEvent;
import org.handlelens.etw.kernel.ImageIdEvent;
import org.handlelens.etw.kernel.ObjectTypeEvent;
import org.handlelens.etw.kernel.ProcessEvent;
import org.handlelens.etw.kernel.StackKeyDefinition;
import org.handlelens.etw.kernel.StackKeyReference;
import org.handlelens.etw.kernel.StackWalkEvent;
import org.handlelens.etw.kernel.ThreadEvent;

/** Test visitor keeping decoded events (with their opcode/time) in lists. */
class CollectingVisitor implements EtwEventVisitor {
    record Timed<T>(int opcode, int version, long timestampRaw, int headerPid, int headerTid, HeaderKind kind, T event) {
    }

    final List<Timed<ProcessEvent>> processes = new ArrayList<>();
    final List<Timed<ThreadEvent>> threads = new ArrayList<>();
    final List<Timed<ImageEvent>> images = new ArrayList<>();
    final List<Timed<StackWalkEvent>> stacks = new ArrayList<>();
    final List<Timed<StackKeyReference>> keyRefs = new ArrayList<>();
    final List<Timed<StackKeyDefinition>> keyDefs = new ArrayList<>();
    final List<Timed<HandleEvent>> handles = new ArrayList<>();
    final List<Timed<DuplicateHandleEvent>> duplicates = new ArrayList<>();
    final List<Timed<HandleRundownEvent>> handleRundowns = new ArrayList<>();
    final List<Timed<ObjectTypeEvent>> types = new ArrayList<>();
    final List<Timed<ImageIdEvent>> imageIds = new ArrayList<>();
    final List<Timed<DbgIdRsdsEvent>> dbgIds = new ArrayList<>();
    final List<Long> allTimestamps = new ArrayList<>();
    EtlFileInfo info;

    private static <T> Timed<T> t(EventRecordHeader h, T e) {
        return new Timed<>(h.opcode(), h.version(), h.timestampRaw(), h.processId(), h.threadId(), h.kind(), e);
    }

    @Override public void fileInfo(EtlFileInfo i) { info = i; }
    @Override public void process(EventRecordHeader h, ProcessEvent e) { processes.add(t(h, e)); ts(h); }
    @Override public void thread(EventRecordHeader h, ThreadEvent e) { threads.add(t(h, e)); ts(h); }
    @Override public void image(EventRecordHeader h, ImageEvent e) { images.add(t(h, e)); ts(h); }
    @Override public void stack(EventRecordHeader h, StackWalkEvent e) { stacks.add(t(h, e)); ts(h); }
    @Override public void stackKeyReference(EventRecordHeader h, StackKeyReference e) { keyRefs.add(t(h, e)); ts(h); }
    @Override public void stackKeyDefinition(EventRecordHeader h, StackKeyDefinition e) { keyDefs.add(t(h, e)); ts(h); }
    @Override public void handle(EventRecordHeader h, HandleEvent e) { handles.add(t(h, e)); ts(h); }
    @Override public void duplicateHandle(EventRecordHeader h, DuplicateHandleEvent e) { duplicates.add(t(h, e)); ts(h); }
    @Override public void handleRundown(EventRecordHeader h, HandleRundownEvent e) { handleRundowns.add(t(h, e)); ts(h); }
    @Override public void objectType(EventRecordHeader h, ObjectTypeEvent e) { types.add(t(h, e)); ts(h); }
    @Override public void imageId(EventRecordHeader h, ImageIdEvent e) { imageIds.add(t(h, e)); ts(h); }
    @Override public void dbgId(EventRecordHeader h, DbgIdRsdsEvent e) { dbgIds.add(t(h, e)); ts(h); }
    @Override public void other(EventRecordHeader h) { ts(h); }

    private void ts(EventRecordHeader h) {
        if (h.kind() != HeaderKind.MESSAGE) {
            allTimestamps.add(h.timestampRaw());
        }
    }
}
