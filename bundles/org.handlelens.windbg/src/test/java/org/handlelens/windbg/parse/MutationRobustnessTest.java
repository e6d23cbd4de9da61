package org.handlelens.windbg.parse;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

/**
 * Damaged variants of the real samples (lines dropped, duplicated, cut, characters replaced, long digit
 * runs) must parse or fail with {@link WinDbgParseException}, never with another exception.
 */
class MutationRobustnessTest {
    private static final String ALPHABET = "0123456789abcdefABCDEF`:=-!()<>.,*# \tx";

    @Test
    void mutatedSamplesNeverCrashTheParser() throws Exception {
        List<Path> samples = List.of(SharedData.seed004(), SharedData.windbg("handle-examples-docs.txt"),
                SharedData.windbg("htrace-kernel-x86-docs.txt"),
                SharedData.windbg("htrace-user-x86-cppresourceleaks.txt"),
                SharedData.windbg("process-0-0-examples-docs.txt"),
                SharedData.windbg("verifier-stop-htrace-x64-uiforetw55.txt"));
        Random random = new Random(20261123);
        for (Path sample : samples) {
            List<String> lines = Files.readAllLines(sample, StandardCharsets.UTF_8);
            for (int iteration = 0; iteration < 400; iteration++) {
                String text = String.join("\n", mutate(lines, random));
                try {
                    WinDbgLog.read(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), "mutant.txt");
                } catch (WinDbgParseException expected) {
                    // a clear rejection is fine
                } catch (RuntimeException e) {
                    AssertionError error = new AssertionError("crash on a mutant of " + sample.getFileName()
                            + " (iteration " + iteration + "):\n" + text, e);
                    fail(error);
                }
            }
        }
    }

    private static List<String> mutate(List<String> original, Random random) {
        List<String> lines = new ArrayList<>(original);
        int edits = 1 + random.nextInt(6);
        for (int e = 0; e < edits && !lines.isEmpty(); e++) {
            int i = random.nextInt(lines.size());
            String line = lines.get(i);
            switch (random.nextInt(6)) {
                case 0 -> lines.remove(i);
                case 1 -> lines.add(i, line);
                case 2 -> lines.set(i, line.substring(0, random.nextInt(line.length() + 1)));
                case 3 -> {
                    if (!line.isEmpty()) {
                        int at = random.nextInt(line.length());
                        char c = ALPHABET.charAt(random.nextInt(ALPHABET.length()));
                        lines.set(i, line.substring(0, at) + c + line.substring(at + 1));
                    }
                }
                case 4 -> {
                    // long digit runs overflow naive number parsing
                    int at = random.nextInt(line.length() + 1);
                    lines.set(i, line.substring(0, at) + "9".repeat(10 + random.nextInt(30)) + line.substring(at));
                }
                default -> lines.subList(i, lines.size()).clear();
            }
        }
        return lines;
    }
}
