package org.handlelens.model.store;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * Identity of a source file cheap enough to check on every open: size, modification time and a
 * SHA-256 over its first and last 64 KiB (the first and last ETL buffers). An index whose
 * fingerprint differs from the file's is stale.
 *
 * @param sizeBytes  file size
 * @param mtimeMillis last-modified time in milliseconds since the epoch
 * @param headTailSha256 SHA-256 of the first 64 KiB followed by the last 64 KiB (32 bytes)
 */
public record SourceFingerprint(long sizeBytes, long mtimeMillis, byte[] headTailSha256) {
    /** Bytes hashed at each end of the file. */
    public static final int EDGE_BYTES = 64 * 1024;

    public SourceFingerprint {
        headTailSha256 = headTailSha256.clone();
        if (headTailSha256.length != 32) {
            throw new IllegalArgumentException("SHA-256 needs 32 bytes");
        }
    }

    /** Fingerprint of {@code file} now. */
    public static SourceFingerprint of(Path file) throws IOException {
        long size = Files.size(file);
        long mtime = Files.getLastModifiedTime(file).toMillis();
        MessageDigest sha;
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("JDK without SHA-256", e);
        }
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            hashRange(ch, 0, Math.min(size, EDGE_BYTES), sha);
            long tailStart = Math.max(0, size - EDGE_BYTES);
            hashRange(ch, tailStart, size - tailStart, sha);
        }
        return new SourceFingerprint(size, mtime, sha.digest());
    }

    private static void hashRange(FileChannel ch, long start, long length, MessageDigest sha) throws IOException {
        ByteBuffer buf = ByteBuffer.allocate((int) length);
        long pos = start;
        while (buf.hasRemaining()) {
            int n = ch.read(buf, pos);
            if (n < 0) {
                throw new IOException("file shrank while fingerprinting");
            }
            pos += n;
        }
        buf.flip();
        sha.update(buf);
    }

    @Override
    public byte[] headTailSha256() {
        return headTailSha256.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SourceFingerprint f && f.sizeBytes == sizeBytes && f.mtimeMillis == mtimeMillis
                && Arrays.equals(f.headTailSha256, headTailSha256);
    }

    @Override
    public int hashCode() {
        return Long.hashCode(sizeBytes) * 31 + Arrays.hashCode(headTailSha256);
    }

    @Override
    public String toString() {
        return "SourceFingerprint[size=" + sizeBytes + ", mtime=" + mtimeMillis + ", sha256="
                + HexFormat.of().formatHex(headTailSha256) + "]";
    }
}
