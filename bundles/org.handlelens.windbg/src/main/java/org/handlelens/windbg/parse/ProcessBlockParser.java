package org.handlelens.windbg.parse;

import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code PROCESS <addr>} blocks, token-wise: the {@code key: value} pairs may be split over lines in
 * any way (pasted output is often re-wrapped); {@code Image:} runs to the end of its line and ends
 * the block.
 */
final class ProcessBlockParser extends BlockParser {
    private static final Pattern HEADER = Pattern.compile("^PROCESS\\s+([0-9a-fA-F`]{1,17})(?:\\s+(.*))?$");
    private static final Pattern FIELD = Pattern.compile(
            "(SessionId|Cid|Peb|ParentCid|DirBase|ObjectTable|HandleCount|TableSize):\\s*(<[^>]*>|[0-9A-Za-z`]+)\\s*\\.?");
    private static final String IMAGE = "Image:";

    private Long address;
    private int headerLine;
    private final Map<String, String> fields = new HashMap<>();

    ProcessBlockParser(ParseContext ctx) {
        super(ctx);
    }

    @Override
    boolean offer(Line line) {
        String t = line.text();
        Matcher h = t.startsWith("PROCESS") ? HEADER.matcher(t) : null;
        if (h != null && h.matches()) {
            Long addr = Hex.parse(h.group(1));
            if (addr == null) {
                return false;
            }
            flush();
            address = addr;
            headerLine = line.number();
            String rest = h.group(2);
            if (rest != null && !rest.isBlank() && !addFields(rest)) {
                ctx.skip(line); // header with unknown trailing text: keep the header
            }
            return true;
        }
        if (address == null) {
            return false;
        }
        return addFields(t);
    }

    /** Adds the pairs of one line; false (nothing added) when the line holds anything else. */
    private boolean addFields(String text) {
        int imageAt = text.indexOf(IMAGE);
        String pairs = imageAt >= 0 ? text.substring(0, imageAt) : text;
        Matcher m = FIELD.matcher(pairs);
        Map<String, String> found = new HashMap<>();
        StringBuilder rest = new StringBuilder();
        int last = 0;
        while (m.find()) {
            rest.append(pairs, last, m.start());
            last = m.end();
            found.put(m.group(1), m.group(2));
        }
        rest.append(pairs.substring(last));
        if (!rest.toString().isBlank() || (found.isEmpty() && imageAt < 0)) {
            return false;
        }
        fields.putAll(found);
        if (imageAt >= 0) {
            fields.put("Image", text.substring(imageAt + IMAGE.length()).strip());
            flush();
        }
        return true;
    }

    @Override
    String incompleteAtEndOfInput() {
        return address != null ? "PROCESS block at line " + headerLine + " ends without its Image line" : null;
    }

    @Override
    void flush() {
        if (address == null) {
            return;
        }
        Long handleCount = number(fields.get("HandleCount"));
        if (handleCount == null) {
            handleCount = number(fields.get("TableSize"));
        }
        String session = fields.get("SessionId");
        Long sessionId = session == null || session.equalsIgnoreCase("none") ? null : Hex.parseDecimal(session);
        String image = fields.get("Image");
        WinDbgProcess p = new WinDbgProcess(address, Hex.parse(fields.get("Cid")), Hex.parse(fields.get("ParentCid")),
                sessionId == null ? null : sessionId.intValue(), Hex.parse(fields.get("Peb")),
                Hex.parse(fields.get("DirBase")), Hex.parse(fields.get("ObjectTable")), handleCount,
                image == null || image.isEmpty() ? null : image, headerLine);
        address = null;
        fields.clear();
        ctx.blocks++;
        ctx.processSeen(p.ref());
        ctx.listener.process(p);
    }

    /** Decimal count; null for {@code <Data Not Accessible>} and other non-numbers. */
    private static Long number(String value) {
        return value == null || value.startsWith("<") ? null : Hex.parseDecimal(value);
    }
}
