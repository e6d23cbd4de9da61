package org.handlelens.symbols.cab;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.PriorityQueue;

/**
 * A small LZX encoder writing single-file cabinets, for tests only: its output is checked against
 * cabextract (libmspack), an independent decoder, before our {@link LzxDecoder} is checked against the input.
 * Exercises verbatim, aligned-offset and uncompressed blocks, blocks spanning frames, repeated offsets
 * (R0/R1/R2), long matches through the length tree, tree deltas against the previous block, and E8 translation.
 *
 * @param windowBits    15..21
 * @param intelFileSize E8 translation size, 0 for none
 * @param blocks        block kinds cycled per block: 'V' verbatim, 'A' aligned, 'U' uncompressed
 * @param framesPerBlock frames (32 KB of output) per block
 */
record TestLzxWriter(int windowBits, int intelFileSize, String blocks, int framesPerBlock) {
    private static final int FRAME = 32768;
    private static final int[] SLOTS = {30, 32, 34, 36, 38, 42, 50};
    private static final int[] EXTRA = new int[51];
    private static final int[] BASE = new int[51];

    static {
        for (int i = 0, j = 0; i < 51; i += 2) {
            EXTRA[i] = j;
            if (i + 1 < 51) {
                EXTRA[i + 1] = j;
            }
            if (i != 0 && j < 17) {
                j++;
            }
        }
        for (int i = 0, j = 0; i < 51; i++) {
            BASE[i] = j;
            j += 1 << EXTRA[i];
        }
    }

    /** MSB-first bits packed into little-endian 16-bit words. */
    private static final class Bits {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        int acc;
        int n;

        void write(int value, int count) {
            for (int i = count - 1; i >= 0; i--) {
                acc = acc << 1 | (value >>> i & 1);
                if (++n == 16) {
                    out.write(acc & 0xFF);
                    out.write(acc >>> 8 & 0xFF);
                    acc = 0;
                    n = 0;
                }
            }
        }

        void align() {
            if (n > 0) {
                write(0, 16 - n);
            }
        }
    }

    /** One decoded element: a literal, or a match (length, distance). */
    private record Op(int literal, int length, int distance) {
    }

    /** A cabinet holding {@code content} as {@code name}, LZX-compressed. */
    byte[] cab(String name, byte[] content) {
        byte[] data = intelFileSize != 0 ? translateE8(content) : content;
        Bits bits = new Bits();
        bits.write(intelFileSize != 0 ? 1 : 0, 1);
        if (intelFileSize != 0) {
            bits.write(intelFileSize >>> 16, 16);
            bits.write(intelFileSize & 0xFFFF, 16);
        }
        int mainSymbols = 256 + 8 * SLOTS[windowBits - 15];
        byte[] mainLens = new byte[mainSymbols];
        byte[] lengthLens = new byte[249];
        int[] r = {1, 1, 1};
        List<Integer> payloadEnds = new ArrayList<>();
        List<Integer> frameSizes = new ArrayList<>();
        int blockIndex = 0;
        for (int start = 0; start < data.length; blockIndex++) {
            int end = Math.min(data.length, start + framesPerBlock * FRAME);
            char kind = blocks.charAt(blockIndex % blocks.length());
            List<List<Op>> frames = new ArrayList<>();
            int[] savedR = r.clone();
            for (int f = start; f < end; f += FRAME) {
                frames.add(kind == 'U' ? List.of() : parse(data, f, Math.min(end, f + FRAME), r));
            }
            int size = end - start;
            bits.write(kind == 'V' ? 1 : kind == 'A' ? 2 : 3, 3);
            bits.write(size >>> 8, 16);
            bits.write(size & 0xFF, 8);
            if (kind == 'U') {
                r = savedR; // an uncompressed block sets R0..R2 itself; keep them as they were
                if (bits.n == 0) {
                    bits.write(0, 16);
                } else {
                    bits.align();
                }
                ByteBuffer rs = ByteBuffer.allocate(12).order(ByteOrder.LITTLE_ENDIAN).putInt(r[0]).putInt(r[1]).putInt(r[2]);
                bits.out.writeBytes(rs.array());
                for (int f = start; f < end; f += FRAME) {
                    int fe = Math.min(end, f + FRAME);
                    bits.out.write(data, f, fe - f);
                    if (fe == end && (size & 1) != 0) {
                        bits.out.write(0);
                    }
                    payloadEnds.add(bits.out.size());
                    frameSizes.add(fe - f);
                }
                start = end;
                continue;
            }
            int[] mainFreq = new int[mainSymbols];
            int[] lenFreq = new int[249];
            int[] alignedFreq = new int[8];
            for (List<Op> ops : frames) {
                for (Op op : ops) {
                    if (op.length == 0) {
                        mainFreq[op.literal]++;
                    } else {
                        mainFreq[256 + op.literal * 8 + Math.min(op.length - 2, 7)]++;
                        if (op.length - 2 >= 7) {
                            lenFreq[op.length - 9]++;
                        }
                    }
                }
            }
            mainFreq[0xE8]++; // E8 translation is only active once a main tree has a length for byte 0xE8
            byte[] aligned = null;
            if (kind == 'A') {
                aligned = new byte[8];
                Arrays.fill(aligned, (byte) 3);
                for (int i = 0; i < 8; i++) {
                    bits.write(3, 3);
                }
            }
            byte[] newMain = lengths(mainFreq, 16);
            byte[] newLen = lengths(lenFreq, 16);
            writeLengths(bits, mainLens, newMain, 0, 256);
            writeLengths(bits, mainLens, newMain, 256, mainSymbols);
            writeLengths(bits, lengthLens, newLen, 0, 249);
            int[] mainCodes = codes(mainLens);
            int[] lenCodes = codes(lengthLens);
            int[] alignedCodes = aligned != null ? codes(aligned) : null;
            int f = start;
            for (List<Op> ops : frames) {
                for (Op op : ops) {
                    if (op.length == 0) {
                        bits.write(mainCodes[op.literal], mainLens[op.literal]);
                        continue;
                    }
                    int slot = op.literal;
                    int sym = 256 + slot * 8 + Math.min(op.length - 2, 7);
                    bits.write(mainCodes[sym], mainLens[sym]);
                    if (op.length - 2 >= 7) {
                        bits.write(lenCodes[op.length - 9], lengthLens[op.length - 9]);
                    }
                    if (slot > 2) {
                        int formatted = op.distance + 2;
                        int extra = slot >= 36 ? 17 : EXTRA[slot];
                        int verbatim = formatted - BASE[slot];
                        if (kind == 'A' && extra >= 3) {
                            writeWide(bits, verbatim >>> 3, extra - 3);
                            bits.write(alignedCodes[verbatim & 7], aligned[verbatim & 7]);
                        } else {
                            writeWide(bits, verbatim, extra);
                        }
                    }
                }
                bits.align(); // every frame ends on a 16-bit boundary
                payloadEnds.add(bits.out.size());
                frameSizes.add(Math.min(end, f + FRAME) - f);
                f += FRAME;
            }
            start = end;
        }
        return assemble(name, content.length, bits.out.toByteArray(), payloadEnds, frameSizes);
    }

    private static void writeWide(Bits bits, int value, int count) {
        if (count > 16) {
            bits.write(value >>> 16, count - 16);
            bits.write(value & 0xFFFF, 16);
        } else {
            bits.write(value, count);
        }
    }

    /** Greedy matching within one frame; {@code r} are the repeated offsets, updated as the decoder will. */
    private List<Op> parse(byte[] d, int from, int to, int[] r) {
        int maxDistance = (1 << windowBits) - 3;
        int[] head = new int[1 << 16];
        Arrays.fill(head, -1);
        // prime the hash with the previous 32 KB so matches reach back into earlier frames
        for (int i = Math.max(0, from - FRAME); i + 2 < from; i++) {
            head[hash(d, i)] = i;
        }
        List<Op> ops = new ArrayList<>();
        int i = from;
        while (i < to) {
            int bestLen = 0;
            int bestDist = 0;
            int[] candidates = {r[0], r[1], r[2], i + 2 < to ? i - head[hash(d, i)] : 0};
            for (int c = 0; c < candidates.length; c++) {
                int dist = candidates[c];
                if (dist <= 0 || dist > i || dist > maxDistance || (c == 3 && head[hash(d, i)] < 0)) {
                    continue;
                }
                int len = 0;
                while (len < 257 && i + len < to && d[i + len] == d[i + len - dist]) {
                    len++;
                }
                if (len > bestLen) {
                    bestLen = len;
                    bestDist = dist;
                }
            }
            if (bestLen >= 3) {
                int slot;
                if (bestDist == r[0]) {
                    slot = 0;
                } else if (bestDist == r[1]) {
                    slot = 1;
                    r[1] = r[0];
                    r[0] = bestDist;
                } else if (bestDist == r[2]) {
                    slot = 2;
                    r[2] = r[0];
                    r[0] = bestDist;
                } else {
                    int formatted = bestDist + 2;
                    slot = 3;
                    while (BASE[slot + 1] <= formatted) {
                        slot++;
                    }
                    r[2] = r[1];
                    r[1] = r[0];
                    r[0] = bestDist;
                }
                ops.add(new Op(slot, bestLen, bestDist));
                for (int k = 0; k < bestLen; k++, i++) {
                    if (i + 2 < to) {
                        head[hash(d, i)] = i;
                    }
                }
            } else {
                ops.add(new Op(d[i] & 0xFF, 0, 0));
                if (i + 2 < to) {
                    head[hash(d, i)] = i;
                }
                i++;
            }
        }
        return ops;
    }

    private static int hash(byte[] d, int i) {
        return ((d[i] & 0xFF) << 8 ^ (d[i + 1] & 0xFF) << 4 ^ (d[i + 2] & 0xFF) * 0x9E5) & 0xFFFF;
    }

    /** Huffman code lengths limited to {@code maxBits}; a lone used symbol gets a partner (complete code). */
    static byte[] lengths(int[] freq, int maxBits) {
        int n = freq.length;
        int[] f = freq.clone();
        int used = 0;
        for (int x : f) {
            used += x > 0 ? 1 : 0;
        }
        byte[] out = new byte[n];
        if (used == 0) {
            return out;
        }
        if (used == 1) {
            for (int s = 0; s < n; s++) {
                if (f[s] > 0 || s == (f[0] > 0 ? 1 : 0)) {
                    out[s] = 1;
                }
            }
            return out;
        }
        while (true) {
            int[] parent = new int[2 * n];
            long[] weight = new long[2 * n];
            PriorityQueue<Integer> q = new PriorityQueue<>((a, b) -> weight[a] != weight[b]
                    ? Long.compare(weight[a], weight[b]) : Integer.compare(a, b));
            for (int s = 0; s < n; s++) {
                if (f[s] > 0) {
                    weight[s] = f[s];
                    q.add(s);
                }
            }
            int next = n;
            while (q.size() > 1) {
                int a = q.poll();
                int b = q.poll();
                weight[next] = weight[a] + weight[b];
                parent[a] = next;
                parent[b] = next;
                q.add(next++);
            }
            int root = q.poll();
            int max = 0;
            for (int s = 0; s < n; s++) {
                if (f[s] > 0) {
                    int depth = 0;
                    for (int x = s; x != root; x = parent[x]) {
                        depth++;
                    }
                    out[s] = (byte) depth;
                    max = Math.max(max, depth);
                }
            }
            if (max <= maxBits) {
                return out;
            }
            for (int s = 0; s < n; s++) {
                if (f[s] > 0) {
                    f[s] = (f[s] + 1) / 2;
                }
            }
        }
    }

    /** Canonical codes: by length, then by symbol (as the decoder builds its table). */
    static int[] codes(byte[] lens) {
        int[] codes = new int[lens.length];
        int code = 0;
        for (int len = 1; len <= 16; len++) {
            for (int s = 0; s < lens.length; s++) {
                if (lens[s] == len) {
                    codes[s] = code++;
                }
            }
            code <<= 1;
        }
        return codes;
    }

    /** Writes {@code next[first..last)} as pretree-coded deltas against {@code prev}, then copies it there. */
    private static void writeLengths(Bits bits, byte[] prev, byte[] next, int first, int last) {
        List<int[]> syms = new ArrayList<>(); // {symbol, extra value, extra bits}
        int x = first;
        while (x < last) {
            int zeros = 0;
            while (x + zeros < last && next[x + zeros] == 0 && zeros < 51) {
                zeros++;
            }
            if (zeros >= 20) {
                syms.add(new int[] {18, zeros - 20, 5});
                x += zeros;
            } else if (zeros >= 4) {
                syms.add(new int[] {17, zeros - 4, 4});
                x += zeros;
            } else {
                int same = 1;
                while (x + same < last && next[x + same] == next[x] && same < 5) {
                    same++;
                }
                if (same >= 4 && next[x] != 0 && allEqual(prev, x, same)) {
                    // code 19: a run of 4 or 5 equal lengths, one delta for all
                    syms.add(new int[] {19, same - 4, 1, Math.floorMod(prev[x] - next[x], 17)});
                    x += same;
                } else {
                    syms.add(new int[] {Math.floorMod(prev[x] - next[x], 17), 0, 0});
                    x++;
                }
            }
        }
        int[] freq = new int[20];
        for (int[] s : syms) {
            freq[s[0]]++;
            if (s[0] == 19) {
                freq[s[3]]++;
            }
        }
        byte[] preLens = lengths(freq, 15);
        int[] preCodes = codes(preLens);
        for (int i = 0; i < 20; i++) {
            bits.write(preLens[i], 4);
        }
        for (int[] s : syms) {
            bits.write(preCodes[s[0]], preLens[s[0]]);
            bits.write(s[1], s[2]);
            if (s[0] == 19) {
                bits.write(preCodes[s[3]], preLens[s[3]]);
            }
        }
        System.arraycopy(next, first, prev, first, last - first);
    }

    private static boolean allEqual(byte[] a, int from, int count) {
        for (int i = 1; i < count; i++) {
            if (a[from + i] != a[from]) {
                return false;
            }
        }
        return true;
    }

    /** The encoder side of the E8 translation: relative CALL targets to absolute ones, per 32 KB frame. */
    private byte[] translateE8(byte[] content) {
        byte[] d = content.clone();
        for (int frameStart = 0; frameStart < d.length; frameStart += FRAME) {
            int frameBytes = Math.min(FRAME, d.length - frameStart);
            if (frameBytes <= 10) {
                continue;
            }
            int i = 0;
            while (i < frameBytes - 10) {
                int p = frameStart + i;
                if (d[p] != (byte) 0xE8) {
                    i++;
                    continue;
                }
                int curpos = p;
                int rel = ByteBuffer.wrap(d, p + 1, 4).order(ByteOrder.LITTLE_ENDIAN).getInt();
                int stored;
                if (rel >= -curpos && rel < intelFileSize - curpos) {
                    stored = rel + curpos;
                } else if (rel >= intelFileSize - curpos && rel < intelFileSize) {
                    stored = rel - intelFileSize;
                } else {
                    stored = rel;
                }
                ByteBuffer.wrap(d, p + 1, 4).order(ByteOrder.LITTLE_ENDIAN).putInt(stored);
                i += 5;
            }
        }
        return d;
    }

    private byte[] assemble(String name, int contentBytes, byte[] stream, List<Integer> payloadEnds,
                            List<Integer> frameSizes) {
        byte[] nameBytes = name.getBytes(StandardCharsets.US_ASCII);
        int dataStart = 36 + 8 + 16 + nameBytes.length + 1;
        ByteArrayOutputStream blocks = new ByteArrayOutputStream();
        int from = 0;
        for (int i = 0; i < payloadEnds.size(); i++) {
            int to = payloadEnds.get(i);
            ByteBuffer h = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
            h.putInt(0).putShort((short) (to - from)).putShort((short) (int) frameSizes.get(i));
            blocks.writeBytes(h.array());
            blocks.write(stream, from, to - from);
            from = to;
        }
        int total = dataStart + blocks.size();
        ByteBuffer b = ByteBuffer.allocate(total).order(ByteOrder.LITTLE_ENDIAN);
        b.put("MSCF".getBytes(StandardCharsets.US_ASCII)).putInt(0).putInt(total).putInt(0)
                .putInt(36 + 8).putInt(0).put((byte) 3).put((byte) 1)
                .putShort((short) 1).putShort((short) 1).putShort((short) 0).putShort((short) 0).putShort((short) 0);
        b.putInt(dataStart).putShort((short) payloadEnds.size()).putShort((short) (3 | windowBits << 8));
        b.putInt(contentBytes).putInt(0).putShort((short) 0).putShort((short) 0x5B77).putShort((short) 0x4800)
                .putShort((short) 0x20).put(nameBytes).put((byte) 0);
        b.put(blocks.toByteArray());
        return b.array();
    }
}
