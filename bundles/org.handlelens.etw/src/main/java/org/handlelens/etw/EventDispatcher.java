package org.handlelens.etw;

import org.handlelens.etw.header.EventRecordHeader;
import org.handlelens.etw.header.HeaderKind;
import org.handlelens.etw.kernel.KernelDecoders;
import org.handlelens.etw.kernel.MalformedPayloadException;
import org.handlelens.etw.kernel.Payload;

/** Classifies each record, counts it, decodes known kernel payloads and calls the visitor. */
final class EventDispatcher {
    private final EtwEventVisitor visitor;
    private final EventCounter counter;
    private final Payload payload = new Payload();
    private final int defaultPointerSize;
    private final boolean[] wants = new boolean[EventKind.values().length];

    EventDispatcher(EtwEventVisitor visitor, EventCounter counter, int defaultPointerSize) {
        this.visitor = visitor;
        this.counter = counter;
        this.defaultPointerSize = defaultPointerSize == 4 ? 4 : 8;
        for (EventKind k : EventKind.values()) {
            wants[k.ordinal()] = visitor.wants(k);
        }
    }

    static EventKind classify(EventRecordHeader h) {
        HeaderKind k = h.kind();
        if (k == HeaderKind.SYSTEM || k == HeaderKind.COMPACT || k == HeaderKind.PERFINFO) {
            return switch (h.group()) {
                case KernelDecoders.GROUP_HEADER -> EventKind.HEADER;
                case KernelDecoders.GROUP_PROCESS -> h.opcode() == 10 ? EventKind.IMAGE : EventKind.PROCESS;
                case KernelDecoders.GROUP_THREAD -> EventKind.THREAD;
                case KernelDecoders.GROUP_IMAGE -> EventKind.IMAGE;
                case KernelDecoders.GROUP_STACKWALK -> EventKind.STACK_WALK;
                case KernelDecoders.GROUP_OBJECT -> EventKind.HANDLE;
                default -> EventKind.OTHER;
            };
        }
        if ((k == HeaderKind.FULL || k == HeaderKind.INSTANCE) && h.guidEquals(KernelDecoders.IMAGE_ID_GUID)) {
            return EventKind.IMAGE_ID;
        }
        return EventKind.OTHER;
    }

    void dispatch(EventRecordHeader h) {
        EventKind kind = classify(h);
        counter.count(h, kind);
        if (!wants[kind.ordinal()] || kind == EventKind.OTHER || kind == EventKind.HEADER) {
            skip(h);
            return;
        }
        int ps = h.pointerSize() == 4 || h.pointerSize() == 8 ? h.pointerSize() : defaultPointerSize;
        Payload p = payload.reset(h.buffer(), h.payloadOffset(), h.payloadLength(), ps);
        int op = h.opcode();
        try {
            if (!deliver(h, kind, p, op)) {
                skip(h);
            }
        } catch (MalformedPayloadException e) {
            counter.malformed(h);
            skip(h);
        }
    }

    /** Decodes and delivers one known event; false when the opcode is not one we decode. Direct calls, no lambdas: no per-event garbage besides the record. */
    private boolean deliver(EventRecordHeader h, EventKind kind, Payload p, int op) {
        switch (kind) {
            case PROCESS -> {
                var e = KernelDecoders.process(p, op, h.version());
                if (e == null) {
                    return false;
                }
                visitor.process(h, e);
            }
            case THREAD -> {
                var e = KernelDecoders.thread(p, op, h.version());
                if (e == null) {
                    return false;
                }
                visitor.thread(h, e);
            }
            case IMAGE -> {
                var e = KernelDecoders.image(p, op, h.version());
                if (e == null) {
                    return false;
                }
                visitor.image(h, e);
            }
            case STACK_WALK -> {
                switch (op) {
                    case 32 -> visitor.stack(h, KernelDecoders.stack(p));
                    case 34, 35, 36 -> visitor.stackKeyDefinition(h, KernelDecoders.stackKeyDefinition(p, op));
                    case 37, 38 -> visitor.stackKeyReference(h, KernelDecoders.stackKeyReference(p, op));
                    default -> {
                        return false;
                    }
                }
            }
            case HANDLE -> {
                switch (op) {
                    case 32, 33 -> visitor.handle(h, KernelDecoders.handle(p, op));
                    case 34 -> visitor.duplicateHandle(h, KernelDecoders.duplicateHandle(p));
                    case 36, 37 -> visitor.objectType(h, KernelDecoders.objectType(p, op));
                    case 38, 39 -> visitor.handleRundown(h, KernelDecoders.handleRundown(p, op));
                    case 48, 49 -> visitor.objectLifetime(h, KernelDecoders.objectLifetime(p, op));
                    case 50, 51 -> visitor.objectReference(h, KernelDecoders.objectReference(p, op));
                    default -> {
                        return false;
                    }
                }
            }
            case IMAGE_ID -> {
                switch (op) {
                    case KernelDecoders.OPCODE_IMAGE_ID -> visitor.imageId(h, KernelDecoders.imageId(p));
                    case KernelDecoders.OPCODE_DBGID_RSDS -> visitor.dbgId(h, KernelDecoders.dbgIdRsds(p));
                    default -> {
                        return false;
                    }
                }
            }
            default -> {
                return false;
            }
        }
        return true;
    }

    private void skip(EventRecordHeader h) {
        counter.skipped(h);
        visitor.other(h);
    }

}
