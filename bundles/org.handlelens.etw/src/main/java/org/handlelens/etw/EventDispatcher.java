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
            boolean delivered = switch (kind) {
                case PROCESS -> deliver(KernelDecoders.process(p, op, h.version()), e -> visitor.process(h, e));
                case THREAD -> deliver(KernelDecoders.thread(p, op, h.version()), e -> visitor.thread(h, e));
                case IMAGE -> deliver(KernelDecoders.image(p, op, h.version()), e -> visitor.image(h, e));
                case STACK_WALK -> stackWalk(h, p, op);
                case HANDLE -> object(h, p, op);
                case IMAGE_ID -> switch (op) {
                    case KernelDecoders.OPCODE_IMAGE_ID -> deliver(KernelDecoders.imageId(p), e -> visitor.imageId(h, e));
                    case KernelDecoders.OPCODE_DBGID_RSDS -> deliver(KernelDecoders.dbgIdRsds(p), e -> visitor.dbgId(h, e));
                    default -> false;
                };
                default -> false;
            };
            if (!delivered) {
                skip(h);
            }
        } catch (MalformedPayloadException e) {
            counter.malformed(h);
            skip(h);
        }
    }

    private boolean stackWalk(EventRecordHeader h, Payload p, int op) {
        return switch (op) {
            case 32 -> deliver(KernelDecoders.stack(p), e -> visitor.stack(h, e));
            case 34, 35, 36 -> deliver(KernelDecoders.stackKeyDefinition(p, op), e -> visitor.stackKeyDefinition(h, e));
            case 37, 38 -> deliver(KernelDecoders.stackKeyReference(p, op), e -> visitor.stackKeyReference(h, e));
            default -> false;
        };
    }

    private boolean object(EventRecordHeader h, Payload p, int op) {
        return switch (op) {
            case 32, 33 -> deliver(KernelDecoders.handle(p, op), e -> visitor.handle(h, e));
            case 34 -> deliver(KernelDecoders.duplicateHandle(p), e -> visitor.duplicateHandle(h, e));
            case 36, 37 -> deliver(KernelDecoders.objectType(p, op), e -> visitor.objectType(h, e));
            case 38, 39 -> deliver(KernelDecoders.handleRundown(p, op), e -> visitor.handleRundown(h, e));
            case 48, 49 -> deliver(KernelDecoders.objectLifetime(p, op), e -> visitor.objectLifetime(h, e));
            case 50, 51 -> deliver(KernelDecoders.objectReference(p, op), e -> visitor.objectReference(h, e));
            default -> false;
        };
    }

    private void skip(EventRecordHeader h) {
        counter.skipped(h);
        visitor.other(h);
    }

    private static <T> boolean deliver(T event, java.util.function.Consumer<T> sink) {
        if (event == null) {
            return false;
        }
        sink.accept(event);
        return true;
    }
}
