package org.handlelens.windbg.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

class TextLineReaderTest {

    private static List<String> lines(byte[] bytes) throws IOException {
        List<String> out = new ArrayList<>();
        try (TextLineReader r = TextLineReader.open(new ByteArrayInputStream(bytes), "t.txt")) {
            String l;
            while ((l = r.readLine()) != null) {
                out.add(l);
            }
        }
        return out;
    }

    @Test
    void terminatorsBomAndEncodings() throws Exception {
        assertEquals(List.of("a", "b", "", "c", "d"), lines("a\r\nb\n\nc\rd".getBytes(StandardCharsets.US_ASCII)));
        byte[] utf8Bom = ("\uFEFF" + "Image: caf\u00e9.exe\n").getBytes(StandardCharsets.UTF_8);
        assertEquals(List.of("Image: caf\u00e9.exe"), lines(utf8Bom));
        // the seed's ".process \u2013p \u2013r" uses an en dash; windows-1252 text decodes too
        assertEquals(List.of("\u2013p"), lines(new byte[] {(byte) 0x96, 'p'}));
        ByteArrayOutputStream utf16 = new ByteArrayOutputStream();
        utf16.write(0xFF);
        utf16.write(0xFE);
        utf16.writeBytes("Handle 4\r\n  Type\tEvent\r\n".getBytes(StandardCharsets.UTF_16LE));
        assertEquals(List.of("Handle 4", "  Type\tEvent"), lines(utf16.toByteArray()));
        assertEquals(List.of(), lines(new byte[0]));
    }

    @Test
    void binaryByteIsReportedWithItsOffset() {
        byte[] bytes = "PROCESS 8a5295f0\nImage: \u0000x".getBytes(StandardCharsets.ISO_8859_1);
        WinDbgParseException e = assertThrows(WinDbgParseException.class, () -> lines(bytes));
        assertEquals(24, e.byteOffset());
        assertTrue(e.getMessage().contains("binary byte 0x00 at byte offset 24 (line 2) of t.txt"), e.getMessage());
    }

    @Test
    void overlongLineIsAnErrorNamingTheLine() throws Exception {
        byte[] bytes = ("ok\n" + "x".repeat(100)).getBytes(StandardCharsets.US_ASCII);
        try (TextLineReader r = TextLineReader.open(new ByteArrayInputStream(bytes), "big.txt", 64)) {
            assertEquals("ok", r.readLine());
            WinDbgParseException e = assertThrows(WinDbgParseException.class, r::readLine);
            assertEquals(2, e.lineNumber());
            assertEquals(3, e.byteOffset());
            assertEquals("big.txt:2 (byte offset 3): line 2 is longer than 64 characters", e.getMessage());
        }
        try (TextLineReader r = TextLineReader.open(new ByteArrayInputStream("x".repeat(64).getBytes()), "t", 64)) {
            assertEquals(64, r.readLine().length(), "exactly at the cap is fine");
            assertNull(r.readLine());
        }
    }

    @Test
    void utf16WithoutBomIsRecognisedByItsZeroBytes() throws Exception {
        String text = "0: kd> !handle\r\nHandle 4\r\n";
        assertEquals(List.of("0: kd> !handle", "Handle 4"), lines(text.getBytes(StandardCharsets.UTF_16LE)));
        assertEquals(List.of("0: kd> !handle", "Handle 4"), lines(text.getBytes(StandardCharsets.UTF_16BE)));
        assertEquals(StandardCharsets.UTF_16LE, TextLineReader.sniffUtf16(text.getBytes(StandardCharsets.UTF_16LE)));
        assertNull(TextLineReader.sniffUtf16(text.getBytes(StandardCharsets.US_ASCII)));
        // byte offsets in UTF-16 count two bytes per char: the NUL char after 28 chars is at byte 56
        byte[] withNul = "abcdefghijklmnopqrstuvwxyz\nb\u0000".getBytes(StandardCharsets.UTF_16LE);
        WinDbgParseException e = assertThrows(WinDbgParseException.class, () -> lines(withNul));
        assertEquals(56, e.byteOffset());
        // a few NULs in 8-bit text are not the UTF-16 pattern: still binary at the exact offset
        byte[] binary = "PROCESS 8a5295f0\u0000\u0000 Image: x\n".getBytes(StandardCharsets.ISO_8859_1);
        assertNull(TextLineReader.sniffUtf16(binary));
        assertEquals(16, assertThrows(WinDbgParseException.class, () -> lines(binary)).byteOffset());
    }
}
