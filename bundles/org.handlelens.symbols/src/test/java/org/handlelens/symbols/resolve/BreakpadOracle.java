package org.handlelens.symbols.resolve;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** FUNC and PUBLIC records of a Breakpad .sym file. */
final class BreakpadOracle {
    record Func(long rva, long sizeBytes, String name) {
    }

    record Public(long rva, String name) {
    }

    final List<Func> funcs = new ArrayList<>();
    final List<Public> publics = new ArrayList<>();

    static BreakpadOracle read(Path sym) throws IOException {
        BreakpadOracle o = new BreakpadOracle();
        for (String line : Files.readAllLines(sym)) {
            String[] t = line.split(" ");
            if (t[0].equals("FUNC")) {
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
