package org.handlelens.etw.kernel;

/** KernelTraceControl ImageID (opcode 0): original file name of an image. */
public record ImageIdEvent(long imageBase, long imageSize, int processId, int timeDateStamp, String originalFileName) {
}
