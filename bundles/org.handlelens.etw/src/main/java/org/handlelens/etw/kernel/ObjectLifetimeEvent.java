package org.handlelens.etw.kernel;

/** CreateObject (0x1130) / DeleteObject (0x1131). */
public record ObjectLifetimeEvent(boolean create, long object, int objectType) {
}
