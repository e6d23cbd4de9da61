package org.handlelens.etw.writer;

/** The EVENT_DESCRIPTOR of an EVENT_HEADER record the writer emits (evntprov.h field order). */
public record EventDescriptor(int id, int version, int channel, int level, int opcode, int task, long keyword) {
}
