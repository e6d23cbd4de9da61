package org.handlelens.symbols.cab;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.zip.Deflater;

/** Minimal single-file cabinet writer (MSZIP or stored) for tests; cross-checked against cabextract/gcab. */
public final class TestCabWriter {
    private TestCabWriter() {
    }

    /** A cabinet holding {@code content} as {@code name}; {@code mszip} selects compression type 1 over 0. */
    public static byte[] write(String name, byte[] content, boolean mszip) {
        ByteArrayOutputStream blocks = new ByteArrayOutputStream();
        int count = 0;
        byte[] prev = new byte[0];
        for (int off = 0; off < content.length || count == 0; off += 32768) {
            byte[] chunk = Arrays.copyOfRange(content, off, Math.min(content.length, off + 32768));
            byte[] payload;
            if (mszip) {
                Deflater d = new Deflater(Deflater.BEST_COMPRESSION, true);
                if (prev.length > 0) {
                    d.setDictionary(prev);
                }
                d.setInput(chunk);
                d.finish();
                ByteArrayOutputStream z = new ByteArrayOutputStream();
                z.write('C');
                z.write('K');
                byte[] buf = new byte[65536];
                while (!d.finished()) {
                    int n = d.deflate(buf);
                    z.write(buf, 0, n);
                }
                d.end();
                payload = z.toByteArray();
            } else {
                payload = chunk;
            }
            ByteBuffer h = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
            h.putInt(0).putShort((short) payload.length).putShort((short) chunk.length);
            blocks.writeBytes(h.array());
            blocks.writeBytes(payload);
            prev = chunk;
            count++;
            if (off + 32768 >= content.length) {
                break;
            }
        }
        byte[] nameBytes = name.getBytes(StandardCharsets.US_ASCII);
        int headerSize = 36;
        int folderSize = 8;
        int fileSize = 16 + nameBytes.length + 1;
        int dataStart = headerSize + folderSize + fileSize;
        int total = dataStart + blocks.size();
        ByteBuffer b = ByteBuffer.allocate(total).order(ByteOrder.LITTLE_ENDIAN);
        b.put("MSCF".getBytes(StandardCharsets.US_ASCII)).putInt(0).putInt(total).putInt(0)
                .putInt(headerSize + folderSize).putInt(0).put((byte) 3).put((byte) 1)
                .putShort((short) 1).putShort((short) 1).putShort((short) 0).putShort((short) 0).putShort((short) 0);
        b.putInt(dataStart).putShort((short) count).putShort((short) (mszip ? 1 : 0));
        b.putInt(content.length).putInt(0).putShort((short) 0).putShort((short) 0x5B77).putShort((short) 0x4800)
                .putShort((short) 0x20).put(nameBytes).put((byte) 0);
        b.put(blocks.toByteArray());
        return b.array();
    }
}
