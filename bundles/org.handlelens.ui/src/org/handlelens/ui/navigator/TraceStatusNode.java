package org.handlelens.ui.navigator;

import org.eclipse.core.resources.IFile;

/**
 * Placeholder beneath a trace while its index is read ("Reading index...") or when it cannot be.
 *
 * @param trace the trace file
 * @param text  what to show
 * @param error true when the trace could not be read
 */
public record TraceStatusNode(IFile trace, String text, boolean error) {
}
