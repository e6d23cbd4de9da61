package org.handlelens.model.store;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.zip.CRC32;

/**
 * Sequential reader of an index file: large {@link FileChannel} reads into one direct buffer, the CRC-32 of
 * the checked prefix computed on each read (the intrinsic {@link CRC32#update(ByteBuffer)}), big-endian
 * scalars and little-endian bulk arrays copied straight out of the buffer. Knows its byte offset so errors
 * can name it. Not thread-safe.
 */
final class IndexInput {
    /** Read size: large enough that the per-read cost vanishes, small enough to stay in cache-friendly pieces. */
    private static final int BUFFER_BYTES = 4 << 20;

    private final FileChannel channel;
    private final Path path;
    private final long fileSize;
    private final long checkedBytes;
    private ByteBuffer buf;
    /** True once {@link #mapRest} replaced the buffer by a mapping of the rest of the file. */
    private boolean mapped;
    private final CRC32 crc = new CRC32();
    /** File offset of {@code buf}'s position 0. */
    private long bufferStart;
    /** Bytes read from the file so far (and fed to the CRC up to {@link #checkedBytes}). */
    private long filled;

    /**
     * @param checkedBytes length of the prefix whose CRC-32 {@link #crc()} reports (the bytes before the trailer)
     */
    IndexInput(FileChannel channel, Path path, long fileSize, long checkedBytes) {
        this.channel = channel;
        this.path = path;
        this.fileSize = fileSize;
        this.checkedBytes = checkedBytes;
        this.buf = ByteBuffer.allocateDirect((int) Math.min(BUFFER_BYTES, Math.max(64, fileSize)));
        buf.limit(0);
    }

    /** Offset of the next byte to be read. */
    long position() {
        return bufferStart + buf.position();
    }

    /** File size. */
    long fileSize() {
        return fileSize;
    }

    /** CRC-32 of the checked prefix; valid once the reader has passed it. */
    long crc() {
        return crc.getValue();
    }

    /** An exception naming the file and the current offset. */
    IOException corrupt(String why) {
        return corruptAt(position(), why);
    }

    /** An exception naming the file and {@code offset}. */
    IOException corruptAt(long offset, String why) {
        return new IOException(path + ": corrupt index at byte " + offset + ": " + why);
    }

    /** Makes at least {@code n} (at most the buffer's capacity) bytes available; EOF when the file ends first. */
    private void require(int n) throws IOException {
        if (buf.remaining() >= n) {
            return;
        }
        if (mapped) {
            throw new EOFException(path + ": truncated index at byte " + fileSize + " (file has " + fileSize
                    + " bytes)");
        }
        bufferStart += buf.position();
        buf.compact();
        while (buf.position() < n) {
            int start = buf.position();
            int got = channel.read(buf, filled);
            if (got < 0) {
                buf.flip();
                throw new EOFException(path + ": truncated index at byte " + filled + " (file has " + fileSize
                        + " bytes)");
            }
            checksum(start, got);
            filled += got;
        }
        buf.flip();
    }

    /** Feeds the bytes just read at buffer offset {@code start} to the CRC, clipped to the checked prefix. */
    private void checksum(int start, int count) {
        long checked = Math.min(count, Math.max(0, checkedBytes - filled));
        if (checked > 0) {
            ByteBuffer view = buf.duplicate();
            view.position(start).limit(start + (int) checked);
            crc.update(view);
        }
    }

    byte readByte() throws IOException {
        require(1);
        return buf.get();
    }

    boolean readBoolean() throws IOException {
        return readByte() != 0;
    }

    int readInt() throws IOException {
        require(4);
        return buf.getInt();
    }

    long readLong() throws IOException {
        require(8);
        return buf.getLong();
    }

    void readFully(byte[] dst) throws IOException {
        int off = 0;
        while (off < dst.length) {
            require(1);
            int n = Math.min(dst.length - off, buf.remaining());
            buf.get(dst, off, n);
            off += n;
        }
    }

    /**
     * From here on reads come from a read-only mapping of the rest of the file, checksummed at once (no copy
     * into the buffer): for walking over large parts that are {@linkplain #skip skipped}. Does nothing when the
     * rest is 2 GiB or more.
     */
    void mapRest() throws IOException {
        long at = position();
        if (fileSize - at >= Integer.MAX_VALUE || mapped) {
            return;
        }
        ByteBuffer rest = channel.map(FileChannel.MapMode.READ_ONLY, at, fileSize - at);
        // the bytes up to `filled` were checksummed when they were read into the buffer
        long from = filled - at;
        long to = Math.min(fileSize, checkedBytes) - at;
        if (to > from) {
            crc.update(rest.duplicate().position((int) from).limit((int) to));
        }
        bufferStart = at;
        filled = fileSize;
        buf = rest;
        mapped = true;
    }

    /** Skips {@code n} bytes; they are still read from the file and fed to the CRC. */
    void skip(long n) throws IOException {
        long left = n;
        while (left > 0) {
            require(1);
            int step = (int) Math.min(left, buf.remaining());
            buf.position(buf.position() + step);
            left -= step;
        }
    }

    /** {@code dst.length} little-endian shorts. */
    void readShorts(short[] dst) throws IOException {
        int off = 0;
        while (off < dst.length) {
            require(2);
            int n = Math.min(dst.length - off, buf.remaining() / 2);
            buf.slice().order(ByteOrder.LITTLE_ENDIAN).asShortBuffer().get(dst, off, n);
            buf.position(buf.position() + 2 * n);
            off += n;
        }
    }

    /** {@code dst.length} little-endian ints. */
    void readInts(int[] dst) throws IOException {
        int off = 0;
        while (off < dst.length) {
            require(4);
            int n = Math.min(dst.length - off, buf.remaining() / 4);
            buf.slice().order(ByteOrder.LITTLE_ENDIAN).asIntBuffer().get(dst, off, n);
            buf.position(buf.position() + 4 * n);
            off += n;
        }
    }

    /** {@code dst.length} little-endian longs. */
    void readLongs(long[] dst) throws IOException {
        int off = 0;
        while (off < dst.length) {
            require(8);
            int n = Math.min(dst.length - off, buf.remaining() / 8);
            buf.slice().order(ByteOrder.LITTLE_ENDIAN).asLongBuffer().get(dst, off, n);
            buf.position(buf.position() + 8 * n);
            off += n;
        }
    }
}
