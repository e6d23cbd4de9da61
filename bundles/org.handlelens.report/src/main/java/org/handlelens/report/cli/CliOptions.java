package org.handlelens.report.cli;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Parsed options of one subcommand: {@code --flag}, {@code --opt value} or {@code --opt=value}, and
 * positional arguments. Only the options a command declares are accepted.
 */
final class CliOptions {
    private final Map<String, String> values = new HashMap<>();
    private final List<String> positional = new ArrayList<>();

    private CliOptions() {
    }

    /**
     * @param flags   options without a value
     * @param valued  options taking a value
     */
    static CliOptions parse(String command, String[] args, int from, Set<String> flags, Set<String> valued)
            throws UsageException {
        CliOptions o = new CliOptions();
        boolean onlyPositional = false;
        for (int i = from; i < args.length; i++) {
            String a = args[i];
            if (!onlyPositional && !a.startsWith("--") && valued.contains(a)) {
                // declared short option with a value, e.g. -o DIR
                if (i + 1 >= args.length) {
                    throw new UsageException("option " + a + " needs a value");
                }
                if (o.values.containsKey(a)) {
                    throw new UsageException("option " + a + " given twice");
                }
                o.values.put(a, args[++i]);
                continue;
            }
            if (onlyPositional || !a.startsWith("--") || a.equals("-")) {
                if (!onlyPositional && a.startsWith("-") && a.length() > 1 && !a.equals("-")) {
                    throw new UsageException("unknown option '" + a + "' for '" + command + "'");
                }
                o.positional.add(a);
                continue;
            }
            if (a.equals("--")) {
                onlyPositional = true;
                continue;
            }
            String name = a;
            String value = null;
            int eq = a.indexOf('=');
            if (eq > 0) {
                name = a.substring(0, eq);
                value = a.substring(eq + 1);
            }
            if (flags.contains(name)) {
                if (value != null) {
                    throw new UsageException("option " + name + " takes no value");
                }
                o.values.put(name, "true");
            } else if (valued.contains(name)) {
                if (value == null) {
                    if (i + 1 >= args.length) {
                        throw new UsageException("option " + name + " needs a value");
                    }
                    value = args[++i];
                }
                if (o.values.containsKey(name)) {
                    throw new UsageException("option " + name + " given twice");
                }
                o.values.put(name, value);
            } else {
                throw new UsageException("unknown option '" + name + "' for '" + command + "'");
            }
        }
        return o;
    }

    boolean flag(String name) {
        return values.containsKey(name);
    }

    String value(String name) {
        return values.get(name);
    }

    List<String> positional() {
        return positional;
    }

    /** The single FILE argument. */
    String singleFile(String command) throws UsageException {
        if (positional.size() != 1) {
            throw new UsageException("'" + command + "' needs exactly one FILE, got " + positional.size());
        }
        return positional.get(0);
    }
}
