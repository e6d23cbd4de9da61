package org.handlelens.etw;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parses the shared {@code *.summary.txt} cross-check files (used for compressed ETLs). */
record SummaryFile(Map<String, String> fields, Map<String, Long> byKey, long buffers, long events) {
    private static final Pattern COUNT = Pattern.compile("^\\s+(\\d+) (.*)$");
    private static final Pattern HOOK = Pattern.compile("\\(hook 0x([0-9a-f]{4})\\)");
    private static final Pattern PROVIDER = Pattern.compile("^provider ([0-9a-f-]{36}) id(\\d+) .*");
    private static final Pattern CLASSIC = Pattern.compile("^classic ([0-9a-f-]{36}) type(\\d+) .*");
    private static final Pattern FIELD = Pattern.compile("([A-Za-z.()]+)=(\\S+)");
    private static final Pattern TOTALS = Pattern.compile("buffers=(\\d+) events=(\\d+)");

    static SummaryFile read(Path p) throws IOException {
        Map<String, String> fields = new HashMap<>();
        Map<String, Long> keys = new TreeMap<>();
        long buffers = -1;
        long events = -1;
        long pseudo = 0;
        for (String line : Files.readAllLines(p)) {
            if (line.startsWith("#")) {
                continue;
            }
            Matcher c = COUNT.matcher(line);
            if (c.matches()) {
                long n = Long.parseLong(c.group(1));
                String what = c.group(2);
                Matcher m;
                String key;
                if ((m = HOOK.matcher(what)).find()) {
                    key = "kernel 0x" + m.group(1);
                } else if ((m = PROVIDER.matcher(what)).matches()) {
                    key = "provider " + m.group(1) + " id" + m.group(2);
                } else if ((m = CLASSIC.matcher(what)).matches()) {
                    key = "classic " + m.group(1) + " type" + m.group(2);
                } else if (what.startsWith("<compressed buffer")) {
                    pseudo += n; // not an event: the scanner's per-buffer marker
                    continue;
                } else {
                    throw new IOException("unknown summary line: " + line);
                }
                keys.merge(key, n, Long::sum);
                continue;
            }
            Matcher t = TOTALS.matcher(line);
            if (line.startsWith("==") && t.find()) {
                buffers = Long.parseLong(t.group(1));
                events = Long.parseLong(t.group(2)) - 0; // adjusted below
                continue;
            }
            Matcher f = FIELD.matcher(line);
            while (f.find()) {
                fields.putIfAbsent(f.group(1), f.group(2));
            }
        }
        return new SummaryFile(fields, keys, buffers, events - pseudo);
    }
}
