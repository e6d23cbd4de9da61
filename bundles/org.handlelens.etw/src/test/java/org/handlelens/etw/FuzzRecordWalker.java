package org.handlelens.etw;

import java.nio.ByteBuffer;

import org.handlelens.etw.header.EventRecordHeader;
import org.handlelens.etw.header.RecordFormatException;
import org.handlelens.etw.header.TraceHeaderDecoder;

/**
 * Fuzz-test helper: walks the records of one (decompressed) buffer the way {@code CpuStream} does and
 * hands each to the real {@link EventDispatcher} (all kinds wanted), so header and payload decoders run
 * on every record. A {@link RecordFormatException} ends the walk (the reader skips the rest of the
 * buffer); a decoder that makes no progress would hang the reader and fails here at once.
 */
public final class FuzzRecordWalker {
    private FuzzRecordWalker() {
    }

    /** Walks {@code [pos, limit)} of {@code le}; returns the number of records decoded. */
    public static int walk(ByteBuffer le, int pos, int limit, int defaultPointerSize) {
        EventDispatcher dispatcher = new EventDispatcher(new TouchingVisitor(), new EventCounter(), defaultPointerSize);
        EventRecordHeader h = new EventRecordHeader();
        int records = 0;
        while (limit - pos >= 4 && le.getInt(pos) != 0xFFFFFFFF) {
            int size;
            try {
                size = TraceHeaderDecoder.decode(le, pos, limit, h);
            } catch (RecordFormatException e) {
                if (e.offsetInBuffer() < 0 || e.offsetInBuffer() > limit) {
                    throw new AssertionError("fault offset " + e.offsetInBuffer() + " outside the buffer", e);
                }
                return records;
            }
            if (size <= 0 || size > limit - pos) {
                throw new AssertionError("record at " + pos + " decoded with size " + size + " (" + (limit - pos)
                        + " bytes left): the reader would " + (size <= 0 ? "loop forever" : "read past the buffer"));
            }
            if (h.payloadOffset() < pos || h.payloadOffset() + h.payloadLength() > pos + size) {
                throw new AssertionError("payload [" + h.payloadOffset() + "+" + h.payloadLength()
                        + ") outside record [" + pos + "+" + size + ")");
            }
            dispatcher.dispatch(h);
            records++;
            pos += TraceHeaderDecoder.align8(size);
        }
        return records;
    }

    /** Visitor that also exercises the lazily computed parts of the header. */
    private static final class TouchingVisitor implements EtwEventVisitor {
        @Override
        public void other(EventRecordHeader h) {
            h.guid();
            h.payloadBytes();
            h.toString();
            touchStack(h);
        }

        @Override
        public void win32kHandle(EventRecordHeader h, org.handlelens.etw.win32k.Win32kHandleEvent e) {
            e.typeName();
            touchStack(h);
        }

        /** The extended-data stack must lie inside its record. */
        private static void touchStack(EventRecordHeader h) {
            var st = h.extendedStack();
            if (st != null && 8 + (long) st.frameAddresses().length * st.addressBytes() > h.recordSizeBytes()) {
                throw new AssertionError("extended stack of " + st.frameAddresses().length + " frames exceeds the record");
            }
        }
    }
}
