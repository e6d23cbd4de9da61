package org.handlelens.windbg.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The same debugger output written by other debugger versions and settings must parse to the same
 * records: each real log of {@code ../shared/testdata/windbg} (and seed 004) is transformed the way
 * another WinDbg/kd/cdb/lkd session, {@code .logopen /u}, or a Windows editor would have written it, and
 * the parse result is compared with the original's.
 */
class LogVariationTest {
    private static final List<String> LOGS = List.of("handle-examples-docs.txt", "htrace-kernel-x86-docs.txt",
            "htrace-user-x86-cppresourceleaks.txt", "process-0-0-examples-docs.txt",
            "verifier-stop-htrace-x64-uiforetw55.txt");
    /** A debugger prompt at the start of a line (user-mode {@code 0:000>}, kernel {@code kd>}, {@code 0: kd>}). */
    private static final Pattern PROMPT_AT_START = Pattern.compile("(?m)^(?:\\d+:\\d+>|(?:\\d+: )?kd>)");
    /** A 16-digit hex number standing alone (x64 addresses as {@code !handle} and {@code !process} print them). */
    private static final Pattern HEX16 = Pattern.compile("(?<![0-9A-Za-z`])([0-9a-fA-F]{8})([0-9a-fA-F]{8})(?![0-9A-Za-z`])");

    static Stream<Arguments> logs() {
        Stream<Path> paths = Stream.concat(LOGS.stream().map(SharedData::windbg), Stream.of(SharedData.seed004()));
        return paths.map(Arguments::of);
    }

    private static WinDbgLog parse(byte[] bytes) throws IOException {
        return WinDbgLog.read(new ByteArrayInputStream(bytes), "variant.txt");
    }

    private static byte[] encode(String text, Charset cs, byte... bom) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(bom);
        out.writeBytes(text.getBytes(cs));
        return out.toByteArray();
    }

    private static String text(Path log) throws IOException {
        return Files.readString(log, StandardCharsets.UTF_8);
    }

    private static void assertSameParse(Path log, String variant, byte[] bytes) throws IOException {
        WinDbgLog expected = parse(Files.readAllBytes(log));
        WinDbgLog actual = parse(bytes);
        assertTrue(expected.summary().blockCount() > 0, log + " has blocks");
        assertEquals(expected, actual, variant + " of " + log.getFileName());
    }

    @ParameterizedTest
    @MethodSource("logs")
    void utf16WithByteOrderMark(Path log) throws IOException {
        // .logopen /u writes UTF-16LE with a BOM; CRLF as every Windows tool does
        String crlf = text(log).replace("\n", "\r\n");
        assertSameParse(log, "UTF-16LE+BOM", encode(crlf, StandardCharsets.UTF_16LE, (byte) 0xFF, (byte) 0xFE));
        assertSameParse(log, "UTF-16BE+BOM", encode(crlf, StandardCharsets.UTF_16BE, (byte) 0xFE, (byte) 0xFF));
    }

    @ParameterizedTest
    @MethodSource("logs")
    void utf16WithoutByteOrderMark(Path log) throws IOException {
        // output saved by a tool that writes UTF-16 without a BOM (PowerShell's Out-File -Encoding Unicode
        // slices, copy/paste through clipboard dumps): recognised by the NUL byte of every ASCII char
        assertSameParse(log, "UTF-16LE", encode(text(log), StandardCharsets.UTF_16LE));
        assertSameParse(log, "UTF-16BE", encode(text(log), StandardCharsets.UTF_16BE));
    }

    @ParameterizedTest
    @MethodSource("logs")
    void lineEndingsAndUtf8Bom(Path log) throws IOException {
        String t = text(log);
        assertSameParse(log, "CRLF", t.replace("\n", "\r\n").getBytes(StandardCharsets.UTF_8));
        assertSameParse(log, "CR", t.replace("\n", "\r").getBytes(StandardCharsets.UTF_8));
        assertSameParse(log, "UTF-8 BOM", encode(t, StandardCharsets.UTF_8, (byte) 0xEF, (byte) 0xBB, (byte) 0xBF));
        assertSameParse(log, "no final newline", t.stripTrailing().getBytes(StandardCharsets.UTF_8));
    }

    @ParameterizedTest
    @MethodSource("logs")
    void otherDebuggerPrompts(Path log) throws IOException {
        String t = text(log);
        for (String prompt : List.of("kd>", "lkd>", "0: kd>", "1: kd>", "12: kd>", "0:000>", "1:012>",
                "0:000:x86>", "0:001:ARM64EC>")) {
            String variant = PROMPT_AT_START.matcher(t).replaceAll(Matcher.quoteReplacement(prompt));
            assertSameParse(log, "prompt " + prompt, variant.getBytes(StandardCharsets.UTF_8));
        }
    }

    @ParameterizedTest
    @MethodSource("logs")
    void backtickInSixtyFourBitAddresses(Path log) throws IOException {
        // WinDbg prints 64-bit pointers as ffffe001`8a6b3040 in many places (%p, dq, k); extensions vary
        UnaryOperator<String> backtick = s -> HEX16.matcher(s).replaceAll("$1`$2");
        String t = text(log);
        String variant = backtick.apply(t);
        if (!variant.equals(t)) {
            assertSameParse(log, "backtick addresses", variant.getBytes(StandardCharsets.UTF_8));
        }
        assertFalse(variant.isEmpty());
    }

    @ParameterizedTest
    @MethodSource("logs")
    void truncatedLogKeepsWhatWasParsed(Path log) throws IOException {
        // a log copied while the debugger still wrote it, or cut by a paste: every prefix cut at a line end
        // parses, and keeps at least the records of any shorter prefix
        List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
        int previousRecords = 0;
        for (int k = 0; k <= lines.size(); k++) {
            String prefix = String.join("\n", lines.subList(0, k));
            WinDbgLog parsed = parse(prefix.getBytes(StandardCharsets.UTF_8));
            int records = parsed.processes().size() + parsed.handles().size() + parsed.allHtraceRecords().size()
                    + parsed.verifierStops().size() + parsed.summaries().size();
            assertTrue(records >= previousRecords, log.getFileName() + " cut after line " + k + ": " + records
                    + " records, " + previousRecords + " with one line less");
            previousRecords = records;
            if (parsed.summary().truncated()) {
                assertTrue(parsed.summary().warnings().stream().anyMatch(w -> w.startsWith("input ends inside a block")),
                        parsed.summary().warnings().toString());
            }
        }
        // cut inside a line, and (UTF-16) inside a character: parses or is rejected clearly, never crashes
        byte[] utf16 = encode(text(log), StandardCharsets.UTF_16LE, (byte) 0xFF, (byte) 0xFE);
        byte[] utf8 = Files.readAllBytes(log);
        for (byte[] whole : List.of(utf8, utf16)) {
            for (int cut = 0; cut < whole.length; cut += 7) {
                try {
                    parse(java.util.Arrays.copyOf(whole, cut));
                } catch (WinDbgParseException clear) {
                    assertTrue(clear.getMessage().contains("variant.txt"), clear.getMessage());
                }
            }
        }
    }

    @org.junit.jupiter.api.Test
    void htraceRecordCutBeforeItsThreadLineIsKeptAndMarked() throws IOException {
        Path log = SharedData.windbg("htrace-user-x86-cppresourceleaks.txt");
        List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
        int open = -1;
        for (int i = 0; i < lines.size() && open < 0; i++) {
            if (lines.get(i).startsWith("Handle = ") && lines.get(i).endsWith("- OPEN")) {
                open = i;
            }
        }
        assertTrue(open > 0);
        // written as .logopen /u would, cut in the middle of the record's "Thread ID = ..." line
        String cut = String.join("\r\n", lines.subList(0, open + 1)) + "\r\nThread ID = 0x0000";
        WinDbgLog parsed = parse(encode(cut, StandardCharsets.UTF_16LE, (byte) 0xFF, (byte) 0xFE));
        HtraceRecord last = parsed.allHtraceRecords().get(parsed.allHtraceRecords().size() - 1);
        assertEquals(open + 1, last.lineNumber());
        assertFalse(last.complete());
        assertTrue(parsed.summary().truncated());
    }
}
