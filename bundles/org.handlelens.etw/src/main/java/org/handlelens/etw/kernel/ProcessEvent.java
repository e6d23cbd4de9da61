package org.handlelens.etw.kernel;

/**
 * Process start/end/rundown/defunct (group 0x03, versions 0 to 5; newer versions decoded by the V5 prefix).
 * Fields a version lacks are 0 or "" (V0: no session, exit status or command line; V0/V1: uniqueProcessKey -1 = unknown, V1:
 * {@code directoryTableBase} = its PageDirectoryBase).
 *
 * @param userSid          "S-1-..." or "" when the event carries no SID
 * @param exitTimeFileTime version 5 (defunct) only, else 0
 */
public record ProcessEvent(LifecycleKind kind, int version, long uniqueProcessKey, int processId, int parentId,
        int sessionId, int exitStatus, long directoryTableBase, int flags, String userSid, String imageFileName,
        String commandLine, String packageFullName, String applicationId, long exitTimeFileTime) {
}
