package org.handlelens.symbols.pdb;

import org.handlelens.symbols.io.CorruptFileException;
import org.handlelens.symbols.io.LeReader;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Parses the CodeView C13 debug subsections at the end of a module stream into a {@link LineTable}.
 * Subsections are {@code u32 kind, u32 length, data}, each padded to 4 bytes. Read here:
 * <ul>
 * <li>{@code DEBUG_S_FILECHKSMS} (0xF4): per file {@code u32 /names offset, u8 checksum size, u8 kind,
 * checksum}, padded to 4; line blocks name a file by the byte offset of its entry.</li>
 * <li>{@code DEBUG_S_LINES} (0xF2): {@code u32 offset, u16 segment, u16 flags (1 = columns), u32 code size},
 * then blocks {@code u32 file-checksum offset, u32 line count, u32 block size} with {@code (u32 offset,
 * u32 line:24|delta:7|statement:1)} entries and, with flag 1, {@code (u16 start, u16 end)} columns.</li>
 * </ul>
 * A line covers the bytes up to the next line's offset; the last one ends at the subsection's code size
 * (after that: no line). Lines 0xFEEFEE and 0xF00F00 (compiler-hidden code) become gaps. Every length is
 * checked against its container, so damaged input fails with {@link CorruptFileException} (stream + offset).
 */
public final class C13Lines {
    static final int DEBUG_S_LINES = 0xF2;
    static final int DEBUG_S_FILECHKSMS = 0xF4;
    private static final int CV_LINES_HAVE_COLUMNS = 1;
    private static final int HIDDEN_LINE = 0xFEEFEE;
    private static final int HIDDEN_LINE_2 = 0xF00F00;

    /** Section:offset to RVA; -1 when the address maps nowhere. */
    @FunctionalInterface
    public interface RvaMapper {
        long toRva(int segment, long offset);
    }

    /** Looks up a file name by its offset in the {@code /names} string buffer. */
    @FunctionalInterface
    public interface NameLookup {
        String name(long namesOffset) throws CorruptFileException;
    }

    private C13Lines() {
    }

    /**
     * @param r      the module stream
     * @param start  offset of the C13 data (SymByteSize + C11ByteSize)
     * @param length C13ByteSize
     */
    public static LineTable parse(LeReader r, long start, long length, RvaMapper mapper, NameLookup names)
            throws CorruptFileException {
        r.require(start, length, "C13 line information");
        long end = start + length;
        long checksums = -1;
        long checksumsBytes = 0;
        for (long p = start; p + 8 <= end; p = next(p, r.u32(p + 4))) {
            long len = subsectionLength(r, p, end);
            if (r.i32(p) == DEBUG_S_FILECHKSMS && checksums < 0) {
                checksums = p + 8;
                checksumsBytes = len;
            }
        }
        Builder b = new Builder();
        Map<Long, Integer> fileByChecksum = new HashMap<>();
        for (long p = start; p + 8 <= end; p = next(p, r.u32(p + 4))) {
            long len = subsectionLength(r, p, end);
            if (r.i32(p) == DEBUG_S_LINES) {
                readLines(r, p + 8, p + 8 + len, checksums, checksumsBytes, mapper, names, fileByChecksum, b);
            }
        }
        return b.build();
    }

    private static long subsectionLength(LeReader r, long p, long end) throws CorruptFileException {
        long len = r.u32(p + 4);
        if (len > end - p - 8) {
            throw r.error(p + 4, "C13 subsection 0x" + Integer.toHexString(r.i32(p)) + " of " + len
                    + " bytes runs past the end of the line information (" + (end - p - 8) + " bytes left)");
        }
        return len;
    }

    private static long next(long p, long len) {
        return p + 8 + ((len + 3) & ~3L);
    }

    private static void readLines(LeReader r, long from, long to, long checksums, long checksumsBytes,
                                  RvaMapper mapper, NameLookup names, Map<Long, Integer> fileByChecksum,
                                  Builder b) throws CorruptFileException {
        if (to - from < 12) {
            throw r.error(from, "DEBUG_S_LINES of " + (to - from) + " bytes is shorter than its 12-byte header");
        }
        long offCon = r.u32(from);
        int segment = r.u16(from + 4);
        boolean columns = (r.u16(from + 6) & CV_LINES_HAVE_COLUMNS) != 0;
        long codeBytes = r.u32(from + 8);
        long q = from + 12;
        while (q < to) {
            if (to - q < 12) {
                throw r.error(q, "truncated line block header (" + (to - q) + " bytes left in DEBUG_S_LINES)");
            }
            long checksumOffset = r.u32(q);
            long count = r.u32(q + 4);
            long blockBytes = r.u32(q + 8);
            long entryBytes = columns ? 12 : 8;
            if (blockBytes < 12 || blockBytes > to - q) {
                throw r.error(q + 8, "line block size " + blockBytes + " outside 12.." + (to - q));
            }
            if (count > (blockBytes - 12) / entryBytes) {
                throw r.error(q + 4, "line block claims " + count + " lines, its " + blockBytes
                        + " bytes hold at most " + (blockBytes - 12) / entryBytes);
            }
            int file = fileIndex(r, q, checksumOffset, checksums, checksumsBytes, names, fileByChecksum, b);
            long lineBase = q + 12;
            long columnBase = lineBase + 8 * count;
            for (long i = 0; i < count; i++) {
                long off = r.u32(lineBase + 8 * i);
                int line = r.i32(lineBase + 8 * i + 4) & 0xFF_FFFF;
                if (line == HIDDEN_LINE || line == HIDDEN_LINE_2) {
                    line = 0;
                }
                int column = columns ? r.u16(columnBase + 4 * i) : 0;
                long rva = mapper.toRva(segment, offCon + off);
                if (rva >= 0 && rva <= 0xFFFF_FFFFL) {
                    b.add(rva, line, column, file, false);
                    b.anyColumns |= columns;
                }
            }
            q += blockBytes;
        }
        long endRva = mapper.toRva(segment, offCon + codeBytes);
        if (endRva >= 0 && endRva <= 0xFFFF_FFFFL) {
            b.add(endRva, 0, 0, 0, true); // no line after the code range
        }
    }

    private static int fileIndex(LeReader r, long block, long checksumOffset, long checksums, long checksumsBytes,
                                 NameLookup names, Map<Long, Integer> fileByChecksum, Builder b)
            throws CorruptFileException {
        Integer known = fileByChecksum.get(checksumOffset);
        if (known != null) {
            return known;
        }
        if (checksums < 0) {
            throw r.error(block, "line block names file checksum entry " + checksumOffset
                    + " but the module has no DEBUG_S_FILECHKSMS subsection");
        }
        if (checksumOffset > checksumsBytes - 6 || checksumsBytes < 6) {
            throw r.error(block, "file checksum offset " + checksumOffset + " outside the "
                    + checksumsBytes + "-byte DEBUG_S_FILECHKSMS subsection");
        }
        String name = names.name(r.u32(checksums + checksumOffset));
        int index = b.file(name);
        fileByChecksum.put(checksumOffset, index);
        return index;
    }

    /** Collects entries in primitive arrays, then sorts them by RVA. */
    private static final class Builder {
        private long[] keys = new long[256];
        private int[] lines = new int[256];
        private int[] columns = new int[256];
        private int[] files = new int[256];
        private int count;
        private boolean anyColumns;
        private final List<String> fileNames = new ArrayList<>();
        private final Map<String, Integer> fileIndexes = new HashMap<>();

        int file(String name) {
            return fileIndexes.computeIfAbsent(name, n -> {
                fileNames.add(n);
                return fileNames.size() - 1;
            });
        }

        void add(long rva, int line, int column, int file, boolean marker) {
            if (count == keys.length) {
                int n = count * 2;
                keys = Arrays.copyOf(keys, n);
                lines = Arrays.copyOf(lines, n);
                columns = Arrays.copyOf(columns, n);
                files = Arrays.copyOf(files, n);
            }
            // key: RVA, then real entries after end markers at the same RVA, then input order; the last entry
            // at an RVA wins (a zero-length line followed by the real one, or a function starting where the
            // previous one's code range ends). Sign bit flipped so that a signed sort orders unsigned RVAs.
            keys[count] = ((rva << 32) | (marker ? 0 : 1L << 31) | count) ^ Long.MIN_VALUE;
            lines[count] = line;
            columns[count] = column;
            files[count] = file;
            count++;
        }

        LineTable build() {
            long[] sorted = Arrays.copyOf(keys, count);
            Arrays.sort(sorted);
            int[] outRva = new int[count];
            int[] outLine = new int[count];
            int[] outColumn = anyColumns ? new int[count] : null;
            int[] outFile = new int[count];
            int n = 0;
            for (int k = 0; k < count; k++) {
                long key = sorted[k] ^ Long.MIN_VALUE;
                int rva = (int) (key >>> 32);
                int i = (int) (key & 0x7FFF_FFFF);
                if (n > 0 && outRva[n - 1] == rva) {
                    n--; // the later entry at the same RVA replaces the earlier one
                }
                if (lines[i] == 0 && (n == 0 || outLine[n - 1] == 0)) {
                    continue; // a gap after a gap (or at the start) adds nothing
                }
                outRva[n] = rva;
                outLine[n] = lines[i];
                if (outColumn != null) {
                    outColumn[n] = columns[i];
                }
                outFile[n] = files[i];
                n++;
            }
            return new LineTable(Arrays.copyOf(outRva, n), Arrays.copyOf(outLine, n),
                    outColumn == null ? null : Arrays.copyOf(outColumn, n), Arrays.copyOf(outFile, n),
                    fileNames.toArray(String[]::new));
        }
    }
}
