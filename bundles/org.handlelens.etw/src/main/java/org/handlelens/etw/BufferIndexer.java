package org.handlelens.etw;

import java.nio.ByteBuffer;

import org.handlelens.etw.buffer.BufferHeader;
import org.handlelens.etw.buffer.RecordIndex;
import org.handlelens.etw.header.EventRecordHeader;
import org.handlelens.etw.header.RecordFormatException;
import org.handlelens.etw.header.TraceHeaderDecoder;
import org.handlelens.etw.kernel.MalformedPayloadException;
import org.handlelens.etw.kernel.Payload;

/**
 * The loading thread's walk of a loaded buffer ({@link RecordIndex.Filler}): decodes each record header, classifies
 * and counts the record (into its own {@link EventCounter}, added to the read's after the merge) and decodes the
 * payloads of the two events that make most of a handle trace (handle create/close without a name, stack walk) into
 * the index's arrays, as {@link EventDispatcher#dispatch} would. The calling thread then re-reads only the header and
 * makes the visitor call ({@link EventDispatcher#dispatchIndexed}): per-record work leaves it without any per-event
 * object crossing threads. One per stream; used by one loading thread at a time.
 */
final class BufferIndexer implements RecordIndex.Filler {
    /** Code bits above the kind's ordinal: the payload was decoded into the index, or found malformed. */
    static final int KIND_MASK = 0xFF;
    static final int HANDLE_DECODED = 0x100;
    static final int STACK_DECODED = 0x200;
    static final int MALFORMED = 0x400;
    private static final EventKind[] KINDS = EventKind.values();

    private final EventCounter counter = new EventCounter();
    private final EventRecordHeader h = new EventRecordHeader();
    private final Payload payload = new Payload();
    private final boolean wantsHandles;
    private final boolean wantsStacks;
    private final int defaultPointerSize;

    BufferIndexer(boolean[] wants, int defaultPointerSize) {
        wantsHandles = wants[EventKind.HANDLE.ordinal()];
        wantsStacks = wants[EventKind.STACK_WALK.ordinal()];
        this.defaultPointerSize = defaultPointerSize;
    }

    /** The counts of every record indexed so far (read after the last buffer's hand-over). */
    EventCounter counter() {
        return counter;
    }

    static EventKind kind(int code) {
        return KINDS[code & KIND_MASK];
    }

    @Override
    public void fill(ByteBuffer data, int limit, RecordIndex out) {
        int pos = BufferHeader.SIZE;
        // the same walk as CpuStream's: up to SavedOffset or the 0xFFFFFFFF end marker
        while (limit - pos >= 4 && data.getInt(pos) != 0xFFFFFFFF) {
            int size;
            try {
                size = TraceHeaderDecoder.decode(data, pos, limit, h);
            } catch (RecordFormatException e) {
                out.fault(e);
                return;
            }
            EventKind kind = EventDispatcher.classify(h);
            counter.count(h, kind);
            int slot = out.add(pos, kind.ordinal());
            int op = h.opcode();
            if (kind == EventKind.HANDLE && wantsHandles && (op == 32 || op == 33)) {
                handle(slot, out);
            } else if (kind == EventKind.STACK_WALK && wantsStacks && op == 32) {
                stack(slot, out);
            }
            pos += TraceHeaderDecoder.align8(size);
        }
    }

    private Payload payload() {
        int ps = h.pointerSize() == 4 || h.pointerSize() == 8 ? h.pointerSize() : defaultPointerSize;
        return payload.reset(h.buffer(), h.payloadOffset(), h.payloadLength(), ps);
    }

    /** {@code KernelDecoders.handle}'s reads; a payload with room for a name is left to the calling thread. */
    private void handle(int slot, RecordIndex out) {
        Payload p = payload();
        int ps = p.pointerSize();
        if (p.length() > (ps == 8 ? 16 : 12)) {
            return;
        }
        try {
            long object = p.ptr(0);
            int handle = p.i32(ps);
            int type = p.u16(ps + 4);
            out.setFields(slot, object, handle, type);
            out.mark(slot, HANDLE_DECODED);
        } catch (MalformedPayloadException e) {
            out.mark(slot, MALFORMED);
        }
    }

    /** {@code KernelDecoders.stack}'s reads, frames into the index. */
    private void stack(int slot, RecordIndex out) {
        Payload p = payload();
        try {
            long ts = p.i64(0);
            int pid = p.i32(8);
            int tid = p.i32(12);
            int n = Math.max(0, (p.length() - 16) / p.pointerSize());
            p.ptrs(16, out.frameSpace(n), out.frameCount(), n);
            out.setFields(slot, ts, pid, tid);
            out.addFrames(slot, n);
            out.mark(slot, STACK_DECODED);
        } catch (MalformedPayloadException e) {
            out.mark(slot, MALFORMED);
        }
    }
}
