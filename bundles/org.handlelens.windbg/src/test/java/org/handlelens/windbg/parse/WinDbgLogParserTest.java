package org.handlelens.windbg.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedWriter;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.Deflater;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WinDbgLogParserTest {
    @TempDir
    Path dir;

    @Test
    void emptyFileIsRejected() throws Exception {
        Path f = Files.write(dir.resolve("empty.txt"), new byte[0]);
        WinDbgParseException e = assertThrows(WinDbgParseException.class, () -> WinDbgLog.read(f));
        assertEquals("not WinDbg output: no !process, !handle or !htrace block found in " + f + " (the file is empty)",
                e.detail());
    }

    @Test
    void plainEnglishTextIsRejectedNamingTheFile() throws Exception {
        // the other seed is prose about WPR/WPA: text, but no debugger block
        Path prose = SharedData.file("seeds/000_5228fb813c7e6f36.txt");
        WinDbgParseException e = assertThrows(WinDbgParseException.class, () -> WinDbgLog.read(prose));
        assertEquals("not WinDbg output: no !process, !handle or !htrace block found in " + prose, e.detail());
        assertTrue(e.getMessage().startsWith(prose.toString()));
        Path english = Files.writeString(dir.resolve("notes.txt"),
                "Handles are leaking in the print spooler.\nThe process has 10,000 handles; Type: unknown.\n");
        assertThrows(WinDbgParseException.class, () -> WinDbgLog.read(english));
    }

    @Test
    void pdfIsRejectedAtItsFirstBinaryByte() throws Exception {
        ByteArrayOutputStream pdf = new ByteArrayOutputStream();
        pdf.writeBytes("%PDF-1.4\n%\u00e2\u00e3\u00cf\u00d3\n1 0 obj\n<< /Length 44 /Filter /FlateDecode >>\nstream\n"
                .getBytes(StandardCharsets.ISO_8859_1));
        int streamStart = pdf.size();
        Deflater deflater = new Deflater();
        deflater.setInput(new byte[4096]);
        deflater.finish();
        byte[] compressed = new byte[512];
        int n = deflater.deflate(compressed);
        pdf.write(compressed, 0, n);
        byte[] bytes = pdf.toByteArray();
        int firstBinary = -1;
        for (int i = 0; i < bytes.length && firstBinary < 0; i++) {
            int c = bytes[i] & 0xFF;
            if (c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f') {
                firstBinary = i;
            }
        }
        assertTrue(firstBinary >= streamStart, "the header is text, the compressed stream is not");
        Path f = Files.write(dir.resolve("manual.pdf"), bytes);
        WinDbgParseException e = assertThrows(WinDbgParseException.class, () -> WinDbgLog.read(f));
        assertEquals(firstBinary, e.byteOffset());
        assertTrue(e.getMessage().contains("at byte offset " + firstBinary), e.getMessage());
    }

    @Test
    void mixedLogWithOtherCommandsImportsAndCountsSkippedLines() throws Exception {
        WinDbgLog log = SharedData.parse("""
                Microsoft (R) Windows Debugger Version 10.0.22621.2428 AMD64
                0: kd> lm
                start             end                 module name
                fffff800`12400000 fffff800`13446000   nt         (pdb symbols)
                0: kd> !process 0 0
                **** NT ACTIVE PROCESS DUMP ****
                PROCESS 8a5295f0 SessionId: none Cid: 0004 Peb: 00000000 ParentCid: 0000
                DirBase: 0acc0020 ObjectTable: e1002e68 HandleCount: 1056.
                Image: System

                0: kd> k
                 # ChildEBP RetAddr
                00 8054c4f0 804e3b95 nt!RtlpBreakWithStatusInstruction
                0: kd> .process -p -r 8a5295f0
                Implicit process is now 8a5295f0
                0: kd> !handle
                processor number 0, process 8a5295f0
                PROCESS 8a5295f0 SessionId: none Cid: 0004 Peb: 00000000 ParentCid: 0000
                DirBase: 0acc0020 ObjectTable: e1002e68 HandleCount: 1056.
                Image: System

                Handle table at e1003000 with 1056 Entries in use
                0004: Object: 8a5295f0 GrantedAccess: 001f0fff Entry: e1003008
                Object: 8a5295f0 Type: (8a5b5040) Process
                ObjectHeader: 8a5295d8 (old version)
                HandleCount: 3 PointerCount: 130
                0: kd> !htrace 0 8a5295f0
                Process 0x8A5295F0
                ObjectTable 0xE1002E68
                --------------------------------------
                Handle 0x4 - OPEN:
                0x8018F44A: ntoskrnl!ExCreateHandle+0x94
                --------------------------------------
                Parsed 0x1 stack traces.
                Dumped 0x1 stack traces.
                0: kd> g
                """);
        assertEquals(2, log.processes().size());
        assertEquals(1, log.handles().size());
        assertEquals(new ProcessRef(0x8a5295f0L, 4L), log.handles().get(0).owner());
        assertEquals("Process", log.handles().get(0).typeName());
        assertEquals(1, log.htrace().size());
        assertEquals(ProcessRef.ofEprocess(0x8a5295f0L), log.htrace().get(0).target());
        // banner, lm header + row, k header + frame
        assertEquals(5, log.summary().skippedLines());
        assertTrue(log.summary().warnings().contains(
                "skipped 5 unrecognised lines (first at line 1: \"Microsoft (R) Windows Debugger Version 10.0.22621.2428"
                        + " AMD64\")"), log.summary().warnings().toString());
    }

    @Test
    void tenMegabyteGeneratedLogStreams() throws Exception {
        Path f = dir.resolve("big.log");
        long handles = 0;
        long chars = 0;
        try (BufferedWriter w = Files.newBufferedWriter(f, StandardCharsets.US_ASCII)) {
            String header = """
                    0: kd> !handle
                    processor number 0, process 897e6c00
                    PROCESS 897e6c00 SessionId: none Cid: 04fc Peb: 7ffd4000 ParentCid: 0004
                    DirBase: 0acc0040 ObjectTable: e1648628 HandleCount: 21.
                    Image: smss.exe

                    Handle table at e1674000 with 21 Entries in use
                    """;
            w.write(header);
            chars += header.length();
            for (long h = 4; chars < 10L * 1024 * 1024; h += 4) {
                String entry = String.format("%04x: Object: %08x GrantedAccess: 000f0003 Entry: %08x%n"
                        + "Object: %08x Type: (8a5258b8) Event%n"
                        + "ObjectHeader: e1009550 (old version)\nHandleCount: 1 PointerCount: 1\n"
                        + "Directory Object: e10030a8 Name: SomeEvent_%d\n\nunrecognised noise line\n",
                        h, 0xe1000000L + h * 8, 0xe1674000L + h * 2, 0xe1000000L + h * 8, h);
                w.write(entry);
                chars += entry.length();
                handles++;
            }
        }
        assertTrue(Files.size(f) >= 10L * 1024 * 1024);
        long[] count = {0};
        long[] lastProgress = {0};
        ParseSummary s = WinDbgLogParser.parse(f, new WinDbgListener() {
            @Override
            public void handle(WinDbgHandle h) {
                count[0]++;
            }
        }, bytes -> lastProgress[0] = bytes);
        assertEquals(handles, count[0]);
        assertEquals(handles, s.skippedLines());
        assertEquals(Files.size(f), lastProgress[0]);
    }
}
