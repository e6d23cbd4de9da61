package org.handlelens.windbg.parse;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.function.LongConsumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Streams a WinDbg log (a {@code .logopen} file or pasted output) line by line and reports the
 * {@code !process}, {@code !handle} and {@code !htrace} blocks it recognises to a
 * {@link WinDbgListener}, in file order. Prompts ({@code 0: kd> }, {@code 0:000>}) are stripped; lines
 * no parser recognises are skipped and counted. One instance parses one input.
 */
public final class WinDbgLogParser {
    /** How often (in lines) progress is reported. */
    private static final int PROGRESS_INTERVAL_LINES = 4096;
    private static final Pattern PROMPT = Pattern.compile(
            "^(?:(?:\\d+:\\s?)?l?kd>\\s?|\\d+:\\d+(?::[A-Za-z0-9_]+)?>\\s?)+");
    private static final Pattern COMMAND = Pattern.compile("^[!.][A-Za-z].*");
    private static final Pattern EVENT = Pattern.compile("^\\(([0-9a-fA-F]{1,8})\\.([0-9a-fA-F]{1,8})\\):.*");
    private static final Pattern IMPLICIT = Pattern.compile("^Implicit process is now ([0-9a-fA-F`]{1,17})$");
    private static final String PROCESS_DUMP_BANNER = "**** NT ACTIVE PROCESS DUMP ****";
    private static final String SEPARATOR = "--------------------------------------";

    private final ParseContext ctx;
    private final HtraceParser htrace;
    private final List<BlockParser> parsers;
    private BlockParser active;
    private int lineCount;

    private WinDbgLogParser(WinDbgListener listener) {
        ctx = new ParseContext(listener);
        htrace = new HtraceParser(ctx);
        parsers = List.of(new ProcessBlockParser(ctx), new KernelHandleParser(ctx), new UserHandleParser(ctx), htrace,
                new VerifierStopParser(ctx));
    }

    /**
     * Parses a file. Rejects input without any known block.
     *
     * @param file     the log
     * @param listener receives the blocks
     * @param progress receives the bytes read so far, now and then; may throw
     *                 {@link java.util.concurrent.CancellationException} to stop; may be null
     * @throws WinDbgParseException binary data, an over-long line, or no known block
     */
    public static ParseSummary parse(Path file, WinDbgListener listener, LongConsumer progress) throws IOException {
        try (InputStream in = Files.newInputStream(file);
                TextLineReader reader = TextLineReader.open(in, file.toString())) {
            ParseSummary summary = parse(reader, listener, progress);
            if (summary.blockCount() == 0) {
                String why = summary.lineCount() == 0 ? " (the file is empty)" : "";
                throw new WinDbgParseException(file.toString(), -1, -1,
                        "not WinDbg output: no !process, !handle or !htrace block found in " + file + why);
            }
            return summary;
        }
    }

    /**
     * Parses lines from a reader; does not reject input without blocks (see {@link ParseSummary#blockCount()}).
     */
    public static ParseSummary parse(TextLineReader reader, WinDbgListener listener, LongConsumer progress)
            throws IOException {
        return new WinDbgLogParser(listener).run(reader, progress);
    }

    private ParseSummary run(TextLineReader reader, LongConsumer progress) throws IOException {
        String raw;
        while ((raw = reader.readLine()) != null) {
            lineCount = reader.lineNumber();
            line(raw, lineCount);
            if (progress != null && lineCount % PROGRESS_INTERVAL_LINES == 0) {
                progress.accept(reader.bytesConsumed());
            }
        }
        boolean truncated = false;
        for (BlockParser p : parsers) {
            String missing = p.incompleteAtEndOfInput();
            if (missing != null) {
                truncated = true;
                ctx.warn("input ends inside a block: " + missing + "; kept what was parsed");
            }
        }
        flushAll();
        if (ctx.skippedLines > 0) {
            ctx.warn("skipped " + ctx.skippedLines + " unrecognised lines (first at line " + ctx.firstSkippedLine
                    + ": \"" + abbreviate(ctx.firstSkippedText) + "\")");
        }
        if (progress != null) {
            progress.accept(reader.bytesConsumed());
        }
        return new ParseSummary(lineCount, ctx.blocks, ctx.skippedLines, truncated, ctx.warnings);
    }

    private void line(String raw, int number) {
        boolean indented = !raw.isEmpty() && Character.isWhitespace(raw.charAt(0));
        String t = raw.strip();
        // the docs' HTML->Markdown conversion turned "last line\n-----" into "## last line"
        if (t.equals("##")) {
            dispatch(new Line(SEPARATOR, false, number));
            return;
        }
        if (t.startsWith("## ")) {
            dispatch(new Line(t.substring(3).strip(), indented, number));
            dispatch(new Line(SEPARATOR, false, number));
            return;
        }
        Matcher prompt = !t.isEmpty() && (Character.isDigit(t.charAt(0)) || t.charAt(0) == 'k' || t.charAt(0) == 'l')
                ? PROMPT.matcher(t) : null;
        if (prompt != null && prompt.lookingAt() && prompt.end() > 0) {
            command(t.substring(prompt.end()).strip(), number);
            return;
        }
        if (!t.isEmpty() && (t.charAt(0) == '!' || t.charAt(0) == '.') && COMMAND.matcher(t).matches()) {
            command(t, number);
            return;
        }
        dispatch(new Line(t, indented, number));
    }

    private void dispatch(Line line) {
        if (active != null) {
            if (active.offer(line)) {
                return;
            }
            active.flush();
            active = null;
        }
        for (BlockParser p : parsers) {
            if (p.offer(line)) {
                active = p;
                return;
            }
        }
        String t = line.text();
        if (t.isEmpty() || t.equals(PROCESS_DUMP_BANNER)) {
            return;
        }
        Matcher m;
        if (t.startsWith("(") && (m = EVENT.matcher(t)).matches()) {
            ctx.debuggeePid = Hex.parse(m.group(1)); // "(19ec.153c): Break instruction exception"
            return;
        }
        if (t.startsWith("Implicit") && (m = IMPLICIT.matcher(t)).matches()) {
            ctx.contextEprocess = Hex.parse(m.group(1));
            return;
        }
        ctx.skip(line);
    }

    /** A debugger command line: ends the blocks printed by the previous command. */
    private void command(String cmd, int number) {
        flushAll();
        if (cmd.isEmpty()) {
            return;
        }
        ctx.listener.command(cmd, number);
        String[] words = cmd.split("\\s+");
        String verb = words[0].toLowerCase(Locale.ROOT);
        switch (verb) {
            case "!htrace" -> {
                htraceCommand(words, number);
                active = htrace;
            }
            case "!handle" -> {
                ctx.lastProcess = null;
                ctx.tableOwner = null;
                ctx.kernelTable = false;
            }
            case ".process" -> {
                Long addr = Hex.parse(words[words.length - 1]);
                if (addr != null) {
                    ctx.contextEprocess = addr;
                }
            }
            default -> {
                // other commands print nothing we read; their output lines are skipped
            }
        }
    }

    private void htraceCommand(String[] words, int number) {
        if (words.length == 1) {
            htrace.beginCommand(HtraceKind.FULL, null, null, number);
            return;
        }
        if (words[1].startsWith("-")) {
            htrace.beginCommand(words[1].equalsIgnoreCase("-diff") ? HtraceKind.DIFF : null, null, null, number);
            return;
        }
        Long handle = Hex.parse(words[1]);
        Long process = words.length > 2 ? Hex.parse(words[2]) : null;
        boolean all = handle == null || handle == 0;
        htrace.beginCommand(all ? HtraceKind.FULL : HtraceKind.SINGLE_HANDLE, all ? null : handle, process, number);
    }

    private void flushAll() {
        for (BlockParser p : parsers) {
            p.flush();
        }
        active = null;
    }

    private static String abbreviate(String s) {
        return s.length() <= 80 ? s : s.substring(0, 77) + "...";
    }
}
