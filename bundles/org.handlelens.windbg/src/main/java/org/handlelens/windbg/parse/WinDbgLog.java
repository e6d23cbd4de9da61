package org.handlelens.windbg.parse;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Everything a log holds, collected in memory: convenient for tests and small files. Importers
 * of large logs implement {@link WinDbgListener} instead.
 *
 * @param processes   PROCESS blocks in file order (a process printed twice appears twice)
 * @param tables      kernel handle table lines
 * @param handles     {@code !handle} entries
 * @param summaries   user-mode type summaries
 * @param htrace      {@code !htrace} outputs
 * @param verifierStops Application Verifier stops
 * @param summary     counters and warnings
 */
public record WinDbgLog(List<WinDbgProcess> processes, List<HandleTable> tables, List<WinDbgHandle> handles,
        List<HandleTypeSummary> summaries, List<HtraceSection> htrace, List<VerifierStop> verifierStops,
        ParseSummary summary) {

    /** Parses a whole file into memory; rejects files without a known block. */
    public static WinDbgLog read(Path file) throws IOException {
        Collector c = new Collector();
        return c.result(WinDbgLogParser.parse(file, c, null));
    }

    /** Parses a stream into memory; does not reject input without blocks. */
    public static WinDbgLog read(InputStream in, String sourceName) throws IOException {
        Collector c = new Collector();
        try (TextLineReader reader = TextLineReader.open(in, sourceName)) {
            return c.result(WinDbgLogParser.parse(reader, c, null));
        }
    }

    /** All {@code !htrace} records, in printed order. */
    public List<HtraceRecord> allHtraceRecords() {
        List<HtraceRecord> out = new ArrayList<>();
        htrace.forEach(s -> out.addAll(s.recordsNewestFirst()));
        return out;
    }

    private static final class Collector implements WinDbgListener {
        final List<WinDbgProcess> processes = new ArrayList<>();
        final List<HandleTable> tables = new ArrayList<>();
        final List<WinDbgHandle> handles = new ArrayList<>();
        final List<HandleTypeSummary> summaries = new ArrayList<>();
        final List<HtraceSection> htrace = new ArrayList<>();
        final List<VerifierStop> stops = new ArrayList<>();

        WinDbgLog result(ParseSummary s) {
            return new WinDbgLog(List.copyOf(processes), List.copyOf(tables), List.copyOf(handles),
                    List.copyOf(summaries), List.copyOf(htrace), List.copyOf(stops), s);
        }

        @Override
        public void process(WinDbgProcess p) {
            processes.add(p);
        }

        @Override
        public void handleTable(HandleTable t) {
            tables.add(t);
        }

        @Override
        public void handle(WinDbgHandle h) {
            handles.add(h);
        }

        @Override
        public void handleTypeSummary(HandleTypeSummary s) {
            summaries.add(s);
        }

        @Override
        public void htraceSection(HtraceSection s) {
            htrace.add(s);
        }

        @Override
        public void verifierStop(VerifierStop s) {
            stops.add(s);
        }
    }
}
