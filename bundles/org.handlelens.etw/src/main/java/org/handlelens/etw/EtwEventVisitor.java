package org.handlelens.etw;

import org.handlelens.etw.header.EventRecordHeader;
import org.handlelens.etw.kernel.DbgIdRsdsEvent;
import org.handlelens.etw.kernel.DuplicateHandleEvent;
import org.handlelens.etw.kernel.HandleEvent;
import org.handlelens.etw.kernel.HandleRundownEvent;
import org.handlelens.etw.kernel.ImageEvent;
import org.handlelens.etw.kernel.ImageIdEvent;
import org.handlelens.etw.kernel.ObjectLifetimeEvent;
import org.handlelens.etw.kernel.ObjectReferenceEvent;
import org.handlelens.etw.kernel.ObjectTypeEvent;
import org.handlelens.etw.kernel.ProcessEvent;
import org.handlelens.etw.kernel.StackKeyDefinition;
import org.handlelens.etw.kernel.StackKeyReference;
import org.handlelens.etw.kernel.StackWalkEvent;
import org.handlelens.etw.kernel.ThreadEvent;
import org.handlelens.etw.win32k.Win32kHandleEvent;

/**
 * Receives the events of a trace in timestamp order (per-CPU buffers merged). The
 * {@link EventRecordHeader} argument is a reused flyweight valid only during the call.
 * All methods default to doing nothing; {@link #wants(EventKind)} lets a visitor skip the
 * payload decoding of kinds it ignores.
 */
public interface EtwEventVisitor {

    /** Called once before the first event. */
    default void fileInfo(EtlFileInfo info) {
    }

    /** Whether payloads of this kind should be decoded and delivered. */
    default boolean wants(EventKind kind) {
        return true;
    }

    /**
     * Whether the reader may reuse the {@code frames()} arrays of {@link StackWalkEvent} and
     * {@link StackKeyDefinition} for later events (sequential read only): then they are valid only
     * during the call, like the header, and a visitor copies the frames it keeps. Default false
     * (every event gets its own array). Frames are most of what a read allocates.
     */
    default boolean reusesFrameArrays() {
        return false;
    }

    default void process(EventRecordHeader h, ProcessEvent e) {
    }

    default void thread(EventRecordHeader h, ThreadEvent e) {
    }

    default void image(EventRecordHeader h, ImageEvent e) {
    }

    default void stack(EventRecordHeader h, StackWalkEvent e) {
    }

    default void stackKeyReference(EventRecordHeader h, StackKeyReference e) {
    }

    default void stackKeyDefinition(EventRecordHeader h, StackKeyDefinition e) {
    }

    /** CreateHandle / CloseHandle. */
    default void handle(EventRecordHeader h, HandleEvent e) {
    }

    default void duplicateHandle(EventRecordHeader h, DuplicateHandleEvent e) {
    }

    default void handleRundown(EventRecordHeader h, HandleRundownEvent e) {
    }

    default void objectType(EventRecordHeader h, ObjectTypeEvent e) {
    }

    default void objectLifetime(EventRecordHeader h, ObjectLifetimeEvent e) {
    }

    default void objectReference(EventRecordHeader h, ObjectReferenceEvent e) {
    }

    default void imageId(EventRecordHeader h, ImageIdEvent e) {
    }

    default void dbgId(EventRecordHeader h, DbgIdRsdsEvent e) {
    }

    /**
     * Win32k GDI / USER CreateHandle and DestroyHandle. The create (or destroy) stack, when the provider was
     * enabled with stacks, is the record's extended data item: {@link EventRecordHeader#extendedStack()}.
     */
    default void win32kHandle(EventRecordHeader h, Win32kHandleEvent e) {
    }

    /** Any record not delivered through a typed method (unknown or not decoded); raw access via {@code h}. */
    default void other(EventRecordHeader h) {
    }
}
