package org.handlelens.etw.header;

/** The kinds of trace record header found inside ETL buffers (byte 2 of every record). */
public enum HeaderKind {
    /** SYSTEM_TRACE_HEADER, 0x20 bytes, HookId identified (types 0x01/0x02). */
    SYSTEM,
    /** Compact system header, 0x18 bytes (types 0x03/0x04). */
    COMPACT,
    /** PERFINFO_TRACE_HEADER, 0x10 bytes + PMC/PEBS extensions, no PID/TID (types 0x10/0x11). */
    PERFINFO,
    /** Classic EVENT_TRACE_HEADER with GUID, 0x30 bytes (types 0x0A/0x14). */
    FULL,
    /** EVENT_INSTANCE_HEADER, 0x48 bytes (types 0x0B/0x15). */
    INSTANCE,
    /** Manifest/TraceLogging EVENT_HEADER, 0x50 bytes + extended data items (types 0x12/0x13). */
    EVENT_HEADER,
    /** WPP / trace message record (flag 0x10 without 0x40); skipped by size. */
    MESSAGE
}
