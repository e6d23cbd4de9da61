package org.handlelens.etw.kernel;

/** TypeDCStart (0x1124) / TypeDCEnd (0x1125): name of an object type index (per boot). */
public record ObjectTypeEvent(boolean dcStart, int objectType, String typeName) {
}
