package org.handlelens.windbg.parse;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Application Verifier stop text; it also tells which process is the debuggee. */
final class VerifierStopParser extends BlockParser {
    private static final Pattern START = Pattern.compile(
            "^VERIFIER STOP ([0-9a-fA-F`]{1,17}): pid 0x([0-9a-fA-F]{1,16}):\\s*(.*)$");
    private static final Pattern PARAMETER = Pattern.compile("^([0-9a-fA-F`]{1,17})\\s*:\\s*(.*)$");
    private static final Pattern FRAME_LINE = Pattern.compile("^=+$");

    private Long code;
    private long pid;
    private String message;
    private final List<VerifierStop.Parameter> parameters = new ArrayList<>();
    private int line;

    VerifierStopParser(ParseContext ctx) {
        super(ctx);
    }

    @Override
    boolean offer(Line l) {
        String t = l.text();
        Matcher m = t.startsWith("VERIFIER STOP") ? START.matcher(t) : null;
        if (m != null && m.matches()) {
            if (Hex.parse(m.group(1)) == null) {
                return false;
            }
            flush();
            code = Hex.parse(m.group(1));
            pid = Hex.parse(m.group(2));
            message = m.group(3).strip();
            line = l.number();
            ctx.debuggeePid = pid;
            return true;
        }
        if (code == null) {
            return false;
        }
        if ((m = PARAMETER.matcher(t)).matches() && parameters.size() < 4) {
            // the pattern also admits values Hex rejects (only backticks, over 64 bits): not a parameter then
            Long value = Hex.parse(m.group(1));
            if (value != null) {
                parameters.add(new VerifierStop.Parameter(value, m.group(2).strip()));
                return true;
            }
        }
        return t.isEmpty() || FRAME_LINE.matcher(t).matches() || t.equals("This verifier stop is continuable.")
                || t.equals("This verifier stop is not continuable. Process will be terminated")
                || t.startsWith("After debugging it use `go' to continue");
    }

    @Override
    void flush() {
        if (code == null) {
            return;
        }
        VerifierStop stop = new VerifierStop(code, pid, message, parameters, line);
        code = null;
        parameters.clear();
        ctx.listener.verifierStop(stop);
    }
}
