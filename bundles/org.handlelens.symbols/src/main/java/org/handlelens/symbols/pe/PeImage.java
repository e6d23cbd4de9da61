package org.handlelens.symbols.pe;

import org.handlelens.symbols.Guids;
import org.handlelens.symbols.ImageIdentity;
import org.handlelens.symbols.io.CorruptFileException;
import org.handlelens.symbols.io.LeReader;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A parsed PE32/PE32+ image: COFF and optional header facts, sections, debug directory with the
 * CodeView record, and the export table. Parsing is eager (headers are small); exports are parsed
 * on first use.
 */
public final class PeImage {
    /** IMAGE_DIRECTORY_ENTRY_EXPORT. */
    public static final int DIR_EXPORT = 0;
    /** IMAGE_DIRECTORY_ENTRY_DEBUG. */
    public static final int DIR_DEBUG = 6;
    private static final int MAX_SECTIONS = 96;
    private static final int MAX_EXPORTS = 1 << 20;
    private static final int MAX_NAME_BYTES = 4096;

    private final String fileName;
    private final LeReader r;
    private final int machine;
    private final long timeDateStamp;
    private final boolean pe32Plus;
    private final long imageBase;
    private final long sizeOfImageBytes;
    private final long entryPointRva;
    private final long[][] dataDirectories;
    private final long dataDirectoryOffset; // file offset of DataDirectory[0], for error messages
    private final List<SectionHeader> sections;
    private final List<DebugDirectoryEntry> debugEntries;
    private long debugDirectoryFileOffset = -1; // for error messages
    private final CodeViewRecord codeView;
    private List<PeExport> exports;

    private PeImage(String fileName, LeReader r) throws CorruptFileException {
        this.fileName = fileName;
        this.r = r;
        if (r.size() < 0x40 || r.u16(0) != 0x5A4D) {
            throw r.error(0, "not a PE image (no MZ signature)");
        }
        long peOff = r.u32(0x3C);
        if (peOff + 24 > r.size() || r.u32(peOff) != 0x4550) {
            throw r.error(peOff, "no PE\\0\\0 signature at e_lfanew");
        }
        machine = r.u16(peOff + 4);
        int numberOfSections = r.u16(peOff + 6);
        timeDateStamp = r.u32(peOff + 8);
        int sizeOfOptionalHeader = r.u16(peOff + 20);
        long opt = peOff + 24;
        int magic = r.u16(opt);
        if (magic != 0x10B && magic != 0x20B) {
            throw r.error(opt, String.format("unknown optional header magic 0x%X (expected 0x10B or 0x20B)", magic));
        }
        pe32Plus = magic == 0x20B;
        entryPointRva = r.u32(opt + 16);
        imageBase = pe32Plus ? r.u64(opt + 24) : r.u32(opt + 28);
        sizeOfImageBytes = r.u32(opt + 56);
        long numberOfRvaAndSizes = r.u32(opt + (pe32Plus ? 108 : 92));
        long dirBase = opt + (pe32Plus ? 112 : 96);
        int dirCount = (int) Math.min(16, numberOfRvaAndSizes);
        if (dirBase + dirCount * 8L > opt + sizeOfOptionalHeader) {
            throw r.error(dirBase, "data directories extend past SizeOfOptionalHeader " + sizeOfOptionalHeader);
        }
        dataDirectoryOffset = dirBase;
        dataDirectories = new long[16][2];
        for (int i = 0; i < dirCount; i++) {
            dataDirectories[i][0] = r.u32(dirBase + i * 8L);
            dataDirectories[i][1] = r.u32(dirBase + i * 8L + 4);
        }
        if (numberOfSections > MAX_SECTIONS) {
            throw r.error(peOff + 6, "implausible NumberOfSections " + numberOfSections);
        }
        long secOff = opt + sizeOfOptionalHeader;
        List<SectionHeader> secs = new ArrayList<>(numberOfSections);
        for (int i = 0; i < numberOfSections; i++) {
            secs.add(SectionHeader.read(r, secOff + (long) i * SectionHeader.SIZE_BYTES));
        }
        sections = List.copyOf(secs);
        debugEntries = readDebugDirectory();
        codeView = readCodeView();
    }

    /** Reads an image file (memory-mapped, read-only). */
    public static PeImage read(Path file) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = ch.size();
            if (size > Integer.MAX_VALUE) {
                throw new CorruptFileException(file.toString(), -1, "image larger than 2 GiB");
            }
            ByteBuffer map = ch.map(FileChannel.MapMode.READ_ONLY, 0, size);
            return new PeImage(file.getFileName().toString(), new LeReader(map, file.toString(), 0));
        }
    }

    /** Parses an image held in memory. */
    public static PeImage parse(byte[] bytes, String fileName) throws CorruptFileException {
        return new PeImage(fileName, LeReader.of(bytes, fileName));
    }

    private List<DebugDirectoryEntry> readDebugDirectory() throws CorruptFileException {
        long rva = dataDirectories[DIR_DEBUG][0];
        long size = dataDirectories[DIR_DEBUG][1];
        if (rva == 0 || size == 0) {
            return List.of();
        }
        long off = rvaToFileOffset(rva);
        if (off < 0) {
            throw r.error(dataDirectoryOffset + DIR_DEBUG * 8L,
                    String.format("debug directory RVA 0x%X is in no section", rva));
        }
        debugDirectoryFileOffset = off;
        int count = (int) Math.min(size / 28, 64);
        r.require(off, count * 28L, "debug directory");
        List<DebugDirectoryEntry> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            long e = off + i * 28L;
            out.add(new DebugDirectoryEntry((int) r.u32(e + 12), r.u32(e + 4), r.u32(e + 16), r.u32(e + 20), r.u32(e + 24)));
        }
        return List.copyOf(out);
    }

    private CodeViewRecord readCodeView() throws CorruptFileException {
        for (int i = 0; i < debugEntries.size(); i++) {
            DebugDirectoryEntry e = debugEntries.get(i);
            if (e.type() != DebugDirectoryEntry.TYPE_CODEVIEW || e.sizeOfDataBytes() < 16
                    || e.sizeOfDataBytes() > 64 * 1024) {
                continue;
            }
            long off = e.pointerToRawData();
            if (off == 0) {
                off = rvaToFileOffset(e.addressOfRawData());
                if (off < 0) {
                    continue; // data not present in the file
                }
            }
            long end = off + e.sizeOfDataBytes();
            if (end > r.size()) {
                // name the entry that points there: the data offset alone does not say which field is wrong
                throw r.error(debugDirectoryFileOffset + i * 28L + 24, String.format(
                        "truncated: debug directory entry %d (CodeView) puts %d bytes at file offset 0x%X, the file "
                                + "has %d bytes", i, e.sizeOfDataBytes(), off, r.size()));
            }
            long sig = r.u32(off);
            if (sig == 0x53445352L) { // "RSDS"
                r.require(off, 25, "RSDS record");
                return new CodeViewRecord("RSDS", Guids.fromWindowsBytes(r.bytes(off + 4, 16)), 0, r.u32(off + 20),
                        r.cstring(off + 24, end));
            }
            if (sig == 0x3031424EL) { // "NB10"
                return new CodeViewRecord("NB10", null, r.u32(off + 8), r.u32(off + 12), r.cstring(off + 16, end));
            }
        }
        return null;
    }

    /** File offset of an RVA, or -1 when no section holds it (headers map 1:1). */
    public long rvaToFileOffset(long rva) {
        for (SectionHeader s : sections) {
            if (s.containsRva(rva)) {
                long delta = rva - s.virtualAddress();
                return delta < s.sizeOfRawDataBytes() ? s.pointerToRawData() + delta : -1;
            }
        }
        return rva < r.size() && (sections.isEmpty() || rva < sections.get(0).virtualAddress()) ? rva : -1;
    }

    /** Export table (empty when the image exports nothing). Forwarders are included with their target. */
    public synchronized List<PeExport> exports() throws CorruptFileException {
        if (exports == null) {
            exports = readExports();
        }
        return exports;
    }

    private List<PeExport> readExports() throws CorruptFileException {
        long dirRva = dataDirectories[DIR_EXPORT][0];
        long dirSize = dataDirectories[DIR_EXPORT][1];
        if (dirRva == 0 || dirSize == 0) {
            return List.of();
        }
        long d = rvaToFileOffset(dirRva);
        if (d < 0) {
            throw r.error(dataDirectoryOffset + DIR_EXPORT * 8L,
                    String.format("export directory RVA 0x%X is in no section", dirRva));
        }
        r.require(d, 40, "IMAGE_EXPORT_DIRECTORY");
        long base = r.u32(d + 16);
        long numFunctions = r.u32(d + 20);
        long numNames = r.u32(d + 24);
        if (numFunctions > MAX_EXPORTS || numNames > MAX_EXPORTS) {
            throw r.error(d + 20, "implausible export count " + numFunctions);
        }
        long funcs = fileOffsetOrFail(r.u32(d + 28), "AddressOfFunctions", d + 28);
        String[] names = new String[(int) numFunctions];
        if (numNames > 0) {
            long nameRvas = fileOffsetOrFail(r.u32(d + 32), "AddressOfNames", d + 32);
            long ordinals = fileOffsetOrFail(r.u32(d + 36), "AddressOfNameOrdinals", d + 36);
            for (int i = 0; i < numNames; i++) {
                int idx = r.u16(ordinals + 2L * i);
                long nameOff = fileOffsetOrFail(r.u32(nameRvas + 4L * i), "export name", nameRvas + 4L * i);
                if (idx < names.length) {
                    names[idx] = r.cstring(nameOff, Math.min(r.size(), nameOff + MAX_NAME_BYTES));
                }
            }
        }
        List<PeExport> out = new ArrayList<>();
        for (int i = 0; i < numFunctions; i++) {
            long rva = r.u32(funcs + 4L * i);
            if (rva == 0) {
                continue;
            }
            String forwarder = null;
            if (rva >= dirRva && rva < dirRva + dirSize) {
                long fwd = fileOffsetOrFail(rva, "forwarder", funcs + 4L * i);
                forwarder = r.cstring(fwd, Math.min(r.size(), fwd + MAX_NAME_BYTES));
            }
            out.add(new PeExport(names[i], (int) (base + i), rva, forwarder));
        }
        return List.copyOf(out);
    }

    private long fileOffsetOrFail(long rva, String what, long referencedAt) throws CorruptFileException {
        long off = rvaToFileOffset(rva);
        if (off < 0) {
            throw r.error(referencedAt, String.format("%s RVA 0x%X is in no section", what, rva));
        }
        return off;
    }

    /** File name (no directory). */
    public String fileName() {
        return fileName;
    }

    /** IMAGE_FILE_MACHINE_* (0x14C x86, 0x8664 x64, 0xAA64 ARM64). */
    public int machine() {
        return machine;
    }

    /** True for PE32+ (64-bit) images. */
    public boolean isPe32Plus() {
        return pe32Plus;
    }

    /** COFF TimeDateStamp. */
    public long timeDateStamp() {
        return timeDateStamp;
    }

    /** SizeOfImage. */
    public long sizeOfImageBytes() {
        return sizeOfImageBytes;
    }

    /** Preferred load address. */
    public long imageBase() {
        return imageBase;
    }

    /** AddressOfEntryPoint. */
    public long entryPointRva() {
        return entryPointRva;
    }

    /** Data directory {@code index}: {RVA, size}. */
    public long[] dataDirectory(int index) {
        return dataDirectories[index].clone();
    }

    /** Section table. */
    public List<SectionHeader> sections() {
        return sections;
    }

    /** Debug directory entries. */
    public List<DebugDirectoryEntry> debugEntries() {
        return debugEntries;
    }

    /** The CodeView record, when present. */
    public Optional<CodeViewRecord> codeView() {
        return Optional.ofNullable(codeView);
    }

    /** The symbol-store identity of this image file. */
    public ImageIdentity imageIdentity() {
        return new ImageIdentity(fileName, timeDateStamp, sizeOfImageBytes);
    }
}
