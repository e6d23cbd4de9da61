package org.handlelens.etw.kernel;

/** HandleDCStart (0x1126) / HandleDCEnd (0x1127): a handle open at rundown time. */
public record HandleRundownEvent(boolean dcStart, long object, int processId, int handle, int objectType,
        String objectName) {
}
