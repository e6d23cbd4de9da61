package org.handlelens.windbg.parse;

import java.io.BufferedInputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Streaming line reader for debugger logs that rejects binary input and over-long lines.
 *
 * <p>8-bit input is read as ISO-8859-1 so that one char is one byte: byte offsets stay exact for
 * error messages, and each line is then re-decoded as UTF-8 (falling back to windows-1252, the
 * code page WinDbg logs are usually written in). Files with a UTF-16 byte order mark (written by
 * {@code .logopen /u}) are decoded as UTF-16; so is UTF-16 without a BOM, recognised by the zero high byte
 * of the ASCII characters debugger output consists of (see {@link #sniffUtf16}). Line terminators: LF,
 * CRLF or a lone CR.
 */
public final class TextLineReader implements Closeable {
    /** Default cap on line length; debugger output lines are far shorter. */
    public static final int DEFAULT_MAX_LINE_CHARS = 64 * 1024;

    private static final Charset WINDOWS_1252 = cp1252();
    /** Bytes looked at to recognise UTF-16 without a byte order mark. */
    private static final int SNIFF_BYTES = 512;

    private final Reader reader;
    private final String sourceName;
    private final int maxLineChars;
    private final int bytesPerChar;
    private final long firstCharByteOffset;
    private final boolean eightBit;
    private final char[] buffer = new char[16 * 1024];
    private final StringBuilder line = new StringBuilder(256);
    private int pos;
    private int limit;
    private long charsConsumed;
    private int lineNumber;
    private long lineStartByteOffset;
    private boolean skipLineFeed;
    private boolean eof;

    private TextLineReader(Reader reader, String sourceName, int maxLineChars, int bytesPerChar,
            long firstCharByteOffset, boolean eightBit) {
        this.reader = reader;
        this.sourceName = sourceName;
        this.maxLineChars = maxLineChars;
        this.bytesPerChar = bytesPerChar;
        this.firstCharByteOffset = firstCharByteOffset;
        this.eightBit = eightBit;
    }

    /**
     * Opens a reader; detects UTF-8 and UTF-16 byte order marks.
     *
     * @param in           the bytes (closed by {@link #close()})
     * @param sourceName   file name for messages
     * @param maxLineChars longest accepted line, in chars
     */
    public static TextLineReader open(InputStream in, String sourceName, int maxLineChars) throws IOException {
        BufferedInputStream bin = new BufferedInputStream(in, 64 * 1024);
        bin.mark(SNIFF_BYTES);
        byte[] head = bin.readNBytes(SNIFF_BYTES);
        bin.reset();
        int b0 = head.length > 0 ? head[0] & 0xFF : -1;
        int b1 = head.length > 1 ? head[1] & 0xFF : -1;
        int b2 = head.length > 2 ? head[2] & 0xFF : -1;
        if (b0 == 0xFF && b1 == 0xFE) {
            bin.skipNBytes(2);
            return new TextLineReader(new InputStreamReader(bin, StandardCharsets.UTF_16LE), sourceName, maxLineChars,
                    2, 2, false);
        }
        if (b0 == 0xFE && b1 == 0xFF) {
            bin.skipNBytes(2);
            return new TextLineReader(new InputStreamReader(bin, StandardCharsets.UTF_16BE), sourceName, maxLineChars,
                    2, 2, false);
        }
        Charset utf16 = sniffUtf16(head);
        if (utf16 != null) {
            return new TextLineReader(new InputStreamReader(bin, utf16), sourceName, maxLineChars, 2, 0, false);
        }
        int bom = b0 == 0xEF && b1 == 0xBB && b2 == 0xBF ? 3 : 0;
        bin.skipNBytes(bom);
        return new TextLineReader(new InputStreamReader(bin, StandardCharsets.ISO_8859_1), sourceName, maxLineChars,
                1, bom, true);
    }

    /**
     * UTF-16 without a byte order mark, or null. Debugger output is ASCII, so in UTF-16LE every odd byte of
     * the first characters is 0 and no even byte is (UTF-16BE: the reverse). A binary file with scattered
     * NULs does not show that pattern and is still rejected as binary.
     */
    static Charset sniffUtf16(byte[] head) {
        int pairs = head.length / 2;
        if (pairs == 0) {
            return null;
        }
        int evenZero = 0;
        int oddZero = 0;
        for (int i = 0; i < pairs * 2; i += 2) {
            evenZero += head[i] == 0 ? 1 : 0;
            oddZero += head[i + 1] == 0 ? 1 : 0;
        }
        // at least 90 % of the pairs with the expected zero byte, and hardly any with the other one
        if (oddZero * 10 >= pairs * 9 && evenZero * 20 <= pairs && head[0] != 0) {
            return StandardCharsets.UTF_16LE;
        }
        if (evenZero * 10 >= pairs * 9 && oddZero * 20 <= pairs && head[1] != 0) {
            return StandardCharsets.UTF_16BE;
        }
        return null;
    }

    /**
     * The UTF-16 variant text starting with {@code head} is in: by its byte order mark, else by the zero-byte
     * pattern of {@link #sniffUtf16}; null for 8-bit text (and binary data).
     */
    public static Charset utf16Charset(byte[] head) {
        if (head.length >= 2 && (head[0] & 0xFF) == 0xFF && (head[1] & 0xFF) == 0xFE) {
            return StandardCharsets.UTF_16LE;
        }
        if (head.length >= 2 && (head[0] & 0xFF) == 0xFE && (head[1] & 0xFF) == 0xFF) {
            return StandardCharsets.UTF_16BE;
        }
        return sniffUtf16(head);
    }

    /** Opens with {@link #DEFAULT_MAX_LINE_CHARS}. */
    public static TextLineReader open(InputStream in, String sourceName) throws IOException {
        return open(in, sourceName, DEFAULT_MAX_LINE_CHARS);
    }

    /**
     * Next line without its terminator, or null at end of input.
     *
     * @throws WinDbgParseException on a non-text byte or a line longer than the cap
     */
    public String readLine() throws IOException {
        line.setLength(0);
        boolean any = false;
        while (true) {
            if (pos >= limit && !fill()) {
                if (!any) {
                    return null;
                }
                break;
            }
            if (skipLineFeed) {
                skipLineFeed = false;
                if (buffer[pos] == '\n') {
                    pos++;
                    charsConsumed++;
                    continue;
                }
            }
            if (!any) {
                any = true;
                lineNumber++;
                lineStartByteOffset = byteOffsetOfChar(charsConsumed);
            }
            // scan the buffered chars for the end of the line; append the run at once
            int start = pos;
            int end = -1;
            for (int i = start; i < limit; i++) {
                char c = buffer[i];
                if (c < 0x20) {
                    if (c == '\n' || c == '\r') {
                        end = i;
                        break;
                    }
                    if (c != '\t' && c != '\f') {
                        long offset = byteOffsetOfChar(charsConsumed + (i - start));
                        throw new WinDbgParseException(sourceName, -1, offset, String.format(
                                "not WinDbg output: binary byte 0x%02x at byte offset %d (line %d) of %s", (int) c,
                                offset, lineNumber, sourceName));
                    }
                }
            }
            int stop = end >= 0 ? end : limit;
            if (line.length() + (stop - start) > maxLineChars) {
                throw new WinDbgParseException(sourceName, lineNumber, lineStartByteOffset,
                        "line " + lineNumber + " is longer than " + maxLineChars + " characters");
            }
            line.append(buffer, start, stop - start);
            charsConsumed += stop - start;
            pos = stop;
            if (end >= 0) {
                skipLineFeed = buffer[end] == '\r';
                pos++;
                charsConsumed++;
                break;
            }
        }
        return eightBit ? decode8Bit(line) : line.toString();
    }

    /** 1-based number of the line last returned. */
    public int lineNumber() {
        return lineNumber;
    }

    /** Byte offset of the start of the line last returned. */
    public long lineStartByteOffset() {
        return lineStartByteOffset;
    }

    /** Bytes consumed so far (approximate for UTF-16 input with surrogate pairs). */
    public long bytesConsumed() {
        return byteOffsetOfChar(charsConsumed);
    }

    private long byteOffsetOfChar(long charIndex) {
        return firstCharByteOffset + charIndex * bytesPerChar;
    }

    private boolean fill() throws IOException {
        if (eof) {
            return false;
        }
        int n;
        do {
            n = reader.read(buffer, 0, buffer.length);
        } while (n == 0);
        if (n < 0) {
            eof = true;
            pos = limit = 0;
            return false;
        }
        pos = 0;
        limit = n;
        return true;
    }

    /** Chars are bytes here; re-decode as UTF-8, else windows-1252. Pure ASCII needs no work. */
    private static String decode8Bit(StringBuilder chars) {
        int n = chars.length();
        boolean ascii = true;
        for (int i = 0; i < n; i++) {
            if (chars.charAt(i) >= 0x80) {
                ascii = false;
                break;
            }
        }
        if (ascii) {
            return chars.toString();
        }
        byte[] bytes = new byte[n];
        for (int i = 0; i < n; i++) {
            bytes[i] = (byte) chars.charAt(i);
        }
        CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        try {
            CharBuffer decoded = utf8.decode(ByteBuffer.wrap(bytes));
            return decoded.toString();
        } catch (CharacterCodingException e) {
            return new String(bytes, WINDOWS_1252);
        }
    }

    private static Charset cp1252() {
        try {
            return Charset.forName("windows-1252");
        } catch (RuntimeException e) {
            return StandardCharsets.ISO_8859_1;
        }
    }

    @Override
    public void close() throws IOException {
        reader.close();
    }
}
