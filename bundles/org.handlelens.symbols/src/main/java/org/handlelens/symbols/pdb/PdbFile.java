package org.handlelens.symbols.pdb;

import org.handlelens.symbols.Guids;
import org.handlelens.symbols.PdbIdentity;
import org.handlelens.symbols.io.CorruptFileException;
import org.handlelens.symbols.io.LeReader;
import org.handlelens.symbols.pe.SectionHeader;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A Windows PDB (MSF 7.00): info stream, DBI stream (modules, section contributions, section headers, OMAP),
 * public symbols, global data symbols, per-module procedures and C13 line tables. Each part is read on first use.
 */
public final class PdbFile implements Closeable {
    static final int STREAM_INFO = 1;
    static final int STREAM_DBI = 3;
    static final int S_PUB32 = 0x110E;
    static final int S_GPROC32 = 0x1110;
    static final int S_LPROC32 = 0x110F;
    static final int S_GPROC32_ID = 0x1147;
    static final int S_LPROC32_ID = 0x1146;
    /** Deferred-procedure-call procedures (same PROCSYM32 layout; LLVM CodeViewSymbols.def). */
    static final int S_LPROC32_DPC = 0x1155;
    static final int S_LPROC32_DPC_ID = 0x1156;
    static final int S_GDATA32 = 0x110D;
    static final int S_LDATA32 = 0x110C;
    private static final int DBI_HEADER_BYTES = 64;
    private static final long DBI_V70 = 19990903;
    private static final int NO_STREAM = 0xFFFF;

    private static final long SC_VERSION_60 = 0xEFFE0000L + 19970605;
    private static final long SC_VERSION_2 = 0xEFFE0000L + 20140516;

    private final MsfFile msf;
    private PdbInfo info;
    private Dbi dbi;
    private SectionContributions contributions;
    private PdbNames names;
    private boolean namesRead;

    /** Parsed DBI facts. */
    private record Dbi(long age, int machine, int symRecordStream, List<PdbModule> modules,
                       List<SectionHeader> sections, List<SectionHeader> originalSections, Omap omapFromSrc,
                       Omap omapToSrc, LeReader reader, long contributionsStart, long contributionsBytes) {
    }

    private PdbFile(MsfFile msf) {
        this.msf = msf;
    }

    /** Opens a PDB file; see {@link MsfFile#open(Path)} for rejected formats. */
    public static PdbFile open(Path file) throws IOException {
        return new PdbFile(MsfFile.open(file));
    }

    /** The underlying MSF container. */
    public MsfFile msf() {
        return msf;
    }

    /** The PDB info stream. */
    public synchronized PdbInfo info() throws IOException {
        if (info == null) {
            LeReader r = msf.stream(STREAM_INFO);
            r.require(0, 28, "PDB info stream header");
            info = new PdbInfo(r.u32(0), r.u32(4), r.u32(8), Guids.fromWindowsBytes(r.bytes(12, 16)));
        }
        return info;
    }

    /** Age from the DBI header (the one that equals the image's RSDS age), or the info age without a DBI. */
    public long dbiAge() throws IOException {
        Dbi d = dbi();
        return d != null ? d.age() : info().age();
    }

    /** The machine type from the DBI header (0x14C x86, 0x8664 x64), or 0 without a DBI stream. */
    public int machine() throws IOException {
        Dbi d = dbi();
        return d != null ? d.machine() : 0;
    }

    /** Identity as a symbol server would key this PDB ({@code pdbName} is usually the file name). */
    public PdbIdentity identity(String pdbName) throws IOException {
        return new PdbIdentity(pdbName, info().guid(), dbiAge());
    }

    /**
     * True when this PDB belongs to an image with the given identity: equal GUIDs and the image age equals
     * the DBI age or the info-stream age (the latter can be higher after incremental re-links).
     */
    public boolean matches(PdbIdentity wanted) throws IOException {
        return info().guid().equals(wanted.guid()) && (dbiAge() == wanted.age() || info().age() == wanted.age());
    }

    /** Module infos (empty when there is no DBI stream). */
    public List<PdbModule> modules() throws IOException {
        Dbi d = dbi();
        return d != null ? d.modules() : List.of();
    }

    /** Final-image section headers (empty when absent). */
    public List<SectionHeader> sections() throws IOException {
        Dbi d = dbi();
        return d != null ? d.sections() : List.of();
    }

    /** True when the PDB carries OMAP tables (image re-laid-out after linking). */
    public boolean hasOmap() throws IOException {
        Dbi d = dbi();
        return d != null && d.omapFromSrc() != null;
    }

    private synchronized Dbi dbi() throws IOException {
        if (dbi == null && msf.hasStream(STREAM_DBI) && msf.streamSizeBytes(STREAM_DBI) > 0) {
            dbi = parseDbi(msf.stream(STREAM_DBI));
        }
        return dbi;
    }

    private Dbi parseDbi(LeReader r) throws IOException {
        r.require(0, DBI_HEADER_BYTES, "DBI header");
        if (r.i32(0) != -1) {
            throw r.error(0, "DBI header VersionSignature is not -1 (pre-VC7 PDB?)");
        }
        // V70 (19990903) and V110 (20091201) share this layout; older ones (V41 930803, V50 19960307,
        // V60 19970606) have shorter module infos (SC40) and no section contribution version, and LLVM rejects
        // them too ("Unsupported DBI version"). The 64-byte header itself is the same in all of them.
        long version = r.u32(4);
        if (version < DBI_V70) {
            throw r.error(4, "DBI stream version " + version + " predates V70 (" + DBI_V70
                    + ", Visual C++ 7.0) and is not supported");
        }
        long age = r.u32(8);
        int symRecordStream = r.u16(20);
        int[] sizes = new int[6];
        for (int i = 0; i < 6; i++) {
            sizes[i] = r.i32(24 + 4L * i);
        }
        int ecSize = r.i32(52);
        int dbgSize = r.i32(48);
        int machine = r.u16(58);
        for (int i = 0; i < 6; i++) {
            if (sizes[i] < 0 && i != 5) {
                throw r.error(24 + 4L * i, "negative DBI substream size " + sizes[i]);
            }
        }
        if (ecSize < 0 || dbgSize < 0) {
            throw r.error(48, "negative DBI substream size");
        }
        // order: ModInfo, SectionContribution, SectionMap, FileInfo, TypeServerMap, EC, OptionalDbgHeader
        long modStart = DBI_HEADER_BYTES;
        long modEnd = modStart + sizes[0];
        long dbgStart = modEnd + (long) sizes[1] + sizes[2] + sizes[3] + sizes[4] + ecSize;
        r.require(modStart, sizes[0], "DBI module info substream");
        List<PdbModule> modules = new ArrayList<>();
        long p = modStart;
        while (p + 64 <= modEnd) {
            int symStream = r.u16(p + 34);
            long symBytes = r.u32(p + 36);
            long c11Bytes = r.u32(p + 40);
            long c13Bytes = r.u32(p + 44);
            int n1 = r.cstringLength(p + 64, modEnd);
            if (n1 < 0) {
                throw r.error(p + 64, "unterminated module name");
            }
            String modName = r.cstring(p + 64, modEnd);
            String objName = r.cstring(p + 64 + n1 + 1, modEnd);
            int n2 = r.cstringLength(p + 64 + n1 + 1, modEnd);
            modules.add(new PdbModule(modules.size(), modName, objName, symStream == NO_STREAM ? -1 : symStream, symBytes,
                    c11Bytes, c13Bytes));
            p = modStart + (((p + 64 + n1 + 1 + n2 + 1) - modStart + 3) & ~3L);
        }
        int[] dbgStreams = new int[11];
        Arrays.fill(dbgStreams, NO_STREAM);
        if (dbgSize > 0) {
            r.require(dbgStart, dbgSize, "DBI optional debug header");
            for (int i = 0; i < Math.min(11, dbgSize / 2); i++) {
                dbgStreams[i] = r.u16(dbgStart + 2L * i);
            }
        }
        List<SectionHeader> sections = readSections(dbgStreams[5]);
        List<SectionHeader> orig = readSections(dbgStreams[10]);
        Omap fromSrc = readOmap(dbgStreams[4]);
        Omap toSrc = readOmap(dbgStreams[3]);
        return new Dbi(age, machine, symRecordStream == NO_STREAM ? -1 : symRecordStream, List.copyOf(modules),
                sections, orig, fromSrc, toSrc, r, modEnd, sizes[1]);
    }

    private List<SectionHeader> readSections(int stream) throws IOException {
        if (stream == NO_STREAM || !msf.hasStream(stream)) {
            return List.of();
        }
        LeReader r = msf.stream(stream);
        List<SectionHeader> out = new ArrayList<>();
        for (long off = 0; off + SectionHeader.SIZE_BYTES <= r.size(); off += SectionHeader.SIZE_BYTES) {
            out.add(SectionHeader.read(r, off));
        }
        return List.copyOf(out);
    }

    private Omap readOmap(int stream) throws IOException {
        if (stream == NO_STREAM || !msf.hasStream(stream) || msf.streamSizeBytes(stream) == 0) {
            return null;
        }
        return Omap.parse(msf.stream(stream));
    }

    /** Segment:offset to final-image RVA (through OMAP when present), -1 when it maps nowhere. */
    public long toRva(int segment, long offset) throws IOException {
        Dbi d = dbi();
        if (d == null) {
            return -1;
        }
        return toRva(d, segment, offset);
    }

    private static long toRva(Dbi d, int segment, long offset) {
        if (d.omapFromSrc() != null && !d.originalSections().isEmpty()) {
            if (segment < 1 || segment > d.originalSections().size()) {
                return -1;
            }
            return d.omapFromSrc().map(d.originalSections().get(segment - 1).virtualAddress() + offset);
        }
        if (segment < 1 || segment > d.sections().size()) {
            return -1;
        }
        return d.sections().get(segment - 1).virtualAddress() + offset;
    }

    /**
     * The DBI section contributions (which module contributed the code at an RVA); empty without a DBI stream.
     * Contributions that map to no section are dropped.
     */
    public synchronized SectionContributions sectionContributions() throws IOException {
        Dbi d = dbi();
        if (contributions != null || d == null) {
            return d == null ? SectionContributions.empty() : contributions;
        }
        LeReader r = d.reader();
        long start = d.contributionsStart();
        long end = start + d.contributionsBytes();
        r.require(start, d.contributionsBytes(), "DBI section contribution substream");
        if (d.contributionsBytes() < 4) {
            contributions = SectionContributions.empty();
            return contributions;
        }
        long version = r.u32(start);
        int entryBytes;
        if (version == SC_VERSION_60) {
            entryBytes = 28;
        } else if (version == SC_VERSION_2) {
            entryBytes = 32;
        } else {
            throw r.error(start, "unknown section contribution version 0x" + Long.toHexString(version));
        }
        int n = (int) ((end - start - 4) / entryBytes);
        long[][] rows = new long[n][];
        int kept = 0;
        for (int i = 0; i < n; i++) {
            long e = start + 4 + (long) i * entryBytes;
            int seg = r.u16(e);
            long off = r.u32(e + 4);
            long size = r.u32(e + 8);
            int module = r.u16(e + 16);
            long rva = toRva(d, seg, off);
            if (rva >= 0 && size > 0) {
                rows[kept++] = new long[] {rva, rva + size, module};
            }
        }
        long[][] sorted = Arrays.copyOf(rows, kept);
        Arrays.sort(sorted, (a, b) -> Long.compare(a[0], b[0]));
        long[] starts = new long[kept];
        long[] ends = new long[kept];
        int[] mods = new int[kept];
        for (int i = 0; i < kept; i++) {
            starts[i] = sorted[i][0];
            ends[i] = sorted[i][1];
            mods[i] = (int) sorted[i][2];
        }
        contributions = new SectionContributions(starts, ends, mods);
        return contributions;
    }

    /**
     * Stream index of a named stream (e.g. {@code /names}) from the info stream's name map, or -1.
     * Layout after the 28-byte header: u32 string-buffer size, the strings, then a hash table
     * {@code u32 size, u32 capacity, present bit vector, deleted bit vector, (u32 name offset, u32 stream)}
     * for each present bucket.
     */
    public int namedStream(String streamName) throws IOException {
        LeReader r = msf.stream(STREAM_INFO);
        long bufBytes = r.u32(28);
        long buf = 32;
        r.require(buf, bufBytes, "named stream string buffer");
        long p = buf + bufBytes;
        long size = r.u32(p);
        long capacity = r.u32(p + 4);
        p += 8;
        long presentWords = r.u32(p);
        r.require(p + 4, presentWords * 4, "named stream present bit vector");
        long presentAt = p + 4;
        p = presentAt + presentWords * 4;
        long deletedWords = r.u32(p);
        r.require(p + 4, deletedWords * 4, "named stream deleted bit vector");
        p += 4 + deletedWords * 4;
        if (size > capacity || capacity > presentWords * 32 + 32) {
            throw r.error(28 + 4 + bufBytes, "named stream map size " + size + " / capacity " + capacity + " inconsistent");
        }
        for (long bucket = 0; bucket < Math.min(capacity, presentWords * 32); bucket++) {
            if ((r.u32(presentAt + 4 * (bucket / 32)) >>> (bucket % 32) & 1) == 0) {
                continue;
            }
            long nameOffset = r.u32(p);
            long stream = r.u32(p + 4);
            p += 8;
            if (nameOffset < bufBytes && streamName.equals(r.cstring(buf + nameOffset, buf + bufBytes))) {
                return stream <= Integer.MAX_VALUE ? (int) stream : -1;
            }
        }
        return -1;
    }

    /** The {@code /names} string table, or {@code null} when the PDB has none. */
    public synchronized PdbNames names() throws IOException {
        if (!namesRead) {
            int s = namedStream("/names");
            names = s >= 0 && msf.hasStream(s) ? PdbNames.parse(msf.stream(s)) : null;
            namesRead = true;
        }
        return names;
    }

    /**
     * The C13 line table of one module (empty when it has no symbol stream or no C13 lines, e.g. in
     * public-only PDBs).
     *
     * @throws CorruptFileException for damaged line subsections (module stream + offset)
     */
    public LineTable lineTable(PdbModule m) throws IOException {
        Dbi d = dbi();
        if (d == null || m.c13LineBytes() == 0 || m.symbolStream() < 0 || !msf.hasStream(m.symbolStream())) {
            return LineTable.empty();
        }
        LeReader r = msf.stream(m.symbolStream());
        PdbNames n = names();
        C13Lines.NameLookup lookup = n != null ? n::at : off -> {
            throw new CorruptFileException(msf.file().toString(), -1,
                    "module " + m.moduleName() + " has line tables but the PDB has no /names stream");
        };
        return C13Lines.parse(r, m.symbolBytes() + m.c11LineBytes(), m.c13LineBytes(),
                (seg, off) -> toRva(d, seg, off), lookup);
    }

    /** All S_PUB32 records of the symbol record stream, in stream order. */
    public List<PublicSymbol> publics() throws IOException {
        Dbi d = dbi();
        if (d == null || d.symRecordStream() < 0 || !msf.hasStream(d.symRecordStream())) {
            return List.of();
        }
        LeReader r = msf.stream(d.symRecordStream());
        List<PublicSymbol> out = new ArrayList<>();
        forEachRecord(r, 0, r.size(), (kind, rec, end) -> {
            if (kind == S_PUB32) {
                r.require(rec + 4, 10, "S_PUB32");
                int flags = r.i32(rec + 4);
                long off = r.u32(rec + 8);
                int seg = r.u16(rec + 12);
                out.add(new PublicSymbol(r.cstring(rec + 14, end), toRva(d, seg, off), seg, off, flags));
            }
        });
        return out;
    }

    /** S_GDATA32/S_LDATA32 records of the global symbol stream. */
    public List<DataSymbol> globalData() throws IOException {
        Dbi d = dbi();
        if (d == null || d.symRecordStream() < 0 || !msf.hasStream(d.symRecordStream())) {
            return List.of();
        }
        LeReader r = msf.stream(d.symRecordStream());
        List<DataSymbol> out = new ArrayList<>();
        forEachRecord(r, 0, r.size(), (kind, rec, end) -> {
            if (kind == S_GDATA32 || kind == S_LDATA32) {
                r.require(rec + 4, 10, "S_GDATA32");
                long off = r.u32(rec + 8);
                int seg = r.u16(rec + 12);
                out.add(new DataSymbol(r.cstring(rec + 14, end), toRva(d, seg, off), kind == S_GDATA32));
            }
        });
        return out;
    }

    /** All procedure records (S_GPROC32, S_LPROC32 and the _ID variants) of all module streams. */
    public List<ProcedureSymbol> procedures() throws IOException {
        Dbi d = dbi();
        if (d == null) {
            return List.of();
        }
        List<ProcedureSymbol> out = new ArrayList<>();
        for (PdbModule m : d.modules()) {
            if (m.symbolStream() < 0 || !msf.hasStream(m.symbolStream()) || m.symbolBytes() <= 4) {
                continue;
            }
            LeReader r = msf.stream(m.symbolStream());
            if (m.symbolBytes() > r.size()) {
                throw r.error(0, "module " + m.moduleName() + " declares " + m.symbolBytes()
                        + " symbol bytes, stream has " + r.size());
            }
            long sig = r.u32(0);
            if (sig != 4) {
                continue; // only C13 symbol streams are understood; older ones are skipped
            }
            forEachRecord(r, 4, m.symbolBytes(), (kind, rec, end) -> {
                if (kind == S_GPROC32 || kind == S_LPROC32 || kind == S_GPROC32_ID || kind == S_LPROC32_ID
                        || kind == S_LPROC32_DPC || kind == S_LPROC32_DPC_ID) {
                    r.require(rec + 4, 35, "procedure record");
                    long len = r.u32(rec + 16);
                    long off = r.u32(rec + 32);
                    int seg = r.u16(rec + 36);
                    String name = r.cstring(rec + 39, end);
                    out.add(new ProcedureSymbol(name, toRva(d, seg, off), len, seg, off,
                            kind == S_GPROC32 || kind == S_GPROC32_ID, m.index()));
                }
            });
        }
        return out;
    }

    @FunctionalInterface
    private interface RecordVisitor {
        void visit(int kind, long recordOffset, long recordEnd) throws IOException;
    }

    private static void forEachRecord(LeReader r, long start, long end, RecordVisitor v) throws IOException {
        long p = start;
        while (p + 4 <= end) {
            int len = r.u16(p);
            if (len < 2) {
                if (len == 0 && allZero(r, p, end)) {
                    return; // padding at the end of a stream
                }
                throw r.error(p, "symbol record length " + len + " is too small");
            }
            long recEnd = p + 2 + len;
            if (recEnd > end) {
                throw r.error(p, "truncated: symbol record of " + len + " bytes runs past the end (" + end + ")");
            }
            v.visit(r.u16(p + 2), p, recEnd);
            p = recEnd;
        }
    }

    private static boolean allZero(LeReader r, long from, long end) throws CorruptFileException {
        for (long i = from; i < end; i++) {
            if (r.u8(i) != 0) {
                return false;
            }
        }
        return true;
    }

    @Override
    public void close() throws IOException {
        msf.close();
    }
}
