package org.handlelens.etw;

/** Coarse event categories used for counting. */
public enum EventKind {
    /** Group 0x00 (logfile header, extensions). */
    HEADER,
    /** Group 0x03 except image load. */
    PROCESS,
    /** Group 0x05. */
    THREAD,
    /** Image load 0x030A and group 0x14. */
    IMAGE,
    /** Group 0x18. */
    STACK_WALK,
    /** Group 0x11 (object manager: handle and object events). */
    HANDLE,
    /** KernelTraceControl ImageID/DbgID events. */
    IMAGE_ID,
    /** Microsoft-Windows-Win32k GdiHandleOperation / UserHandleOperation events (GDI and USER handles). */
    WIN32K_HANDLE,
    /** Everything else (other kernel groups, manifest, TraceLogging, WPP ...). */
    OTHER
}
