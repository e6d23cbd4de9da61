package org.handlelens.ui.imports;

import java.nio.file.Path;

/**
 * Format detection of one candidate file.
 *
 * @param file       the file
 * @param sizeBytes  its size, -1 when unreadable
 * @param formatId   the best importer's format id, null when none recognises it
 * @param confidence that importer's confidence 0..100
 * @param accepted   true when the file will be imported
 * @param reason     why it was rejected, or a note on an accepted file; empty when nothing to say
 */
public record Detection(Path file, long sizeBytes, String formatId, int confidence, boolean accepted, String reason) {
    /** Table text of the format column. */
    public String formatLabel() {
        return formatId == null ? "unknown" : formatId;
    }
}
