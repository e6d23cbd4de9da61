package org.handlelens.ui.navigator;

import org.eclipse.core.resources.IFile;
import org.handlelens.ui.imports.TraceSummary.ProcessSummary;

/**
 * A process of a trace, shown beneath the trace in the Project Explorer.
 *
 * @param trace   the trace file
 * @param process the process and its handle count
 */
public record TraceProcessNode(IFile trace, ProcessSummary process) {
}
