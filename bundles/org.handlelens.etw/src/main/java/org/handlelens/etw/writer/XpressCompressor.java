package org.handlelens.etw.writer;

import java.io.ByteArrayOutputStream;

/**
 * MS-XCA Plain LZ77 compressor (greedy, hash of 3 bytes, offsets up to 8192) following the
 * specification's compression pseudo-code, including the shared length nibbles.
 */
public final class XpressCompressor {
    private XpressDecompressorFreeBuffer out;

    private XpressCompressor() {
    }

    /** Growable byte array with positional patching. */
    private static final class XpressDecompressorFreeBuffer extends ByteArrayOutputStream {
        int position() {
            return count;
        }

        void set(int pos, int b) {
            buf[pos] = (byte) b;
        }

        int get(int pos) {
            return buf[pos] & 0xFF;
        }

        void putInt(int pos, int v) {
            for (int i = 0; i < 4; i++) {
                buf[pos + i] = (byte) (v >>> (8 * i));
            }
        }

        void u16(int v) {
            write(v & 0xFF);
            write((v >>> 8) & 0xFF);
        }
    }

    public static byte[] compress(byte[] in) {
        return new XpressCompressor().run(in);
    }

    private byte[] run(byte[] in) {
        out = new XpressDecompressorFreeBuffer();
        int[] head = new int[1 << 14];
        java.util.Arrays.fill(head, -1);
        int flags = 0;
        int flagCount = 0;
        int flagPos = out.position();
        out.write(new byte[4], 0, 4);
        int nibbleIndex = -1;
        int ip = 0;
        while (ip < in.length) {
            int bestLen = 0;
            int bestOff = 0;
            if (ip + 3 <= in.length) {
                int h = ((in[ip] & 0xFF) << 6 ^ (in[ip + 1] & 0xFF) << 3 ^ (in[ip + 2] & 0xFF)) & (head.length - 1);
                int cand = head[h];
                head[h] = ip;
                if (cand >= 0 && ip - cand <= 8192) {
                    int l = 0;
                    while (ip + l < in.length && in[cand + l] == in[ip + l] && l < 70000) {
                        l++;
                    }
                    if (l >= 3) {
                        bestLen = l;
                        bestOff = ip - cand;
                    }
                }
            }
            if (bestLen == 0) {
                out.write(in[ip]);
                flags <<= 1;
                ip++;
            } else {
                int ml = bestLen - 3;
                if (ml < 7) {
                    out.u16((bestOff - 1) << 3 | ml);
                } else {
                    out.u16((bestOff - 1) << 3 | 7);
                    ml -= 7;
                    int nib = Math.min(ml, 15);
                    if (nibbleIndex < 0) {
                        nibbleIndex = out.position();
                        out.write(nib);
                    } else {
                        out.set(nibbleIndex, out.get(nibbleIndex) | nib << 4);
                        nibbleIndex = -1;
                    }
                    if (ml >= 15) {
                        ml -= 15;
                        if (ml < 255) {
                            out.write(ml);
                        } else {
                            out.write(255);
                            int full = bestLen - 3;
                            if (full < 65536) {
                                out.u16(full);
                            } else {
                                out.u16(0);
                                out.write(full & 0xFF);
                                out.write((full >>> 8) & 0xFF);
                                out.write((full >>> 16) & 0xFF);
                                out.write((full >>> 24) & 0xFF);
                            }
                        }
                    }
                }
                flags = flags << 1 | 1;
                ip += bestLen;
            }
            flagCount++;
            if (flagCount == 32) {
                out.putInt(flagPos, flags);
                flagCount = 0;
                flags = 0;
                flagPos = out.position();
                out.write(new byte[4], 0, 4);
            }
        }
        // terminate: remaining flag bits set to 1 (a "match" with no input left ends decoding)
        int rest = 32 - flagCount;
        flags = rest == 32 ? -1 : (flags << rest) | ((1 << rest) - 1);
        out.putInt(flagPos, flags);
        return out.toByteArray();
    }
}
