package org.handlelens.etw.kernel;

/** KeyCreate (0x1822) / KeyDelete (0x1823) / KeyRundown (0x1824): the frames of a stack key. */
public record StackKeyDefinition(int opcode, long stackKey, long[] frames) {
}
