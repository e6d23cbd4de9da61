package org.handlelens.windbg.parse;

/**
 * How a block names the process it belongs to: by EPROCESS address (kernel debugger) and/or pid.
 *
 * @param eprocessAddress EPROCESS address, null when not printed
 * @param pid             process id, null when not known
 */
public record ProcessRef(Long eprocessAddress, Long pid) {

    /** True when neither address nor pid is known. */
    public boolean isEmpty() {
        return eprocessAddress == null && pid == null;
    }

    /** A reference by pid only. */
    public static ProcessRef ofPid(long pid) {
        return new ProcessRef(null, pid);
    }

    /** A reference by EPROCESS address only. */
    public static ProcessRef ofEprocess(long address) {
        return new ProcessRef(address, null);
    }
}
