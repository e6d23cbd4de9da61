package org.handlelens.symbols.pdb;

import org.handlelens.symbols.ExternalTools;
import org.junit.jupiter.api.Assumptions;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Parses {@code llvm-pdbutil-19 dump -l} (C13 line blocks per module) and checks {@link PdbFile#lineTable}
 * against it.
 */
public final class LlvmLinesOracle {
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

    /**
     * Every entry of every {@code llvm-pdbutil dump -l} block, the middle of each entry's byte range, the last
     * byte of each block and the first byte after it; returns the number of addresses checked.
     */
    public static int assertMatches(Path pdbPath) throws Exception {
        Assumptions.assumeTrue(LlvmPdbUtilOracle.tool() != null, "llvm-pdbutil-19 not installed (apt-get install llvm-19)");
        List<LlvmLinesOracle.Block> blocks = LlvmLinesOracle.dump(pdbPath);
        assertTrue(blocks.size() > 0, "llvm-pdbutil found no line blocks in " + pdbPath);
        try (PdbFile pdb = PdbFile.open(pdbPath)) {
            Map<Integer, LineTable> tables = new HashMap<>();
            // RVAs where some block starts: there the next block's first line applies, not "no line"
            Map<Long, Integer> starts = new HashMap<>();
            for (LlvmLinesOracle.Block b : blocks) {
                starts.merge(pdb.toRva(b.segment(), b.start()), 1, Integer::sum);
            }
            int checked = 0;
            for (LlvmLinesOracle.Block b : blocks) {
                LineTable t = tables.computeIfAbsent(b.module(), m -> {
                    try {
                        return pdb.lineTable(pdb.modules().get(m));
                    } catch (Exception e) {
                        throw new AssertionError(e);
                    }
                });
                if (starts.get(pdb.toRva(b.segment(), b.start())) > 1) {
                    continue; // identical code folded: several functions' lines at one address, any may win
                }
                List<LlvmLinesOracle.Entry> es = b.entries();
                for (int i = 0; i < es.size(); i++) {
                    long from = es.get(i).offset();
                    long to = i + 1 < es.size() ? es.get(i + 1).offset() : b.end();
                    if (to <= from) {
                        continue; // zero-length entry: the next one at the same offset wins
                    }
                    int line = es.get(i).line();
                    for (long off : new long[] {from, from + (to - from) / 2, to - 1}) {
                        SourceLine got = t.lookup(pdb.toRva(b.segment(), off));
                        String where = pdbPath.getFileName() + " module " + b.module() + " " + b.segment() + ":"
                                + Long.toHexString(off);
                        if (line == 0) {
                            assertNull(got, where + " is hidden code (ASI/NSI)");
                        } else {
                            assertEquals(b.file() + ":" + line, got == null ? null : got.display(), where);
                        }
                        checked++;
                    }
                }
                long after = pdb.toRva(b.segment(), b.end());
                if (!starts.containsKey(after)) {
                    assertNull(t.lookup(after), pdbPath.getFileName() + " first byte after block "
                            + b.segment() + ":" + Long.toHexString(b.end()) + " has no line");
                    checked++;
                }
            }
            return checked;
        }
    }
}
