package org.handlelens.windbg.parse;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * User-mode {@code !handle}: {@code Handle 8} blocks with {@code Type}, {@code Attributes},
 * {@code GrantedAccess} (plus decoded rights lines), counts, {@code Name} and "Object Specific
 * Information" lines (space or TAB separated), and the {@code N Handles} / {@code Type Count} summary.
 */
final class UserHandleParser extends BlockParser {
    private static final Pattern START = Pattern.compile("^Handle\\s+(?:0x)?([0-9a-fA-F`]{1,17})$");
    private static final Pattern KEY = Pattern.compile(
            "^(Type|Attributes|GrantedAccess|HandleCount|PointerCount|Name)(?:\\s+(.*))?$");
    private static final Pattern OBJECT_INFO = Pattern.compile("^Object [Ss]pecific [Ii]nformation:?$");
    private static final Pattern TOTAL = Pattern.compile("^(\\d{1,18}) Handles$");
    private static final Pattern SUMMARY_HEADER = Pattern.compile("^Type\\s+Count$");
    private static final Pattern SUMMARY_ROW = Pattern.compile("^(\\S.*?)\\s+(\\d{1,18})$");
    private static final Pattern RIGHTS = Pattern.compile("^[A-Za-z][A-Za-z0-9_ ]*(?:,\\s*[A-Za-z][A-Za-z0-9_ ]*)*$");

    private enum Part { FIELDS, RIGHTS, OBJECT_INFO }

    private Handle handle;
    private Part part;
    private Summary summary;

    UserHandleParser(ParseContext ctx) {
        super(ctx);
    }

    private static final class Handle {
        long value;
        String type;
        Long attributes;
        Long access;
        List<String> rights = new ArrayList<>();
        Long handleCount;
        Long pointerCount;
        String name;
        List<String> info = new ArrayList<>();
        int line;
    }

    private static final class Summary {
        long total;
        Map<String, Long> counts = new LinkedHashMap<>();
        int line;
    }

    @Override
    boolean offer(Line line) {
        String t = line.text();
        Matcher m;
        if (t.startsWith("Handle") && (m = START.matcher(t)).matches() && Hex.parse(m.group(1)) != null) {
            flush();
            handle = new Handle();
            handle.value = Hex.parse(m.group(1));
            handle.line = line.number();
            part = Part.FIELDS;
            return true;
        }
        if (t.endsWith(" Handles") && (m = TOTAL.matcher(t)).matches()) {
            flush();
            summary = new Summary();
            summary.total = Long.parseLong(m.group(1));
            summary.line = line.number();
            return true;
        }
        if (summary != null) {
            if (SUMMARY_HEADER.matcher(t).matches()) {
                return true;
            }
            if ((m = SUMMARY_ROW.matcher(t)).matches()) {
                summary.counts.merge(m.group(1), Long.parseLong(m.group(2)), Long::sum);
                return true;
            }
            return false;
        }
        if (handle == null) {
            return false;
        }
        if ((m = KEY.matcher(t)).matches() && part != Part.OBJECT_INFO) {
            String value = m.group(2) == null ? "" : m.group(2).strip();
            part = Part.FIELDS;
            switch (m.group(1)) {
                case "Type" -> handle.type = value.isEmpty() ? null : value;
                case "Attributes" -> handle.attributes = Hex.parse(value);
                case "GrantedAccess" -> {
                    boolean rightsFollow = value.endsWith(":");
                    handle.access = Hex.parse(rightsFollow ? value.substring(0, value.length() - 1) : value);
                    part = rightsFollow ? Part.RIGHTS : Part.FIELDS;
                }
                case "HandleCount" -> handle.handleCount = Hex.parseDecimal(value);
                case "PointerCount" -> handle.pointerCount = Hex.parseDecimal(value);
                case "Name" -> handle.name = value.isEmpty() || value.equals("<none>") ? null : value;
                default -> throw new IllegalStateException(m.group(1));
            }
            return true;
        }
        if (OBJECT_INFO.matcher(t).matches()) {
            part = Part.OBJECT_INFO;
            return true;
        }
        if (part == Part.RIGHTS && line.indented() && RIGHTS.matcher(t).matches()) {
            for (String r : t.split(",")) {
                if (!r.isBlank()) {
                    handle.rights.add(r.strip());
                }
            }
            return true;
        }
        if (part == Part.OBJECT_INFO && line.indented() && !t.isEmpty()) {
            handle.info.add(t);
            return true;
        }
        return false;
    }

    @Override
    void flush() {
        if (handle != null) {
            Handle h = handle;
            handle = null;
            ctx.blocks++;
            ctx.listener.handle(new WinDbgHandle(ctx.debuggee(), HandleListing.USER, h.value, null, h.access, h.rights,
                    List.of(), null, h.type, null, null, h.handleCount, h.pointerCount, null, h.name, h.attributes,
                    h.info, false, h.line));
        }
        if (summary != null) {
            Summary s = summary;
            summary = null;
            ctx.blocks++;
            ctx.listener.handleTypeSummary(new HandleTypeSummary(ctx.debuggee(), s.total, s.counts, s.line));
        }
    }
}
