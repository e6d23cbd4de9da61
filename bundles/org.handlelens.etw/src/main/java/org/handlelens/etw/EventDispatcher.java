package org.handlelens.etw;

import org.handlelens.etw.header.EventRecordHeader;
import org.handlelens.etw.header.HeaderKind;
import org.handlelens.etw.kernel.DbgIdRsdsEvent;
import org.handlelens.etw.kernel.DuplicateHandleEvent;
import org.handlelens.etw.kernel.FrameArrays;
import org.handlelens.etw.kernel.HandleEvent;
import org.handlelens.etw.kernel.HandleRundownEvent;
import org.handlelens.etw.kernel.ImageEvent;
import org.handlelens.etw.kernel.ImageIdEvent;
import org.handlelens.etw.kernel.KernelDecoders;
import org.handlelens.etw.kernel.MalformedPayloadException;
import org.handlelens.etw.kernel.ObjectLifetimeEvent;
import org.handlelens.etw.kernel.ObjectReferenceEvent;
import org.handlelens.etw.kernel.ObjectTypeEvent;
import org.handlelens.etw.kernel.Payload;
import org.handlelens.etw.kernel.ProcessEvent;
import org.handlelens.etw.kernel.StackKeyDefinition;
import org.handlelens.etw.kernel.StackKeyReference;
import org.handlelens.etw.kernel.StackWalkEvent;
import org.handlelens.etw.kernel.ThreadEvent;
import org.handlelens.etw.win32k.Win32kDecoders;
import org.handlelens.etw.win32k.Win32kHandleEvent;

/** Classifies each record, counts it, decodes known kernel payloads and calls the visitor. */
final class EventDispatcher {
    private final EtwEventVisitor visitor;
    private final EventCounter counter;
    private final Payload payload = new Payload();
    private final int defaultPointerSize;
    private final boolean[] wants = new boolean[EventKind.values().length];
    /** Reused frame arrays when the visitor allows it (sequential path only), else null. */
    private final FrameArrays frameArrays;

    EventDispatcher(EtwEventVisitor visitor, EventCounter counter, int defaultPointerSize) {
        this.visitor = visitor;
        this.counter = counter;
        this.defaultPointerSize = defaultPointerSize == 4 ? 4 : 8;
        for (EventKind k : EventKind.values()) {
            wants[k.ordinal()] = visitor.wants(k);
        }
        frameArrays = visitor.reusesFrameArrays() ? new FrameArrays() : null;
    }

    static EventKind classify(EventRecordHeader h) {
        int hook = h.hookId(); // >= 0 exactly for SYSTEM, COMPACT and PERFINFO headers
        if (hook >= 0) {
            return switch (hook >>> 8) {
                case KernelDecoders.GROUP_HEADER -> EventKind.HEADER;
                case KernelDecoders.GROUP_PROCESS -> (hook & 0xFF) == 10 ? EventKind.IMAGE : EventKind.PROCESS;
                case KernelDecoders.GROUP_THREAD -> EventKind.THREAD;
                case KernelDecoders.GROUP_IMAGE -> EventKind.IMAGE;
                case KernelDecoders.GROUP_STACKWALK -> EventKind.STACK_WALK;
                case KernelDecoders.GROUP_OBJECT -> EventKind.HANDLE;
                default -> EventKind.OTHER;
            };
        }
        HeaderKind k = h.kind();
        if ((k == HeaderKind.FULL || k == HeaderKind.INSTANCE) && h.guidEquals(KernelDecoders.IMAGE_ID_GUID)) {
            return EventKind.IMAGE_ID;
        }
        if (Win32kDecoders.isHandleOperation(h)) {
            return EventKind.WIN32K_HANDLE;
        }
        return EventKind.OTHER;
    }

    /** Marks a record whose payload decoder threw {@link MalformedPayloadException}. */
    static final Object MALFORMED = new Object();

    boolean[] wants() {
        return wants;
    }

    int defaultPointerSize() {
        return defaultPointerSize;
    }

    /** Classifies, counts, decodes and delivers one record (the sequential path). */
    void dispatch(EventRecordHeader h) {
        EventKind kind = classify(h);
        counter.count(h, kind);
        if (!wants[kind.ordinal()]) {
            skip(h);
            return;
        }
        int op = h.opcode();
        // the two events that make most of a handle trace, decoded and delivered in one place: their records do
        // not pass through Object and a second switch, so the JIT can keep them off the heap when the visitor inlines
        if (kind == EventKind.HANDLE && (op == 32 || op == 33)) {
            HandleEvent e;
            try {
                e = KernelDecoders.handle(payload(h), op);
            } catch (MalformedPayloadException x) {
                malformed(h);
                return;
            }
            visitor.handle(h, e);
            return;
        }
        if (kind == EventKind.STACK_WALK && op == 32) {
            StackWalkEvent e;
            try {
                e = KernelDecoders.stack(payload(h), frameArrays);
            } catch (MalformedPayloadException x) {
                malformed(h);
                return;
            }
            visitor.stack(h, e);
            return;
        }
        Object e = decode(h, kind, wants, payload, defaultPointerSize, frameArrays);
        if (e == null) {
            skip(h);
        } else if (e == MALFORMED) {
            malformed(h);
        } else {
            deliver(h, kind, op, e);
        }
    }

    private Payload payload(EventRecordHeader h) {
        return payload.reset(h.buffer(), h.payloadOffset(), h.payloadLength(), pointerSize(h, defaultPointerSize));
    }

    private static int pointerSize(EventRecordHeader h, int defaultPointerSize) {
        return h.pointerSize() == 4 || h.pointerSize() == 8 ? h.pointerSize() : defaultPointerSize;
    }

    private void malformed(EventRecordHeader h) {
        counter.malformed(h);
        skip(h);
    }

    /**
     * Delivers one record that a decode thread has classified, decoded and counted already (with
     * {@link #count}): only the visitor call is left.
     */
    void deliverCounted(EventRecordHeader h, EventKind kind, Object decoded) {
        if (decoded == null || decoded == MALFORMED) {
            visitor.other(h);
        } else {
            deliver(h, kind, h.opcode(), decoded);
        }
    }

    /** The counting part of {@link #dispatch}, for a decode thread's own counter. */
    static void count(EventCounter counter, EventRecordHeader h, EventKind kind, Object decoded) {
        counter.count(h, kind);
        if (decoded == null) {
            counter.skipped(h);
        } else if (decoded == MALFORMED) {
            counter.malformed(h);
            counter.skipped(h);
        }
    }

    /**
     * Decodes the payload of a known event: the event record, null when the kind is not wanted or
     * the opcode/version is not one we decode, or {@link #MALFORMED}. Touches nothing but its
     * arguments ({@code payload} is scratch), so decode threads call it with their own {@code payload}.
     * {@code frameArrays}: reused frame arrays (null: new arrays, as decode threads need them).
     */
    static Object decode(EventRecordHeader h, EventKind kind, boolean[] wants, Payload payload, int defaultPointerSize,
            FrameArrays frameArrays) {
        if (!wants[kind.ordinal()] || kind == EventKind.OTHER || kind == EventKind.HEADER) {
            return null;
        }
        Payload p = payload.reset(h.buffer(), h.payloadOffset(), h.payloadLength(), pointerSize(h, defaultPointerSize));
        int op = h.opcode();
        try {
            return switch (kind) {
                case PROCESS -> KernelDecoders.process(p, op, h.version());
                case THREAD -> KernelDecoders.thread(p, op, h.version());
                case IMAGE -> KernelDecoders.image(p, op, h.version());
                case STACK_WALK -> switch (op) {
                    case 32 -> KernelDecoders.stack(p, frameArrays);
                    case 34, 35, 36 -> KernelDecoders.stackKeyDefinition(p, op, frameArrays);
                    case 37, 38 -> KernelDecoders.stackKeyReference(p, op);
                    default -> null;
                };
                case HANDLE -> switch (op) {
                    case 32, 33 -> KernelDecoders.handle(p, op);
                    case 34 -> KernelDecoders.duplicateHandle(p);
                    case 36, 37 -> KernelDecoders.objectType(p, op);
                    case 38, 39 -> KernelDecoders.handleRundown(p, op);
                    case 48, 49 -> KernelDecoders.objectLifetime(p, op);
                    case 50, 51 -> KernelDecoders.objectReference(p, op);
                    default -> null;
                };
                case IMAGE_ID -> switch (op) {
                    case KernelDecoders.OPCODE_IMAGE_ID -> KernelDecoders.imageId(p);
                    case KernelDecoders.OPCODE_DBGID_RSDS -> KernelDecoders.dbgIdRsds(p);
                    default -> null;
                };
                case WIN32K_HANDLE -> Win32kDecoders.handleOperation(p, h.task(), op);
                default -> null;
            };
        } catch (MalformedPayloadException e) {
            return MALFORMED;
        }
    }

    /** Calls the visitor method for a decoded event (kind and opcode as {@link #decode} saw them). */
    private void deliver(EventRecordHeader h, EventKind kind, int op, Object e) {
        switch (kind) {
            case PROCESS -> visitor.process(h, (ProcessEvent) e);
            case THREAD -> visitor.thread(h, (ThreadEvent) e);
            case IMAGE -> visitor.image(h, (ImageEvent) e);
            case STACK_WALK -> {
                switch (op) {
                    case 32 -> visitor.stack(h, (StackWalkEvent) e);
                    case 34, 35, 36 -> visitor.stackKeyDefinition(h, (StackKeyDefinition) e);
                    default -> visitor.stackKeyReference(h, (StackKeyReference) e);
                }
            }
            case HANDLE -> {
                switch (op) {
                    case 32, 33 -> visitor.handle(h, (HandleEvent) e);
                    case 34 -> visitor.duplicateHandle(h, (DuplicateHandleEvent) e);
                    case 36, 37 -> visitor.objectType(h, (ObjectTypeEvent) e);
                    case 38, 39 -> visitor.handleRundown(h, (HandleRundownEvent) e);
                    case 48, 49 -> visitor.objectLifetime(h, (ObjectLifetimeEvent) e);
                    default -> visitor.objectReference(h, (ObjectReferenceEvent) e);
                }
            }
            case IMAGE_ID -> {
                if (op == KernelDecoders.OPCODE_IMAGE_ID) {
                    visitor.imageId(h, (ImageIdEvent) e);
                } else {
                    visitor.dbgId(h, (DbgIdRsdsEvent) e);
                }
            }
            case WIN32K_HANDLE -> visitor.win32kHandle(h, (Win32kHandleEvent) e);
            default -> throw new IllegalStateException("no decoded events of kind " + kind);
        }
    }

    private void skip(EventRecordHeader h) {
        counter.skipped(h);
        visitor.other(h);
    }

}
