package org.handlelens.symbols.pdb;

import org.handlelens.symbols.ExternalTools;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parses {@code llvm-pdbutil-19 dump -publics -symbols} output into comparable strings. */
final class LlvmPdbUtilOracle {
    private static final Pattern REC = Pattern.compile("^\\s*\\d+ \\| (S_\\w+) \\[size = \\d+\\] `(.*)`$");
    private static final Pattern ADDR = Pattern.compile("addr = (\\d{4}):(\\d+)");
    private static final Pattern CODE = Pattern.compile("code size = (\\d+)");

    /** Public records as "seg:off name" and procedure records as "seg:off size name". */
    record Dump(List<String> publics, List<String> procedures) {
    }

    /** S_GDATA32/S_LDATA32 records of {@code dump -globals} as "KIND name". */
    static List<String> globalData(Path pdb) throws Exception {
        ExternalTools.Result r = ExternalTools.run(null, tool().toString(), "dump", "-globals", pdb.toString());
        if (r.exitCode() != 0) {
            throw new IllegalStateException("llvm-pdbutil failed: " + r.stderr());
        }
        List<String> out = new ArrayList<>();
        for (String line : r.stdout().split("\n")) {
            Matcher m = REC.matcher(line);
            if (m.matches() && m.group(1).matches("S_[GL]DATA32")) {
                out.add(m.group(1) + " " + m.group(2));
            }
        }
        return out;
    }

    static Path tool() {
        return ExternalTools.find("llvm-pdbutil-19");
    }

    static Dump dump(Path pdb) throws Exception {
        ExternalTools.Result r = ExternalTools.run(null, tool().toString(), "dump", "-publics", "-symbols", pdb.toString());
        if (r.exitCode() != 0) {
            throw new IllegalStateException("llvm-pdbutil failed: " + r.stderr());
        }
        List<String> publics = new ArrayList<>();
        List<String> procs = new ArrayList<>();
        String[] lines = r.stdout().split("\n");
        for (int i = 0; i < lines.length - 1; i++) {
            Matcher m = REC.matcher(lines[i]);
            if (!m.matches()) {
                continue;
            }
            String kind = m.group(1);
            Matcher a = ADDR.matcher(lines[i + 1]);
            if (!a.find()) {
                continue;
            }
            String addr = Integer.parseInt(a.group(1)) + ":" + Long.parseLong(a.group(2));
            if (kind.equals("S_PUB32")) {
                publics.add(addr + " " + m.group(2));
            } else if (kind.matches("S_[GL]PROC32(_ID)?")) {
                Matcher c = CODE.matcher(lines[i + 1]);
                if (c.find()) {
                    procs.add(addr + " " + c.group(1) + " " + m.group(2));
                }
            }
        }
        return new Dump(publics, procs);
    }
}
