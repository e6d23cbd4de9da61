package org.handlelens.etw.kernel;

import java.util.Locale;
import java.util.UUID;

/** KernelTraceControl DbgID_RSDS (opcode 36): PDB identity of an image. */
public record DbgIdRsdsEvent(long imageBase, int processId, UUID pdbGuid, int age, String pdbFileName) {
    /** Symbol-server key: GUID as 32 upper-case hex digits + age in hex. */
    public String symbolKey() {
        return pdbGuid.toString().replace("-", "").toUpperCase(Locale.ROOT) + Integer.toHexString(age).toUpperCase(Locale.ROOT);
    }
}
