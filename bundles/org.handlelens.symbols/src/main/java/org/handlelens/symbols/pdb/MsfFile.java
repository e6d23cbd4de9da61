package org.handlelens.symbols.pdb;

import org.handlelens.symbols.io.CorruptFileException;
import org.handlelens.symbols.io.LeReader;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;

/**
 * An MSF 7.00 ("Big MSF") multi-stream file (the container of a Windows PDB). Streams are read lazily: a stream
 * whose blocks are contiguous is memory-mapped, otherwise its blocks are gathered with positional reads.
 * Any block size that is a power of two between 0x100 and 0x800000 is accepted (link.exe writes 4096 by default,
 * {@code /PDBPAGESIZE} up to 32768 (lld-link: 4096..32768); old and managed PDBs use 512..2048). Nil streams
 * (size 0xFFFFFFFF) have no blocks. The free page map is not needed for reading and is ignored.
 */
public final class MsfFile implements Closeable {
    /** MSF 7.00 magic (32 bytes). */
    static final byte[] MAGIC = "Microsoft C/C++ MSF 7.00\r\n\u001ADS\0\0\0".getBytes(StandardCharsets.ISO_8859_1);
    private static final byte[] MSF2_MAGIC = "Microsoft C/C++ program database 2.00".getBytes(StandardCharsets.ISO_8859_1);
    private static final byte[] MSFZ_MAGIC = "Microsoft MSFZ Container".getBytes(StandardCharsets.ISO_8859_1);
    /** Stream size value of a nil stream. */
    private static final long NIL = 0xFFFF_FFFFL;

    private final Path file;
    private final String name;
    private final FileChannel channel;
    private final long fileSizeBytes;
    private final int blockSize;
    private final long[] streamSizes;
    private final int[][] streamBlocks;

    private MsfFile(Path file, FileChannel channel) throws IOException {
        this.file = file;
        this.name = file.toString();
        this.channel = channel;
        this.fileSizeBytes = channel.size();
        byte[] head = readAt(0, (int) Math.min(fileSizeBytes, 64));
        checkFormat(head);
        LeReader sb = LeReader.of(head, name);
        sb.require(0, 0x38, "MSF superblock");
        blockSize = sb.i32(0x20);
        if (blockSize < 0x100 || blockSize > 0x800000 || Integer.bitCount(blockSize) != 1) {
            throw new CorruptFileException(name, 0x20, "invalid MSF block size " + blockSize);
        }
        long numBlocks = sb.u32(0x28);
        long numDirectoryBytes = sb.u32(0x2C);
        if (numBlocks * blockSize > fileSizeBytes) {
            throw new CorruptFileException(name, 0x28, "truncated: superblock says " + numBlocks + " blocks of "
                    + blockSize + " bytes = " + numBlocks * blockSize + " bytes, file has " + fileSizeBytes);
        }
        if (numDirectoryBytes > fileSizeBytes || numDirectoryBytes < 4) {
            throw new CorruptFileException(name, 0x2C, "invalid stream directory size " + numDirectoryBytes);
        }
        long dirBlockCount = ceilDiv(numDirectoryBytes, blockSize);
        long mapBlockCount = ceilDiv(dirBlockCount * 4, blockSize);
        // Block numbers of the blocks that list the directory blocks, right after the 0x34-byte header: an array
        // in MS's Big MSF header (big_stream_pages_map), so a directory of more than blockSize/4 blocks needs
        // several map blocks. LLVM reads only the first entry (one map block, "Too many directory blocks").
        // The array must end inside block 0.
        if (0x34 + mapBlockCount * 4 > blockSize) {
            throw new CorruptFileException(name, 0x2C, "stream directory of " + numDirectoryBytes + " bytes needs "
                    + mapBlockCount + " block map entries, more than block 0 of " + blockSize + " bytes holds");
        }
        LeReader mapAddrs = LeReader.of(readAt(0x34, (int) (mapBlockCount * 4)), name);
        ByteBuffer blockList = ByteBuffer.allocate((int) (mapBlockCount * blockSize));
        for (int i = 0; i < mapBlockCount; i++) {
            blockList.put(readBlock(mapAddrs.u32(4L * i), 0x34 + 4L * i));
        }
        LeReader dirBlocks = LeReader.of(blockList.array(), name + " directory block map");
        ByteBuffer dir = ByteBuffer.allocate((int) (dirBlockCount * blockSize));
        for (int i = 0; i < dirBlockCount; i++) {
            dir.put(readBlock(dirBlocks.u32(4L * i), -1));
        }
        LeReader d = new LeReader(ByteBuffer.wrap(dir.array(), 0, (int) numDirectoryBytes), name + " stream directory", 0);
        long numStreams = d.u32(0);
        if (numStreams > (numDirectoryBytes - 4) / 4) {
            throw d.error(0, "stream count " + numStreams + " does not fit the directory of " + numDirectoryBytes + " bytes");
        }
        streamSizes = new long[(int) numStreams];
        streamBlocks = new int[(int) numStreams][];
        long pos = 4 + 4 * numStreams;
        for (int i = 0; i < numStreams; i++) {
            long size = d.u32(4 + 4L * i);
            if (size != NIL && size > numBlocks * blockSize) {
                // a stream cannot be larger than the file; blocks listed twice would otherwise blow up memory
                throw d.error(4 + 4L * i, "stream " + i + " claims " + size + " bytes, more than the file's "
                        + numBlocks * blockSize);
            }
            streamSizes[i] = size;
            int count = size == NIL ? 0 : (int) ceilDiv(size, blockSize);
            d.require(pos, 4L * count, "block list of stream " + i);
            int[] blocks = new int[count];
            for (int k = 0; k < count; k++) {
                long b = d.u32(pos + 4L * k);
                if (b >= numBlocks) {
                    throw d.error(pos + 4L * k, "stream " + i + " names block " + b + " beyond NumBlocks " + numBlocks);
                }
                blocks[k] = (int) b;
            }
            streamBlocks[i] = blocks;
            pos += 4L * count;
        }
    }

    /** Opens a PDB/MSF file; fails with a clear message for Portable PDBs, MSFZ and MSF 2.00 files. */
    public static MsfFile open(Path file) throws IOException {
        FileChannel ch = FileChannel.open(file, StandardOpenOption.READ);
        try {
            return new MsfFile(file, ch);
        } catch (IOException | RuntimeException e) {
            ch.close();
            throw e;
        }
    }

    private void checkFormat(byte[] head) throws CorruptFileException {
        if (startsWith(head, MAGIC)) {
            return;
        }
        if (head.length >= 4 && head[0] == 'B' && head[1] == 'S' && head[2] == 'J' && head[3] == 'B') {
            throw new CorruptFileException(name, 0, "Portable PDB, not MSF (ECMA-335 metadata signature BSJB); "
                    + "portable PDBs describe managed code only and are not supported");
        }
        if (startsWith(head, MSFZ_MAGIC)) {
            throw new CorruptFileException(name, 0, "MSFZ PDB not supported yet (compressed PDB container)");
        }
        if (startsWith(head, MSF2_MAGIC)) {
            throw new CorruptFileException(name, 0, "obsolete MSF 2.00 PDB (VC6 era) is not supported");
        }
        throw new CorruptFileException(name, 0, head.length < MAGIC.length
                ? "truncated: file has only " + head.length + " bytes, too short for an MSF superblock"
                : "not an MSF 7.00 PDB (bad magic)");
    }

    private static boolean startsWith(byte[] head, byte[] magic) {
        return head.length >= magic.length && Arrays.equals(head, 0, magic.length, magic, 0, magic.length);
    }

    private static long ceilDiv(long a, long b) {
        return (a + b - 1) / b;
    }

    private byte[] readAt(long offset, int length) throws IOException {
        ByteBuffer buf = ByteBuffer.allocate(length);
        while (buf.hasRemaining()) {
            int n = channel.read(buf, offset + buf.position());
            if (n < 0) {
                throw new CorruptFileException(name, offset + buf.position(), "truncated: unexpected end of file");
            }
        }
        return buf.array();
    }

    private byte[] readBlock(long block, long referencedAt) throws IOException {
        long off = block * blockSize;
        if (off + blockSize > fileSizeBytes) {
            throw new CorruptFileException(name, referencedAt >= 0 ? referencedAt : off,
                    "block " + block + " lies beyond the end of the file (" + fileSizeBytes + " bytes)");
        }
        return readAt(off, blockSize);
    }

    /** Number of streams in the directory. */
    public int streamCount() {
        return streamSizes.length;
    }

    /** Block (page) size in bytes. */
    public int blockSize() {
        return blockSize;
    }

    /** True when the stream index exists and is not nil. */
    public boolean hasStream(int index) {
        return index >= 0 && index < streamSizes.length && streamSizes[index] != NIL;
    }

    /** Size of a stream in bytes (0 for nil streams). */
    public long streamSizeBytes(int index) {
        return hasStream(index) ? streamSizes[index] : 0;
    }

    /** The file path. */
    public Path file() {
        return file;
    }

    /**
     * Reads a whole stream. Contiguous streams are mapped (no copy); fragmented ones are gathered.
     *
     * @throws CorruptFileException when the stream does not exist
     */
    public LeReader stream(int index) throws IOException {
        if (!hasStream(index)) {
            throw new CorruptFileException(name, -1, "stream " + index + " does not exist (file has "
                    + streamSizes.length + " streams)");
        }
        long size = streamSizes[index];
        int[] blocks = streamBlocks[index];
        String label = name + " stream " + index;
        if (size == 0) {
            return new LeReader(ByteBuffer.allocate(0), label, 0);
        }
        if (size > Integer.MAX_VALUE) {
            throw new CorruptFileException(name, -1, "stream " + index + " larger than 2 GiB");
        }
        boolean contiguous = true;
        for (int k = 1; k < blocks.length && contiguous; k++) {
            contiguous = blocks[k] == blocks[k - 1] + 1;
        }
        long start = (long) blocks[0] * blockSize;
        if (contiguous && size >= 64 * 1024) {
            ByteBuffer map = channel.map(FileChannel.MapMode.READ_ONLY, start, size).order(ByteOrder.LITTLE_ENDIAN);
            return new LeReader(map, label, 0);
        }
        ByteBuffer buf = ByteBuffer.allocate((int) size);
        for (int k = 0; k < blocks.length; k++) {
            long off = (long) blocks[k] * blockSize;
            int len = (int) Math.min(blockSize, size - (long) k * blockSize);
            ByteBuffer slice = buf.slice(k * blockSize, len);
            while (slice.hasRemaining()) {
                if (channel.read(slice, off + slice.position()) < 0) {
                    throw new CorruptFileException(name, off + slice.position(), "truncated inside stream " + index);
                }
            }
        }
        return new LeReader(buf, label, 0);
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
