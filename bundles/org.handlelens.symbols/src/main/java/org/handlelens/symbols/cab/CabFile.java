package org.handlelens.symbols.cab;

import org.handlelens.symbols.io.CorruptFileException;
import org.handlelens.symbols.io.LeReader;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * A Microsoft cabinet (MS-CAB) reader for the compressed {@code _} files of symbol stores. Supports
 * uncompressed, MSZIP (each data block is {@code CK} + raw deflate using the previous block's output as
 * dictionary; what makecab and gcab write by default) and LZX folders (what {@code symstore /compress} writes;
 * {@link LzxDecoder}); Quantum is reported as unsupported. Single-cabinet sets only (symstore splits PDBs over
 * about 2 GB into cabinet sets that even symsrv cannot expand).
 */
public final class CabFile {
    private static final int MAGIC = 0x4643534D; // "MSCF"
    private static final int FLAG_PREV = 1;
    private static final int FLAG_NEXT = 2;
    private static final int FLAG_RESERVE = 4;
    private static final int MSZIP_BLOCK_MAX = 32768;

    /** One file in the cabinet. */
    public record Entry(String name, long sizeBytes, long offsetInFolder, int folder) {
    }

    private record Folder(long firstDataOffset, int dataBlocks, int compression) {
    }

    private final LeReader r;
    private final List<Folder> folders;
    private final List<Entry> entries;
    private final int dataReserveBytes;

    private CabFile(LeReader r) throws CorruptFileException {
        this.r = r;
        r.require(0, 36, "CFHEADER");
        if (r.i32(0) != MAGIC) {
            throw r.error(0, "not a cabinet (no MSCF signature)");
        }
        long cabSize = r.u32(8);
        if (cabSize > r.size()) {
            throw r.error(8, "truncated: header says " + cabSize + " bytes, file has " + r.size());
        }
        long filesOffset = r.u32(16);
        int folderCount = r.u16(26);
        int fileCount = r.u16(28);
        int flags = r.u16(30);
        if ((flags & (FLAG_PREV | FLAG_NEXT)) != 0) {
            throw r.error(30, "multi-cabinet sets are not supported");
        }
        long p = 36;
        int folderReserve = 0;
        int dataReserve = 0;
        if ((flags & FLAG_RESERVE) != 0) {
            int headerReserve = r.u16(36);
            folderReserve = r.u8(38);
            dataReserve = r.u8(39);
            p = 40 + headerReserve;
        }
        this.dataReserveBytes = dataReserve;
        List<Folder> fl = new ArrayList<>(folderCount);
        for (int i = 0; i < folderCount; i++) {
            r.require(p, 8, "CFFOLDER " + i);
            fl.add(new Folder(r.u32(p), r.u16(p + 4), r.u16(p + 6)));
            p += 8 + folderReserve;
        }
        folders = List.copyOf(fl);
        List<Entry> en = new ArrayList<>(fileCount);
        p = filesOffset;
        for (int i = 0; i < fileCount; i++) {
            r.require(p, 16, "CFFILE " + i);
            long size = r.u32(p);
            long off = r.u32(p + 4);
            int folder = r.u16(p + 8);
            if (folder >= folderCount) {
                throw r.error(p + 8, "file " + i + " refers to folder " + folder + " of " + folderCount);
            }
            int nameLen = r.cstringLength(p + 16, r.size());
            if (nameLen < 0) {
                throw r.error(p + 16, "unterminated file name");
            }
            en.add(new Entry(r.cstring(p + 16, r.size()), size, off, folder));
            p += 16 + nameLen + 1;
        }
        entries = List.copyOf(en);
    }

    /** Parses a cabinet held in memory; {@code name} appears in error messages. */
    public static CabFile parse(ByteBuffer bytes, String name) throws CorruptFileException {
        return new CabFile(new LeReader(bytes, name, 0));
    }

    /** Opens a cabinet file (memory-mapped). */
    public static CabFile open(Path file) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            if (ch.size() > Integer.MAX_VALUE) {
                throw new CorruptFileException(file.toString(), -1, "cabinet larger than 2 GiB");
            }
            return parse(ch.map(FileChannel.MapMode.READ_ONLY, 0, ch.size()), file.toString());
        }
    }

    /** The files in the cabinet. */
    public List<Entry> entries() {
        return entries;
    }

    /**
     * Writes one file's contents.
     *
     * @param maxBytes refuse files larger than this (decompression bomb guard)
     */
    public void extract(Entry entry, OutputStream out, long maxBytes) throws IOException {
        if (entry.sizeBytes() > maxBytes) {
            throw new CorruptFileException(r.source(), -1, "file " + entry.name() + " is " + entry.sizeBytes()
                    + " bytes, above the limit of " + maxBytes);
        }
        Folder f = folders.get(entry.folder());
        int type = f.compression() & 0x0F;
        if (type == 3) {
            extractLzx(entry, f, out);
            return;
        }
        if (type != 0 && type != 1) {
            String name = type == 2 ? "Quantum" : "type " + type;
            throw new CorruptFileException(r.source(), -1, "cabinet compression " + name
                    + " is not supported (stored, MSZIP and LZX are); expand it with cabextract or expand.exe");
        }
        long skip = entry.offsetInFolder();
        long remaining = entry.sizeBytes();
        byte[] window = new byte[0];
        long p = f.firstDataOffset();
        byte[] block = new byte[MSZIP_BLOCK_MAX];
        for (int i = 0; i < f.dataBlocks() && remaining > 0; i++) {
            r.require(p, 8, "CFDATA " + i);
            int compressed = r.u16(p + 4);
            int uncompressed = r.u16(p + 6);
            long data = p + 8 + dataReserveBytes;
            r.require(data, compressed, "CFDATA " + i + " payload");
            if (uncompressed > MSZIP_BLOCK_MAX) {
                throw r.error(p + 6, "data block claims " + uncompressed + " bytes (max 32768)");
            }
            int produced;
            if (type == 0) {
                if (compressed != uncompressed) {
                    throw r.error(p + 4, "uncompressed block with different sizes");
                }
                block = r.bytes(data, compressed);
                produced = compressed;
            } else {
                produced = inflateMszip(data, compressed, uncompressed, window, block);
                window = Arrays.copyOf(block, produced);
            }
            int from = (int) Math.min(skip, produced);
            skip -= from;
            int n = (int) Math.min(produced - from, remaining);
            out.write(block, from, n);
            remaining -= n;
            p = data + compressed;
        }
        if (remaining > 0) {
            throw r.error(p, "truncated: file " + entry.name() + " is missing " + remaining + " bytes");
        }
    }

    /**
     * LZX: the folder's CFDATA payloads form one bit stream (a match may refer back into earlier blocks through
     * the window), decoded one frame per CFDATA block; frames before the entry are decoded and dropped.
     */
    private void extractLzx(Entry entry, Folder f, OutputStream out) throws IOException {
        long p = f.firstDataOffset();
        java.io.ByteArrayOutputStream payloads = new java.io.ByteArrayOutputStream();
        int[] frames = new int[f.dataBlocks()];
        int[] pieceStarts = new int[f.dataBlocks()];
        long[] pieceOffsets = new long[f.dataBlocks()];
        long needed = entry.offsetInFolder() + entry.sizeBytes();
        long frameTotal = 0;
        int count = 0;
        for (int i = 0; i < f.dataBlocks() && frameTotal < needed; i++) {
            r.require(p, 8, "CFDATA " + i);
            int compressed = r.u16(p + 4);
            int uncompressed = r.u16(p + 6);
            long data = p + 8 + dataReserveBytes;
            r.require(data, compressed, "CFDATA " + i + " payload");
            if (uncompressed > LzxDecoder.FRAME_BYTES || uncompressed == 0) {
                throw r.error(p + 6, "LZX data block claims " + uncompressed + " bytes (1..32768)");
            }
            pieceStarts[count] = payloads.size();
            pieceOffsets[count] = data;
            payloads.write(r.bytes(data, compressed));
            frames[count++] = uncompressed;
            frameTotal += uncompressed;
            p = data + compressed;
        }
        if (frameTotal < needed) {
            throw r.error(p, "truncated: file " + entry.name() + " is missing " + (needed - frameTotal) + " bytes");
        }
        int windowBits = (f.compression() >>> 8) & 0x1F;
        LzxDecoder lzx = new LzxDecoder(r.source(), payloads.toByteArray(), Arrays.copyOf(pieceStarts, count),
                Arrays.copyOf(pieceOffsets, count), windowBits);
        byte[] frame = new byte[LzxDecoder.FRAME_BYTES];
        long skip = entry.offsetInFolder();
        long remaining = entry.sizeBytes();
        for (int i = 0; i < count && remaining > 0; i++) {
            lzx.decodeFrame(frame, frames[i]);
            int from = (int) Math.min(skip, frames[i]);
            skip -= from;
            int n = (int) Math.min(frames[i] - from, remaining);
            out.write(frame, from, n);
            remaining -= n;
        }
    }

    private int inflateMszip(long data, int compressed, int uncompressed, byte[] dictionary, byte[] out)
            throws CorruptFileException {
        if (compressed < 2 || r.u8(data) != 'C' || r.u8(data + 1) != 'K') {
            throw r.error(data, "MSZIP block does not start with 'CK'");
        }
        Inflater inf = new Inflater(true);
        try {
            inf.setInput(r.bytes(data + 2, compressed - 2));
            if (dictionary.length > 0) {
                inf.setDictionary(dictionary);
            }
            int n = 0;
            while (n < uncompressed && !inf.finished()) {
                int k = inf.inflate(out, n, uncompressed - n);
                if (k == 0 && (inf.needsInput() || inf.needsDictionary())) {
                    break;
                }
                n += k;
            }
            if (n != uncompressed) {
                throw r.error(data, "MSZIP block inflated to " + n + " bytes, header says " + uncompressed);
            }
            return n;
        } catch (DataFormatException e) {
            throw r.error(data, "corrupt MSZIP deflate data: " + e.getMessage());
        } finally {
            inf.end();
        }
    }
}
