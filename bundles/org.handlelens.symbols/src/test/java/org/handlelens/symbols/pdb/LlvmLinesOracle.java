package org.handlelens.symbols.pdb;

import org.handlelens.symbols.ExternalTools;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parses {@code llvm-pdbutil-19 dump -l} (C13 line blocks per module) into comparable values. */
final class LlvmLinesOracle {
    private static final Pattern MOD = Pattern.compile("^Mod (\\d{4}) \\| `.*`:\\s*$");
    private static final Pattern FILE = Pattern.compile("^(\\S.*?) \\((?:MD5|SHA1|SHA256): [0-9A-F]+\\)$|^(\\S.*?) \\(no checksum\\)$");
    private static final Pattern RANGE = Pattern.compile("^  (\\d{4}):([0-9A-F]{8})-([0-9A-F]{8}), line/(?:column/)?addr entries = (\\d+)$");
    private static final Pattern ENTRY = Pattern.compile("\\s*(\\d+|ASI|NSI) ([0-9A-F]{8})");

    /** One line/address pair; {@code line} 0 for ASI/NSI (hidden code). */
    record Entry(long offset, int line) {
    }

    /** One line block: module, file, segment, code range [start, end) and its entries. */
    record Block(int module, String file, int segment, long start, long end, List<Entry> entries) {
    }

    static List<Block> dump(Path pdb) throws Exception {
        ExternalTools.Result r = ExternalTools.run(null, LlvmPdbUtilOracle.tool().toString(), "dump", "-l", pdb.toString());
        if (r.exitCode() != 0) {
            throw new IllegalStateException("llvm-pdbutil failed: " + r.stderr());
        }
        List<Block> out = new ArrayList<>();
        int module = -1;
        String file = null;
        String[] lines = r.stdout().split("\n");
        for (int i = 0; i < lines.length; i++) {
            Matcher m = MOD.matcher(lines[i]);
            if (m.matches()) {
                module = Integer.parseInt(m.group(1));
                continue;
            }
            Matcher f = FILE.matcher(lines[i]);
            if (f.matches()) {
                file = f.group(1) != null ? f.group(1) : f.group(2);
                continue;
            }
            Matcher g = RANGE.matcher(lines[i]);
            if (!g.matches()) {
                continue;
            }
            int count = Integer.parseInt(g.group(4));
            List<Entry> entries = new ArrayList<>();
            while (entries.size() < count && i + 1 < lines.length) {
                Matcher e = ENTRY.matcher(lines[++i]);
                while (e.find()) {
                    String l = e.group(1);
                    entries.add(new Entry(Long.parseLong(e.group(2), 16), l.matches("\\d+") ? Integer.parseInt(l) : 0));
                }
            }
            out.add(new Block(module, file, Integer.parseInt(g.group(1)), Long.parseLong(g.group(2), 16),
                    Long.parseLong(g.group(3), 16), entries));
        }
        return out;
    }
}
