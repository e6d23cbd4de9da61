package org.handlelens.windbg.parse;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code !htrace} output, user mode ({@code Handle = 0x3c - OPEN} + {@code Thread ID = ...} line) and
 * kernel mode ({@code Handle 0x7CC - CLOSE:}), with separators, frames, elisions, {@code -diff}
 * snapshot lines and the {@code Parsed/Dumped/Displayed ... stack traces} trailers.
 */
final class HtraceParser extends BlockParser {
    private static final Pattern SEPARATOR = Pattern.compile("^-{5,}$");
    private static final Pattern RECORD = Pattern.compile(
            "^Handle\\s*(=)?\\s*(?:0x)?([0-9a-fA-F`]{1,17})\\s*-\\s*(?:\\*+\\s*)?(OPEN|CLOSE|BAD REFERENCE)(?:\\s*\\*+)?\\s*:?$");
    private static final Pattern IDS = Pattern.compile(
            "^Thread ID\\s*=\\s*0x([0-9a-fA-F`]{1,17}),\\s*Process ID\\s*=\\s*0x([0-9a-fA-F`]{1,17})$");
    private static final Pattern FRAME = Pattern.compile("^0x([0-9a-fA-F`]{1,17}):\\s*(.*)$");
    private static final Pattern SYMBOL = Pattern.compile("^([^!+\\s]*)(?:!([^+]*))?(?:\\+(?:0x)?([0-9a-fA-F]{1,16}))?$");
    private static final Pattern TRAILER = Pattern.compile(
            "^(Parsed|Dumped|Displayed) 0x([0-9a-fA-F]{1,16}) stack traces\\b.*$");
    private static final Pattern NEW_TRACES = Pattern.compile(
            "^0x[0-9a-fA-F]+ new stack traces since the previous snapshot\\.?$");
    private static final Pattern KERNEL_PROCESS = Pattern.compile("^Process\\s+0x([0-9a-fA-F`]{1,17})$");
    private static final Pattern KERNEL_OBJECT_TABLE = Pattern.compile("^ObjectTable\\s+0x[0-9a-fA-F`]{1,17}$");
    private static final Pattern STATUS = Pattern.compile(
            "^(Handle tracing (enabled|disabled|is not enabled|information snapshot successfully taken)\\b.*"
                    + "|Ignoring handles that were already closed\\.*"
                    + "|Outstanding handles opened since the previous snapshot:?)$");

    private Section section;
    private RecordBuilder record;

    HtraceParser(ParseContext ctx) {
        super(ctx);
    }

    private static final class Section {
        HtraceKind kind;
        Long handleFilter;
        Long targetEprocess;
        List<HtraceRecord> records = new ArrayList<>();
        Long reported;
        Long parsed;
        boolean content;
        int line;
    }

    private static final class RecordBuilder {
        long handle;
        HtraceOperation op;
        boolean userFormat;
        Long threadId;
        Long processId;
        List<StackFrame> frames = new ArrayList<>();
        int line;

        HtraceRecord build() {
            // user-mode records always print the id line; kernel ones at least one frame
            boolean complete = userFormat ? threadId != null : !frames.isEmpty();
            return new HtraceRecord(handle, op, threadId, processId, frames, complete, line);
        }
    }

    /** Called for an {@code !htrace} command line: the section it prints starts here. */
    void beginCommand(HtraceKind kind, Long handleFilter, Long targetEprocess, int line) {
        flush();
        if (kind == null) {
            return; // -enable, -snapshot, -disable: no traces follow
        }
        section = newSection(kind, line);
        section.handleFilter = handleFilter;
        section.targetEprocess = targetEprocess;
    }

    private Section newSection(HtraceKind kind, int line) {
        Section s = new Section();
        s.kind = kind;
        s.line = line;
        return s;
    }

    private Section section(int line) {
        if (section == null) {
            section = newSection(HtraceKind.FULL, line); // output pasted without its command line
        }
        return section;
    }

    @Override
    boolean offer(Line line) {
        String t = line.text();
        Matcher m;
        if (t.startsWith("-----") && SEPARATOR.matcher(t).matches()) {
            endRecord();
            section(line.number());
            return true;
        }
        if (t.startsWith("Handle") && (m = RECORD.matcher(t)).matches() && Hex.parse(m.group(2)) != null) {
            endRecord();
            Section s = section(line.number());
            s.content = true;
            record = new RecordBuilder();
            record.userFormat = m.group(1) != null;
            record.handle = Hex.parse(m.group(2));
            record.op = switch (m.group(3)) {
                case "OPEN" -> HtraceOperation.OPEN;
                case "CLOSE" -> HtraceOperation.CLOSE;
                default -> HtraceOperation.BAD_REFERENCE;
            };
            record.line = line.number();
            return true;
        }
        if (record != null) {
            if (t.startsWith("Thread ID") && (m = IDS.matcher(t)).matches()) {
                record.threadId = Hex.parse(m.group(1));
                record.processId = Hex.parse(m.group(2));
                return true;
            }
            if (t.startsWith("Thread ID") && record.userFormat && record.threadId == null) {
                // a damaged or cut-off id line (log copied while written): the record stays open without ids,
                // so that a log ending here is reported as cut inside this record
                ctx.skip(line);
                return true;
            }
            if (t.startsWith("0x") && (m = FRAME.matcher(t)).matches() && Hex.parse(m.group(1)) != null) {
                record.frames.add(frame(Hex.parse(m.group(1)), m.group(2).strip()));
                return true;
            }
        }
        if (!t.isEmpty() && "PDHOI0".indexOf(t.charAt(0)) < 0) {
            // none of the patterns below can match; only elisions and warnings are left
            return section != null && (t.startsWith("***") || t.equals("...")) && skipInSection(line);
        }
        if ((m = TRAILER.matcher(t)).matches()) {
            endRecord();
            Section s = section(line.number());
            s.content = true;
            long n = Long.parseUnsignedLong(m.group(2), 16);
            if (m.group(1).equals("Parsed")) {
                s.parsed = n;
                return true;
            }
            s.reported = n;
            flush();
            return true;
        }
        if (NEW_TRACES.matcher(t).matches() || t.startsWith("Outstanding handles opened since")
                || t.startsWith("Ignoring handles that were already closed")) {
            endRecord();
            Section s = section(line.number());
            s.kind = HtraceKind.DIFF;
            s.content = true;
            return true;
        }
        if (STATUS.matcher(t).matches()) {
            return true;
        }
        if ((m = KERNEL_PROCESS.matcher(t)).matches() && (section == null || section.records.isEmpty())) {
            section(line.number()).targetEprocess = Hex.parse(m.group(1));
            return true;
        }
        if (section != null && KERNEL_OBJECT_TABLE.matcher(t).matches()) {
            return true;
        }
        return section != null && (t.isEmpty() || t.equals("...")) && skipInSection(line);
    }

    /** Elisions and symbol warnings appear inside stacks; they do not end the record. */
    private boolean skipInSection(Line line) {
        if (!line.text().isEmpty()) {
            ctx.skip(line);
        }
        return true;
    }

    /** {@code ntdll!ZwOpenKey+0x0000000c}, {@code KERNEL32+0x1234}, {@code +0x00101991}, {@code foo!bar}. */
    static StackFrame frame(long address, String text) {
        Matcher s = SYMBOL.matcher(text);
        if (!s.matches()) {
            return new StackFrame(address, null, null, null, text);
        }
        String module = s.group(1).isEmpty() ? null : s.group(1);
        String function = s.group(2) == null || s.group(2).isEmpty() ? null : s.group(2);
        Long offset = s.group(3) == null ? null : Hex.parse(s.group(3));
        return new StackFrame(address, module, function, offset, text);
    }

    private void endRecord() {
        if (record != null && section != null) {
            section.records.add(record.build());
        }
        record = null;
    }

    @Override
    String incompleteAtEndOfInput() {
        if (record != null && !record.build().complete()) {
            return "!htrace record at line " + record.line + " (handle 0x" + Long.toHexString(record.handle)
                    + ") is cut off";
        }
        return null;
    }

    @Override
    void flush() {
        endRecord();
        Section s = section;
        section = null;
        if (s == null || !s.content) {
            return;
        }
        ProcessRef target = s.targetEprocess != null ? ProcessRef.ofEprocess(s.targetEprocess) : ctx.debuggee();
        HtraceSection out = new HtraceSection(s.kind, target, s.handleFilter, s.records, s.reported, s.parsed, s.line);
        if (s.reported != null && s.reported != s.records.size()) {
            ctx.warn("!htrace output at line " + s.line + ": the debugger reported " + s.reported
                    + " stack traces, " + s.records.size() + " records are in the text (elided or cut output)");
        }
        ctx.blocks++;
        ctx.listener.htraceSection(out);
    }
}
