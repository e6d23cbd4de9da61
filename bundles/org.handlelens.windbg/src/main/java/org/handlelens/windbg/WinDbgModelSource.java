package org.handlelens.windbg;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.function.LongConsumer;
import java.util.regex.Pattern;

import org.handlelens.model.HandleModel;
import org.handlelens.model.HandleModelBuilder;
import org.handlelens.model.ProgressMonitor;
import org.handlelens.model.SourceFormatException;
import org.handlelens.model.SourceInfo;
import org.handlelens.model.spi.ModelSource;
import org.handlelens.windbg.parse.ParseSummary;
import org.handlelens.windbg.parse.TextLineReader;
import org.handlelens.windbg.parse.WinDbgLogParser;
import org.handlelens.windbg.parse.WinDbgParseException;

/**
 * Importer for WinDbg text output ({@code !process 0 0}, {@code !handle}, {@code !htrace}), format id
 * {@value #FORMAT_ID}. Registered for {@link java.util.ServiceLoader}.
 */
public final class WinDbgModelSource implements ModelSource {
    private static final Pattern HTRACE_RECORD = Pattern.compile("Handle\\s*=?\\s*0x[0-9a-fA-F]+\\s*-\\s*(OPEN|CLOSE)");

    /** The format id. */
    public static final String FORMAT_ID = "windbg";

    /** Public no-argument constructor for {@link java.util.ServiceLoader}. */
    public WinDbgModelSource() {
    }

    @Override
    public String formatId() {
        return FORMAT_ID;
    }

    /**
     * 90 when the head shows a known block, 60 for debugger prompts or commands only, 5 for other
     * text (so that a text file gets this importer's clear "not WinDbg output" message), 1 for a binary
     * file named {@code .txt}/{@code .log} (so the message names the first non-text byte), else 0.
     */
    @Override
    public int confidence(Path file, byte[] head) {
        String name = file.getFileName() == null ? "" : file.getFileName().toString().toLowerCase(Locale.ROOT);
        boolean textName = name.endsWith(".txt") || name.endsWith(".log");
        String text = headText(head);
        if (text == null) {
            return textName ? 1 : 0;
        }
        if (text.contains("Handle table at") || text.contains("GrantedAccess")
                || (text.contains("PROCESS ") && text.contains("Cid:"))
                || HTRACE_RECORD.matcher(text).find()) {
            return 90;
        }
        if (text.contains("!htrace") || text.contains("!handle") || text.contains("!process")
                || text.contains("kd>") || text.contains("0:000>")) {
            return 60;
        }
        return 5;
    }

    /** The head decoded for sniffing, or null when it holds bytes text never has. */
    private static String headText(byte[] head) {
        // UTF-16 as the reader accepts it: LE/BE with a BOM (.logopen /u) or without one (zero-byte pattern)
        java.nio.charset.Charset utf16 = TextLineReader.utf16Charset(head);
        if (utf16 != null) {
            int bom = (head[0] & 0xFF) == 0xFF || (head[0] & 0xFF) == 0xFE ? 2 : 0;
            return new String(head, bom, (head.length - bom) & ~1, utf16);
        }
        for (byte b : head) {
            int c = b & 0xFF;
            if (c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f') {
                return null;
            }
        }
        return new String(head, StandardCharsets.ISO_8859_1);
    }

    @Override
    public HandleModel load(Path file, ProgressMonitor monitor) throws SourceFormatException, IOException {
        ProgressMonitor pm = monitor == null ? ProgressMonitor.NULL : monitor;
        String fileName = file.getFileName() == null ? file.toString() : file.getFileName().toString();
        HandleModelBuilder builder = new HandleModelBuilder(new SourceInfo(FORMAT_ID, fileName, null, null, 0));
        WinDbgModelMapper mapper = new WinDbgModelMapper(builder);
        pm.begin(Files.size(file));
        long[] reported = {0};
        LongConsumer progress = bytes -> {
            pm.worked(bytes - reported[0]);
            reported[0] = bytes;
            if (pm.isCanceled()) {
                throw new CancellationException("import of " + file + " canceled");
            }
        };
        ParseSummary summary;
        try {
            summary = WinDbgLogParser.parse(file, mapper, progress);
        } catch (WinDbgParseException e) {
            throw toSourceFormatException(file, e);
        }
        mapper.finish();
        for (String w : summary.warnings()) {
            if (summary.truncated() && w.startsWith("input ends inside a block")) {
                builder.markPartial(w);
                break;
            }
        }
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("lines", Integer.toString(summary.lineCount()));
        properties.put("blocks", Integer.toString(summary.blockCount()));
        properties.put("skippedLines", Integer.toString(summary.skippedLines()));
        properties.put("htraceSections", Integer.toString(mapper.htraceSections()));
        properties.put("htraceRecords", Integer.toString(mapper.htraceRecordsApplied()));
        properties.put("htraceBadReferences", Integer.toString(mapper.badReferences()));
        builder.setSource(new SourceInfo(FORMAT_ID, fileName, null, null, mapper.pointerSize())
                .withProperties(properties));
        pm.done();
        return builder.build();
    }

    private static SourceFormatException toSourceFormatException(Path file, WinDbgParseException e) {
        SourceFormatException out;
        if (e.lineNumber() > 0) {
            out = new SourceFormatException(file, SourceFormatException.PositionKind.LINE, e.lineNumber(),
                    e.detail(), e);
        } else if (e.byteOffset() >= 0) {
            out = new SourceFormatException(file, SourceFormatException.PositionKind.BYTE_OFFSET, e.byteOffset(),
                    e.detail(), e);
        } else {
            out = new SourceFormatException(file, SourceFormatException.PositionKind.NONE, -1, e.detail(), e);
        }
        return out;
    }
}
