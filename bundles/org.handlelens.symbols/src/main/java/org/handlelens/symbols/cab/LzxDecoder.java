package org.handlelens.symbols.cab;

import org.handlelens.symbols.io.CorruptFileException;

/**
 * LZX decoder for cabinet folders ({@code typeCompress} 3, window 2^15..2^21), the compression
 * {@code symstore /compress} uses for {@code .pd_}/{@code .dl_} files. Written from Microsoft's LZX format
 * description (MS-PATCH "LZX DELTA Compression and Decompression", §2; the CAB SDK's LZX notes) with the
 * corrections libmspack's {@code lzxd.c} documents: block length is 24 bits (16 + 8), the E8 translation runs
 * on a copy of each 32 KB output frame (the window keeps untranslated bytes) over its first frame size - 10
 * bytes, and the bit stream is re-aligned to 16 bits after every frame.
 *
 * <p>Input is the concatenated CFDATA payloads of one folder; output is produced one frame (one CFDATA's
 * uncompressed size, at most 32 KB) at a time. Bits are read as little-endian 16-bit words, most significant
 * bit first. Damaged input fails with {@link CorruptFileException} naming the input offset; reading past the
 * end of the input yields zero bits only for the final partial word. Error offsets are file offsets in the cabinet.
 */
final class LzxDecoder {
    /** Output frame size; E8 translation and bit re-alignment happen per frame. */
    static final int FRAME_BYTES = 32768;
    private static final int MIN_MATCH = 2;
    private static final int NUM_CHARS = 256;
    private static final int NUM_PRIMARY_LENGTHS = 7;
    private static final int LENGTH_SYMBOLS = 249;
    private static final int PRETREE_SYMBOLS = 20;
    private static final int ALIGNED_SYMBOLS = 8;
    private static final int MAX_CODE_BITS = 16;
    private static final int BLOCK_VERBATIM = 1;
    private static final int BLOCK_ALIGNED = 2;
    private static final int BLOCK_UNCOMPRESSED = 3;
    /** Position slots for window sizes 2^15 .. 2^21 (MS-PATCH §2.2.1.2). */
    private static final int[] POSITION_SLOTS = {30, 32, 34, 36, 38, 42, 50};
    private static final int[] EXTRA_BITS = new int[51];
    private static final int[] POSITION_BASE = new int[51];

    static {
        // extra bits 0,0,0,0,1,1,2,2,...,16,16,17,17,...; base[i+1] = base[i] + 2^extra[i]
        for (int i = 0, j = 0; i < 51; i += 2) {
            EXTRA_BITS[i] = j;
            if (i + 1 < 51) {
                EXTRA_BITS[i + 1] = j;
            }
            if (i != 0 && j < 17) {
                j++;
            }
        }
        for (int i = 0, j = 0; i < 51; i++) {
            POSITION_BASE[i] = j;
            j += 1 << EXTRA_BITS[i];
        }
    }

    private final String source;
    private final byte[] in;
    private final int[] pieceStarts;
    private final long[] pieceFileOffsets;
    private int inPos;
    private long bitBuffer;
    private int bitsLeft;
    private int zeroWordsRead;

    private final byte[] window;
    private final int windowMask;
    private long totalOut;
    private final int mainSymbols;
    private final byte[] mainLengths;
    private final byte[] lengthLengths = new byte[LENGTH_SYMBOLS];
    private final byte[] alignedLengths = new byte[ALIGNED_SYMBOLS];
    private short[] mainTable;
    private short[] lengthTable;
    private short[] alignedTable;
    private boolean headerRead;
    private int intelFileSize;
    private boolean intelStarted;
    private int blockType;
    private int blockLength;
    private int blockRemaining;
    private int r0 = 1;
    private int r1 = 1;
    private int r2 = 1;
    private int frame;

    /**
     * @param source           file name for messages
     * @param in               the folder's compressed bytes (CFDATA payloads in order)
     * @param pieceStarts      index in {@code in} where each CFDATA payload starts (ascending, first 0)
     * @param pieceFileOffsets file offset of each payload, so that errors name the byte in the cabinet
     * @param windowBits       15..21, from {@code typeCompress >> 8}
     */
    LzxDecoder(String source, byte[] in, int[] pieceStarts, long[] pieceFileOffsets, int windowBits)
            throws CorruptFileException {
        this.source = source;
        this.in = in;
        this.pieceStarts = pieceStarts;
        this.pieceFileOffsets = pieceFileOffsets;
        if (windowBits < 15 || windowBits > 21) {
            throw new CorruptFileException(source, fileOffset(0), "LZX window of 2^" + windowBits
                    + " bytes is outside the cabinet range 2^15..2^21");
        }
        window = new byte[1 << windowBits];
        windowMask = window.length - 1;
        mainSymbols = NUM_CHARS + (POSITION_SLOTS[windowBits - 15] << 3);
        mainLengths = new byte[mainSymbols];
    }

    private CorruptFileException error(String problem) {
        return error(problem, inPos);
    }

    private CorruptFileException error(String problem, int pos) {
        return new CorruptFileException(source, fileOffset(Math.min(pos, in.length)), "corrupt LZX data: " + problem);
    }

    /** Input offset of the 16-bit word holding the next unread bit. */
    private int wordOfNextBit() {
        return inPos - (bitsLeft + 15) / 16 * 2;
    }

    /** File offset of input byte {@code pos} (past the end: just after the last payload). */
    private long fileOffset(int pos) {
        if (pieceStarts.length == 0) {
            return -1;
        }
        int i = java.util.Arrays.binarySearch(pieceStarts, pos);
        int piece = i >= 0 ? i : -i - 2;
        // equal starts (empty payloads): the last of them holds pos
        while (piece + 1 < pieceStarts.length && pieceStarts[piece + 1] == pos) {
            piece++;
        }
        return pieceFileOffsets[Math.max(0, piece)] + pos - pieceStarts[Math.max(0, piece)];
    }

    // ---- bits -----------------------------------------------------------------------------------------------

    private void ensure(int n) throws CorruptFileException {
        while (bitsLeft < n) {
            int word;
            if (inPos + 1 < in.length) {
                word = (in[inPos] & 0xFF) | (in[inPos + 1] & 0xFF) << 8;
            } else {
                // libmspack feeds zeros once the input ends; a stream that needs more than that is cut off
                if (++zeroWordsRead > 2) {
                    throw error("input ends before the data is complete (truncated cabinet?)");
                }
                word = inPos < in.length ? in[inPos] & 0xFF : 0;
            }
            inPos += 2;
            bitBuffer = (bitBuffer << 16) | word;
            bitsLeft += 16;
        }
    }

    private int peek(int n) {
        return (int) (bitBuffer >>> (bitsLeft - n)) & ((1 << n) - 1);
    }

    private void remove(int n) {
        bitsLeft -= n;
        bitBuffer &= (1L << bitsLeft) - 1;
    }

    private int readBits(int n) throws CorruptFileException {
        if (n == 0) {
            return 0;
        }
        if (n > 16) {
            int high = readBits(n - 16);
            return high << 16 | readBits(16);
        }
        ensure(n);
        int v = peek(n);
        remove(n);
        return v;
    }

    private int readSymbol(short[] table, byte[] lengths, String tree) throws CorruptFileException {
        if (table == null) {
            throw error("symbol needed from the empty " + tree + " tree");
        }
        ensure(MAX_CODE_BITS);
        int sym = table[peek(MAX_CODE_BITS)];
        if (sym < 0) {
            throw error("bit pattern not in the " + tree + " tree");
        }
        remove(lengths[sym]);
        return sym;
    }

    /** Drops the bits left of the current 16-bit word (after a frame, before an uncompressed block). */
    private void alignToWord() {
        bitsLeft = 0;
        bitBuffer = 0;
    }

    // ---- Huffman tables -------------------------------------------------------------------------------------

    /**
     * A full 2^16 lookup table of a canonical code (codes by length, then symbol order), or null when every
     * length is 0. Over-subscribed and incomplete codes are errors, as in libmspack.
     */
    private short[] buildTable(byte[] lengths, int count, String tree) throws CorruptFileException {
        int[] perLength = new int[MAX_CODE_BITS + 1];
        boolean any = false;
        for (int s = 0; s < count; s++) {
            perLength[lengths[s]]++;
            any |= lengths[s] != 0;
        }
        if (!any) {
            return null;
        }
        long kraft = 0;
        for (int len = 1; len <= MAX_CODE_BITS; len++) {
            kraft += (long) perLength[len] << (MAX_CODE_BITS - len);
        }
        if (kraft != 1L << MAX_CODE_BITS) {
            throw error("the " + tree + " tree is " + (kraft > 1L << MAX_CODE_BITS ? "over-subscribed" : "incomplete"));
        }
        short[] table = new short[1 << MAX_CODE_BITS];
        int next = 0;
        for (int len = 1; len <= MAX_CODE_BITS; len++) {
            for (int s = 0; s < count; s++) {
                if (lengths[s] == len) {
                    int span = 1 << (MAX_CODE_BITS - len);
                    java.util.Arrays.fill(table, next, next + span, (short) s);
                    next += span;
                }
            }
        }
        return table;
    }

    /** Reads lengths[first..last) as deltas against their previous values, coded with a fresh pretree. */
    private void readLengths(byte[] lengths, int first, int last) throws CorruptFileException {
        byte[] pre = new byte[PRETREE_SYMBOLS];
        for (int i = 0; i < PRETREE_SYMBOLS; i++) {
            pre[i] = (byte) readBits(4);
        }
        short[] preTable = buildTable(pre, PRETREE_SYMBOLS, "pretree");
        int x = first;
        while (x < last) {
            int z = readSymbol(preTable, pre, "pretree");
            if (z == 17 || z == 18) {
                int run = z == 17 ? readBits(4) + 4 : readBits(5) + 20;
                if (x + run > last) {
                    throw error("run of " + run + " zero lengths passes the end of the tree");
                }
                java.util.Arrays.fill(lengths, x, x + run, (byte) 0);
                x += run;
            } else if (z == 19) {
                int run = readBits(1) + 4;
                int delta = readSymbol(preTable, pre, "pretree");
                if (delta > 16 || x + run > last) {
                    throw error("bad run of equal lengths");
                }
                int v = Math.floorMod(lengths[x] - delta, 17);
                java.util.Arrays.fill(lengths, x, x + run, (byte) v);
                x += run;
            } else {
                lengths[x] = (byte) Math.floorMod(lengths[x] - z, 17);
                x++;
            }
        }
    }

    // ---- blocks and frames ----------------------------------------------------------------------------------

    private void readBlockHeader() throws CorruptFileException {
        if (blockType == BLOCK_UNCOMPRESSED && (blockLength & 1) != 0) {
            inPos++; // an odd-length uncompressed block is padded to a 16-bit boundary
        }
        int headerAt = wordOfNextBit();
        blockType = readBits(3);
        blockLength = readBits(16) << 8 | readBits(8);
        blockRemaining = blockLength;
        switch (blockType) {
            case BLOCK_ALIGNED, BLOCK_VERBATIM -> {
                if (blockType == BLOCK_ALIGNED) {
                    for (int i = 0; i < ALIGNED_SYMBOLS; i++) {
                        alignedLengths[i] = (byte) readBits(3);
                    }
                    alignedTable = buildTable(alignedLengths, ALIGNED_SYMBOLS, "aligned offset");
                }
                readLengths(mainLengths, 0, NUM_CHARS);
                readLengths(mainLengths, NUM_CHARS, mainSymbols);
                mainTable = buildTable(mainLengths, mainSymbols, "main");
                if (mainLengths[0xE8] != 0) {
                    intelStarted = true;
                }
                readLengths(lengthLengths, 0, LENGTH_SYMBOLS);
                lengthTable = buildTable(lengthLengths, LENGTH_SYMBOLS, "length");
            }
            case BLOCK_UNCOMPRESSED -> {
                intelStarted = true;
                // 1..16 bits of padding up to a 16-bit boundary, then R0, R1, R2 as bytes
                if (bitsLeft == 0) {
                    ensure(16);
                }
                alignToWord();
                if (inPos + 12 > in.length) {
                    throw error("uncompressed block header cut off");
                }
                r0 = le32(inPos);
                r1 = le32(inPos + 4);
                r2 = le32(inPos + 8);
                inPos += 12;
            }
            default -> throw error("invalid block type " + blockType + " in the block header at this word", headerAt);
        }
    }

    private int le32(int p) {
        return (in[p] & 0xFF) | (in[p + 1] & 0xFF) << 8 | (in[p + 2] & 0xFF) << 16 | (in[p + 3] & 0xFF) << 24;
    }

    /**
     * Decodes the next frame of {@code frameBytes} output bytes into {@code out} (E8 translation applied).
     *
     * @param frameBytes 1..32768; every frame but the last of a folder is 32768
     */
    void decodeFrame(byte[] out, int frameBytes) throws CorruptFileException {
        if (frameBytes < 1 || frameBytes > FRAME_BYTES) {
            throw error("frame of " + frameBytes + " bytes (1.." + FRAME_BYTES + " allowed)");
        }
        if (!headerRead) {
            // one bit: E8 translation used; then the translation size as two 16-bit halves
            if (readBits(1) != 0) {
                intelFileSize = readBits(16) << 16 | readBits(16);
            }
            headerRead = true;
        }
        long frameStart = totalOut;
        long frameEnd = frameStart + frameBytes;
        while (totalOut < frameEnd) {
            if (blockRemaining == 0) {
                readBlockHeader();
            }
            int run = (int) Math.min(blockRemaining, frameEnd - totalOut);
            long runEnd = totalOut + run;
            if (blockType == BLOCK_UNCOMPRESSED) {
                if (inPos + run > in.length) {
                    throw error("uncompressed block of " + blockLength + " bytes cut off");
                }
                for (int i = 0; i < run; i++) {
                    window[(int) (totalOut++ & windowMask)] = in[inPos++];
                }
            } else {
                while (totalOut < runEnd) {
                    decodeSymbol(frameEnd);
                }
            }
            // a match may run past the end of the block (not of the frame): it counts against the block
            blockRemaining -= (int) (totalOut - (runEnd - run));
            if (blockRemaining < 0) {
                throw error("match runs past the end of its block");
            }
        }
        if (totalOut != frameEnd) {
            throw error("match runs past the end of the 32 KB frame");
        }
        // frames end on a 16-bit boundary of the input: drop the rest of a partly read word, keep whole words
        remove(bitsLeft & 15);
        for (int i = 0; i < frameBytes; i++) {
            out[i] = window[(int) ((frameStart + i) & windowMask)];
        }
        if (intelStarted && intelFileSize != 0 && frame < 32768 && frameBytes > 10) {
            untranslateE8(out, frameBytes, (int) frameStart);
        }
        frame++;
    }

    private void decodeSymbol(long frameEnd) throws CorruptFileException {
        int main = readSymbol(mainTable, mainLengths, "main");
        if (main < NUM_CHARS) {
            window[(int) (totalOut++ & windowMask)] = (byte) main;
            return;
        }
        main -= NUM_CHARS;
        int length = main & NUM_PRIMARY_LENGTHS;
        if (length == NUM_PRIMARY_LENGTHS) {
            length += readSymbol(lengthTable, lengthLengths, "length");
        }
        length += MIN_MATCH;
        int slot = main >>> 3;
        int offset;
        if (slot > 2) {
            int extra = slot >= 36 ? 17 : EXTRA_BITS[slot];
            if (blockType == BLOCK_ALIGNED && extra >= 3) {
                // the low 3 bits come from the aligned-offset tree
                offset = POSITION_BASE[slot] - 2 + (readBits(extra - 3) << 3)
                        + readSymbol(alignedTable, alignedLengths, "aligned offset");
            } else {
                offset = POSITION_BASE[slot] - 2 + readBits(extra);
            }
            r2 = r1;
            r1 = r0;
            r0 = offset;
        } else if (slot == 0) {
            offset = r0;
        } else if (slot == 1) {
            offset = r1;
            r1 = r0;
            r0 = offset;
        } else {
            offset = r2;
            r2 = r0;
            r0 = offset;
        }
        if (offset <= 0 || offset > totalOut || offset > window.length) {
            throw error("match offset " + offset + " points before the start of the data");
        }
        if (totalOut + length > frameEnd) {
            throw error("match runs past the end of the 32 KB frame");
        }
        for (int i = 0; i < length; i++, totalOut++) {
            window[(int) (totalOut & windowMask)] = window[(int) ((totalOut - offset) & windowMask)];
        }
    }

    /** Reverses the encoder's E8 (x86 CALL) translation of absolute targets back to relative ones. */
    private void untranslateE8(byte[] out, int frameBytes, int frameStart) {
        int end = frameBytes - 10;
        int i = 0;
        while (i < end) {
            if (out[i] != (byte) 0xE8) {
                i++;
                continue;
            }
            int curpos = frameStart + i;
            int abs = (out[i + 1] & 0xFF) | (out[i + 2] & 0xFF) << 8 | (out[i + 3] & 0xFF) << 16 | (out[i + 4] & 0xFF) << 24;
            if (abs >= -curpos && abs < intelFileSize) {
                int rel = abs >= 0 ? abs - curpos : abs + intelFileSize;
                out[i + 1] = (byte) rel;
                out[i + 2] = (byte) (rel >>> 8);
                out[i + 3] = (byte) (rel >>> 16);
                out[i + 4] = (byte) (rel >>> 24);
            }
            i += 5;
        }
    }
}
