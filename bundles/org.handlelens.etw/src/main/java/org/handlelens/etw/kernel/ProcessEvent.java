package org.handlelens.etw.kernel;

/**
 * Process start/end/rundown/defunct (group 0x03, versions 3, 4 and 5).
 *
 * @param userSid          "S-1-..." or "" when the event carries no SID
 * @param exitTimeFileTime version 5 (defunct) only, else 0
 */
public record ProcessEvent(LifecycleKind kind, int version, long uniqueProcessKey, int processId, int parentId,
        int sessionId, int exitStatus, long directoryTableBase, int flags, String userSid, String imageFileName,
        String commandLine, String packageFullName, String applicationId, long exitTimeFileTime) {
}
