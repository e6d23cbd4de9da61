package org.handlelens.report.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

/**
 * The help topic "Command line" (bundle org.handlelens.help) quotes the CLI's usage; this keeps the two
 * from drifting apart: the topic's usage block is the first lines of {@link HandleLensCli#USAGE}, and every
 * option the usage names (plus {@code --no-index}, which every command takes) is explained on the page.
 */
class UsageDocumentedTest {
    private static final Pattern PRE_USAGE = Pattern.compile("<pre>(Usage:.*?)</pre>", Pattern.DOTALL);
    private static final Pattern OPTION = Pattern.compile("(?<![\\w-])--?[a-z][a-z-]*");

    @Test
    void helpTopicQuotesTheUsage() throws IOException {
        String html = Files.readString(helpTopic(), StandardCharsets.UTF_8);
        Matcher pre = PRE_USAGE.matcher(html);
        assertTrue(pre.find(), "command-line.html has a <pre>Usage: block");
        List<String> quoted = pre.group(1).lines().toList();
        List<String> usage = HandleLensCli.USAGE.lines().toList();
        assertTrue(quoted.size() > 5, "the usage block lists the commands: " + quoted);
        assertEquals(usage.subList(0, quoted.size()), quoted,
                "the help topic's usage block differs from HandleLensCli.USAGE; copy the new usage into "
                        + helpTopic());
    }

    @Test
    void everyOptionIsExplained() throws IOException {
        String html = Files.readString(helpTopic(), StandardCharsets.UTF_8);
        Set<String> options = new TreeSet<>(options(HandleLensCli.USAGE));
        options.add("--no-index");
        assertTrue(options.containsAll(Set.of("--json", "--group-by", "--symbol-path", "--from-snapshot", "-o")),
                "options found in the usage: " + options);
        List<String> missing = new ArrayList<>();
        for (String option : options) {
            if (!html.contains("<code>" + option) && !html.contains(" " + option + " ")
                    && !html.contains("[" + option)) {
                missing.add(option);
            }
        }
        assertEquals(List.of(), missing, "options of the usage not on the help page " + helpTopic());
    }

    /** Options of the synopsis lines and of the explanation lines that start with one (not "!htrace -enable"). */
    private static Set<String> options(String usage) {
        Set<String> out = new TreeSet<>();
        boolean synopsis = true;
        for (String line : usage.lines().toList()) {
            synopsis &= !line.startsWith("FILE ");
            String text = synopsis ? line : line.strip().startsWith("-") ? line.strip().split(" ")[0] : "";
            Matcher m = OPTION.matcher(text);
            while (m.find()) {
                out.add(m.group());
            }
        }
        return out;
    }

    /** The topic in the source tree: found from the working folder (the bundle under Tycho, the checkout under dev/jtest). */
    private static Path helpTopic() {
        Path relative = Path.of("bundles", "org.handlelens.help", "html", "command-line.html");
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve(relative))) {
                return dir.resolve(relative);
            }
        }
        throw new AssertionError("no " + relative + " above " + Path.of("").toAbsolutePath());
    }
}
