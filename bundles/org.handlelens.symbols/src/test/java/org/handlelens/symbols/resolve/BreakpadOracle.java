package org.handlelens.symbols.resolve;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** FILE, FUNC, line and PUBLIC records of a Breakpad .sym file. */
final class BreakpadOracle {
    /** A line record ({@code address size line filenum} after a FUNC), with the file resolved. */
    record Line(long rva, long sizeBytes, int line, String file) {
    }

    record Func(long rva, long sizeBytes, String name) {
    }

    record Public(long rva, String name) {
    }

    final List<Func> funcs = new ArrayList<>();
    final List<Public> publics = new ArrayList<>();
    final List<Line> lines = new ArrayList<>();

    static BreakpadOracle read(Path sym) throws IOException {
        BreakpadOracle o = new BreakpadOracle();
        java.util.Map<Integer, String> files = new java.util.HashMap<>();
        for (String line : Files.readAllLines(sym)) {
            String[] t = line.split(" ");
            if (t[0].equals("FILE")) {
                files.put(Integer.parseInt(t[1]), line.substring(line.indexOf(' ', 5) + 1));
            } else if (t.length == 4 && t[0].matches("[0-9a-f]+")) {
                o.lines.add(new Line(Long.parseLong(t[0], 16), Long.parseLong(t[1], 16), Integer.parseInt(t[2]),
                        files.get(Integer.parseInt(t[3]))));
            } else if (t[0].equals("FUNC")) {
                int i = t[1].equals("m") ? 2 : 1;
                String name = String.join(" ", List.of(t).subList(i + 3, t.length));
                o.funcs.add(new Func(Long.parseLong(t[i], 16), Long.parseLong(t[i + 1], 16), name));
            } else if (t[0].equals("PUBLIC")) {
                int i = t[1].equals("m") ? 2 : 1;
                o.publics.add(new Public(Long.parseLong(t[i], 16), String.join(" ", List.of(t).subList(i + 2, t.length))));
            }
        }
        return o;
    }

    /**
     * Breakpad prints DIA's undecorated name: with parameter list, "static" and a return type for file-static
     * functions, and C names without one leading underscore. Reduce it to the bare qualified name.
     */
    static String bareName(String name) {
        String n = name;
        if (n.endsWith(")")) {
            int depth = 0;
            for (int i = n.length() - 1; i >= 0; i--) {
                char c = n.charAt(i);
                if (c == ')') {
                    depth++;
                } else if (c == '(' && --depth == 0) {
                    n = n.substring(0, i);
                    break;
                }
            }
        }
        if (n.startsWith("static ")) {
            n = n.substring(7).trim();
            int tick = n.indexOf('`');
            int space = (tick < 0 ? n : n.substring(0, tick)).lastIndexOf(' ');
            if (space >= 0) {
                n = n.substring(space + 1);
            }
        }
        return n;
    }
}
