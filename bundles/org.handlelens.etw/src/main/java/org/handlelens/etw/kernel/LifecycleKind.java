package org.handlelens.etw.kernel;

/** Start/end/rundown opcode families shared by process, thread and image events. */
public enum LifecycleKind {
    /** Opcode 1 (image: 10 Load). */
    START,
    /** Opcode 2 (image: Unload). */
    END,
    /** Opcode 3: rundown at session start. */
    DC_START,
    /** Opcode 4: rundown at session end. */
    DC_END,
    /** Opcode 39: process defunct (zombie rundown). */
    DEFUNCT;

    /** Maps the common opcode numbering (1..4, 10 = image load, 39 = defunct); null if none. */
    public static LifecycleKind ofOpcode(int opcode) {
        return switch (opcode) {
            case 1, 10 -> START;
            case 2 -> END;
            case 3 -> DC_START;
            case 4 -> DC_END;
            case 39 -> DEFUNCT;
            default -> null;
        };
    }
}
