package org.handlelens.symbols.pdb;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes the streams of a PDB into a new MSF 7.00 file with another block size, for tests. Follows the Big MSF
 * layout (LLVM docs/PDB/MsfFile.rst, MS pdb-rs msf docs): superblock in block 0, FPM1/FPM2 in blocks 1 and 2 of
 * every interval of {@code blockSize} blocks (written "all busy"), stream blocks, the directory, its block map,
 * and the map's block numbers as an array at 0x34.
 *
 * @param blockSize     the new block (page) size
 * @param reverseBlocks give every stream its blocks in descending order (no stream is contiguous)
 * @param extraNil      nil streams (size 0xFFFFFFFF) appended to the directory, to grow it
 */
record MsfRepacker(int blockSize, boolean reverseBlocks, int extraNil) {
    private static final long NIL = 0xFFFF_FFFFL;

    /** Reads every stream of {@code src} (nil streams stay nil) and writes {@code dst}. */
    void repack(Path src, Path dst) throws IOException {
        List<byte[]> streams = new ArrayList<>();
        try (MsfFile msf = MsfFile.open(src)) {
            for (int i = 0; i < msf.streamCount(); i++) {
                streams.add(msf.hasStream(i) ? msf.stream(i).bytes(0, (int) msf.streamSizeBytes(i)) : null);
            }
        }
        for (int i = 0; i < extraNil; i++) {
            streams.add(null);
        }
        write(streams, dst);
    }

    private void write(List<byte[]> streams, Path dst) throws IOException {
        int bs = blockSize;
        List<byte[]> blocks = new ArrayList<>();
        blocks.add(new byte[bs]); // superblock, filled last
        int[][] streamBlocks = new int[streams.size()][];
        for (int s = 0; s < streams.size(); s++) {
            byte[] data = streams.get(s);
            int n = data == null ? 0 : (data.length + bs - 1) / bs;
            int[] numbers = new int[n];
            for (int k = 0; k < n; k++) {
                numbers[k] = allocate(blocks);
            }
            if (reverseBlocks) {
                for (int a = 0, b = n - 1; a < b; a++, b--) {
                    int t = numbers[a];
                    numbers[a] = numbers[b];
                    numbers[b] = t;
                }
            }
            for (int k = 0; k < n; k++) {
                System.arraycopy(data, k * bs, blocks.get(numbers[k]), 0, Math.min(bs, data.length - k * bs));
            }
            streamBlocks[s] = numbers;
        }
        int totalBlocks = 0;
        for (int[] b : streamBlocks) {
            totalBlocks += b.length;
        }
        ByteBuffer dir = le(4 + 4 * streams.size() + 4 * totalBlocks);
        dir.putInt(streams.size());
        for (byte[] data : streams) {
            dir.putInt(data == null ? (int) NIL : data.length);
        }
        for (int[] b : streamBlocks) {
            for (int n : b) {
                dir.putInt(n);
            }
        }
        int[] dirBlocks = store(blocks, dir.array());
        ByteBuffer map = le(4 * dirBlocks.length);
        for (int n : dirBlocks) {
            map.putInt(n);
        }
        int[] mapBlocks = store(blocks, map.array());
        ByteBuffer sb = ByteBuffer.wrap(blocks.get(0)).order(ByteOrder.LITTLE_ENDIAN);
        sb.put(MsfFile.MAGIC);
        sb.putInt(0x20, bs).putInt(0x24, 1).putInt(0x28, blocks.size()).putInt(0x2C, dir.capacity()).putInt(0x30, 0);
        for (int i = 0; i < mapBlocks.length; i++) {
            sb.putInt(0x34 + 4 * i, mapBlocks[i]);
        }
        ByteBuffer out = ByteBuffer.allocate(blocks.size() * bs);
        blocks.forEach(out::put);
        Files.write(dst, out.array());
    }

    /** Next free block; blocks 1 and 2 of each interval are the free page maps. */
    private int allocate(List<byte[]> blocks) {
        while (blocks.size() % blockSize == 1 || blocks.size() % blockSize == 2) {
            blocks.add(new byte[blockSize]); // FPM block: all zero bits = every block in use
        }
        blocks.add(new byte[blockSize]);
        return blocks.size() - 1;
    }

    private int[] store(List<byte[]> blocks, byte[] data) {
        int n = (data.length + blockSize - 1) / blockSize;
        int[] numbers = new int[n];
        for (int k = 0; k < n; k++) {
            numbers[k] = allocate(blocks);
            System.arraycopy(data, k * blockSize, blocks.get(numbers[k]), 0, Math.min(blockSize, data.length - k * blockSize));
        }
        return numbers;
    }

    private static ByteBuffer le(int size) {
        return ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
    }
}
