package org.handlelens.etw.buffer;

/**
 * MS-XCA "Plain LZ77" (XPRESS, COMPRESSION_FORMAT_XPRESS = 3) decompression, as used for
 * compressed ETL buffers. Stateless; decodes into a caller-supplied array (no allocation).
 */
public final class XpressDecompressor {

    private XpressDecompressor() {
    }

    /**
     * Decompresses {@code in[inOff, inOff+inLen)} into {@code out[outOff, ...)}.
     *
     * @param outLimit maximum number of bytes to produce
     * @return number of bytes produced
     * @throws IllegalArgumentException on corrupt input (message gives the input position)
     */
    public static int decompress(byte[] in, int inOff, int inLen, byte[] out, int outOff, int outLimit) {
        final int inEnd = inOff + inLen;
        final int outEnd = outOff + outLimit;
        int ip = inOff;
        int op = outOff;
        int flags = 0;
        int flagCount = 0;
        int lastLengthHalfByte = -1;
        while (true) {
            if (flagCount == 0) {
                if (ip + 4 > inEnd) {
                    return op - outOff; // no more flag word: stream ended on a boundary
                }
                flags = readInt(in, ip);
                ip += 4;
                flagCount = 32;
            }
            flagCount--;
            if ((flags & (1 << flagCount)) == 0) {
                if (ip >= inEnd) {
                    return op - outOff;
                }
                if (op >= outEnd) {
                    throw new IllegalArgumentException("XPRESS output overflow at input " + (ip - inOff));
                }
                out[op++] = in[ip++];
            } else {
                if (ip >= inEnd) {
                    return op - outOff;
                }
                if (ip + 2 > inEnd) {
                    throw new IllegalArgumentException("XPRESS truncated match at input " + (ip - inOff));
                }
                int matchBytes = (in[ip] & 0xFF) | (in[ip + 1] & 0xFF) << 8;
                ip += 2;
                int matchLength = matchBytes & 7;
                int matchOffset = (matchBytes >>> 3) + 1;
                if (matchLength == 7) {
                    if (lastLengthHalfByte < 0) {
                        need(ip, 1, inEnd, inOff);
                        matchLength = in[ip] & 0x0F;
                        lastLengthHalfByte = ip;
                        ip++;
                    } else {
                        matchLength = (in[lastLengthHalfByte] & 0xFF) >>> 4;
                        lastLengthHalfByte = -1;
                    }
                    if (matchLength == 15) {
                        need(ip, 1, inEnd, inOff);
                        matchLength = in[ip++] & 0xFF;
                        if (matchLength == 255) {
                            need(ip, 2, inEnd, inOff);
                            matchLength = (in[ip] & 0xFF) | (in[ip + 1] & 0xFF) << 8;
                            ip += 2;
                            if (matchLength == 0) {
                                need(ip, 4, inEnd, inOff);
                                matchLength = readInt(in, ip);
                                ip += 4;
                            }
                            if (matchLength < 15 + 7 || matchLength < 0) {
                                throw new IllegalArgumentException("XPRESS bad match length at input " + (ip - inOff));
                            }
                            matchLength -= 15 + 7;
                        }
                        matchLength += 15;
                    }
                    matchLength += 7;
                }
                matchLength += 3;
                int src = op - matchOffset;
                if (src < outOff) {
                    throw new IllegalArgumentException("XPRESS match offset before output start at input " + (ip - inOff));
                }
                if (matchLength > outEnd - op) {
                    throw new IllegalArgumentException("XPRESS output overflow at input " + (ip - inOff));
                }
                for (int i = 0; i < matchLength; i++) {
                    out[op++] = out[src++]; // byte-wise: matches may overlap their own output
                }
            }
        }
    }

    private static void need(int ip, int n, int inEnd, int inOff) {
        if (ip + n > inEnd) {
            throw new IllegalArgumentException("XPRESS truncated length at input " + (ip - inOff));
        }
    }

    private static int readInt(byte[] b, int p) {
        return (b[p] & 0xFF) | (b[p + 1] & 0xFF) << 8 | (b[p + 2] & 0xFF) << 16 | (b[p + 3] & 0xFF) << 24;
    }
}
