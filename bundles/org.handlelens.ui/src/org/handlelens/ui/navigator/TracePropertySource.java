package org.handlelens.ui.navigator;

import java.nio.file.Path;

import org.eclipse.core.resources.IFile;
import org.handlelens.ui.imports.TraceSummary;
import org.handlelens.ui.project.TraceIndexLocation;
import org.handlelens.ui.properties.ReadOnlyPropertySource;

/**
 * Properties view of a trace (format, size, processes, where it and its index are) or of one of its
 * processes. Read-only; values come from the trace's summary and never trigger a load.
 */
public final class TracePropertySource extends ReadOnlyPropertySource {
    private static final String TRACE = "Trace";
    private static final String PROCESS = "Process";

    private final IFile trace;
    private final TraceSummary summary;
    private final TraceSummary.ProcessSummary process;

    /** Properties of {@code trace} (summary null when not indexed yet) and, when given, of {@code process}. */
    public TracePropertySource(IFile trace, TraceSummary summary, TraceSummary.ProcessSummary process) {
        this.trace = trace;
        this.summary = summary;
        this.process = process;
        build();
    }

    private void build() {
        if (process != null) {
            add(PROCESS, "Image", process.image());
            add(PROCESS, "PID", Integer.toString(process.pid()));
            add(PROCESS, "Handles", Long.toString(process.handleCount()));
            add(PROCESS, "Never closed in the source", Long.toString(process.outstanding()));
        }
        Path file = TraceIndexLocation.tracePath(trace);
        add(TRACE, "Name", trace.getName());
        add(TRACE, "Location", file == null ? trace.getLocationURI() + "" : file.toString());
        add(TRACE, "Linked", trace.isLinked() ? "yes" : "no (copy in the project)");
        if (summary == null) {
            add(TRACE, "Format", "not indexed yet");
            return;
        }
        add(TRACE, "Format", summary.format());
        add(TRACE, "Size", String.format("%,d bytes", summary.sizeBytes()));
        add(TRACE, "Processes", Integer.toString(summary.processes().size()));
        add(TRACE, "Handle rows", Integer.toString(summary.rowCount()));
        if (summary.partial() != null) {
            add(TRACE, "Partial", summary.partial());
        }
        Path index = TraceIndexLocation.of(trace);
        add(TRACE, "Index", index == null ? "none" : index.toString());
    }
}
