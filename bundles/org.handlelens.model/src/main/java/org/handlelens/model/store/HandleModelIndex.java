package org.handlelens.model.store;

import java.io.BufferedOutputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.zip.CRC32;
import java.util.zip.CheckedOutputStream;

import org.handlelens.model.HandleDetail;
import org.handlelens.model.HandleModel;
import org.handlelens.model.ModuleRecord;
import org.handlelens.model.ProcessRecord;
import org.handlelens.model.Snapshot;
import org.handlelens.model.SourceInfo;
import org.handlelens.model.StackTrace;
import org.handlelens.model.TraceEventCounts;

/**
 * Persisted model ("index") stored next to the trace (or in a per-user cache, {@link #locationFor}) so
 * that reopening skips the import.
 *
 * <p>Layout (big-endian header fields, little-endian column chunks): magic {@code HLIDX\r\n\032},
 * format version, source fingerprint ({@link SourceFingerprint}), body (source info, processes,
 * modules, strings, stacks, details, warnings, partial reason, snapshots, latest row time, columns as
 * chunks in the packed form the model holds them: a kind byte giving the stored value width, base (and
 * scale), the values), then a trailer marker and the CRC-32 of everything before it. The file is written
 * to a temporary name in the same folder and renamed with {@code ATOMIC_MOVE}, so a killed write never leaves a file under the
 * index name, and a truncated or altered file fails the trailer/CRC check.
 */
public final class HandleModelIndex {
    /** File magic. */
    static final byte[] MAGIC = {'H', 'L', 'I', 'X', '\r', '\n', 0x1a, '\n'};
    /** Current format version; bump on any layout change (old indexes are then rebuilt). */
    public static final int VERSION = 4; // 2: per-kind event counts in the source info; 3: snapshots; 4: packed chunks, latest time
    /** Suffix of the default index file name ({@code trace.etl.hlidx}). */
    public static final String SUFFIX = ".hlidx";
    private static final int TRAILER_MARKER = 0x454E4421; // "END!"
    /** Trailer: marker int + CRC-32 as a long. */
    private static final int TRAILER_BYTES = 12;

    private HandleModelIndex() {
    }

    /** The index path next to {@code trace}: {@code <trace>.hlidx}. */
    public static Path besideTrace(Path trace) {
        return trace.resolveSibling(trace.getFileName() + SUFFIX);
    }

    /**
     * The index path for {@code trace} (the one rule of design.md "The index", shared by the command line
     * and the workbench): {@link #besideTrace next to it} when its folder is writable, else in
     * {@code cacheRoot} under {@link #cachedLocation a name derived from the trace's absolute path}.
     *
     * @param cacheRoot per-user cache folder, e.g. {@link #userCacheRoot()}
     */
    public static Path locationFor(Path trace, Path cacheRoot) {
        return locationFor(trace, cacheRoot, HandleModelIndex::isWritableFolder);
    }

    /**
     * {@link #locationFor(Path, Path)} with the writability check supplied (tests; root may write anywhere).
     *
     * @param writableFolder true when an index may be created in the given folder
     */
    public static Path locationFor(Path trace, Path cacheRoot, Predicate<Path> writableFolder) {
        Path dir = trace.toAbsolutePath().getParent();
        if (dir != null && writableFolder.test(dir)) {
            return besideTrace(trace);
        }
        return cachedLocation(trace, cacheRoot);
    }

    /**
     * The index path of {@code trace} in a per-user cache: {@code <cacheRoot>/<name>-<key>.hlidx} where the
     * key is a SHA-256 prefix of the normalised absolute path, so that equally named traces in different
     * folders do not share an index (the fingerprint would reject the wrong one, but they would evict
     * each other).
     */
    public static Path cachedLocation(Path trace, Path cacheRoot) {
        String abs = trace.toAbsolutePath().normalize().toString();
        byte[] digest;
        try {
            digest = MessageDigest.getInstance("SHA-256").digest(abs.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every Java platform", e);
        }
        String key = HexFormat.of().formatHex(digest, 0, 8);
        return cacheRoot.resolve(trace.getFileName() + "-" + key + SUFFIX);
    }

    /** True when {@code folder} is a folder this process may create files in. */
    public static boolean isWritableFolder(Path folder) {
        return Files.isDirectory(folder) && Files.isWritable(folder);
    }

    /** Environment variable naming the per-user index cache folder explicitly. */
    public static final String CACHE_ENV = "HANDLELENS_CACHE_DIR";

    /** The per-user cache folder of this process (environment, {@code os.name}, {@code user.home}). */
    public static Path userCacheRoot() {
        return userCacheRoot(System.getenv(), System.getProperty("os.name", ""),
                Path.of(System.getProperty("user.home", ".")));
    }

    /**
     * The per-user cache folder: {@value #CACHE_ENV} when set; else on Windows
     * {@code %LOCALAPPDATA%\HandleLens\cache}, on macOS {@code ~/Library/Caches/HandleLens}, elsewhere
     * {@code $XDG_CACHE_HOME/handlelens} or {@code ~/.cache/handlelens}.
     */
    public static Path userCacheRoot(Map<String, String> env, String osName, Path userHome) {
        String explicit = env.get(CACHE_ENV);
        if (explicit != null && !explicit.isBlank()) {
            return Path.of(explicit);
        }
        String os = osName.toLowerCase(java.util.Locale.ROOT);
        if (os.startsWith("windows")) {
            String local = env.get("LOCALAPPDATA");
            Path base = local != null && !local.isBlank() ? Path.of(local) : userHome.resolve("AppData").resolve("Local");
            return base.resolve("HandleLens").resolve("cache");
        }
        if (os.startsWith("mac")) {
            return userHome.resolve("Library").resolve("Caches").resolve("HandleLens");
        }
        String xdg = env.get("XDG_CACHE_HOME");
        if (xdg != null && !xdg.isBlank() && Path.of(xdg).isAbsolute()) {
            return Path.of(xdg, "handlelens");
        }
        return userHome.resolve(".cache").resolve("handlelens");
    }

    /**
     * Writes {@code model} for a source with {@code fingerprint} to {@code indexPath} atomically.
     */
    public static void write(HandleModel model, SourceFingerprint fingerprint, Path indexPath) throws IOException {
        AtomicFile.write(indexPath, file -> {
            CheckedOutputStream checked = new CheckedOutputStream(new BufferedOutputStream(file, 1 << 20), new CRC32());
            DataOutputStream out = new DataOutputStream(checked);
            out.write(MAGIC);
            out.writeInt(VERSION);
            writeFingerprint(out, fingerprint);
            writeBody(out, model);
            out.flush();
            long crc = checked.getChecksum().getValue();
            out.writeInt(TRAILER_MARKER);
            out.writeLong(crc);
            out.flush();
        });
    }

    /** Writes the index of {@code model} built from {@code trace}, fingerprinting the trace now. */
    public static void write(HandleModel model, Path trace, Path indexPath) throws IOException {
        write(model, SourceFingerprint.of(trace), indexPath);
    }

    /**
     * The model stored in {@code indexPath} when it is a complete, intact index of {@code trace} as it
     * is now; null when the index is missing, stale (fingerprint differs), of another version,
     * truncated or corrupt.
     */
    public static HandleModel openOrNull(Path trace, Path indexPath) {
        try {
            if (!Files.isRegularFile(indexPath)) {
                return null;
            }
            SourceFingerprint now = SourceFingerprint.of(trace);
            Stored stored = read(indexPath);
            return stored.fingerprint().equals(now) ? stored.model() : null;
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** A model read back with the fingerprint of the source it was built from. */
    public record Stored(SourceFingerprint fingerprint, HandleModel model) {
    }

    /**
     * Reads an index.
     *
     * @throws IOException missing, truncated, corrupt or of another version (message says which)
     */
    public static Stored read(Path indexPath) throws IOException {
        return (Stored) read(indexPath, true);
    }

    /**
     * What a source holds apart from its handle rows: what {@code handlelens info} prints for a trace.
     *
     * @param rowCount number of handle rows in the index
     */
    public record Summary(SourceFingerprint fingerprint, SourceInfo source, List<ProcessRecord> processes,
            long rowCount, List<String> warnings, String partialReason, List<Snapshot> snapshots) {
        /** True when the source was read only partly. */
        public boolean isPartial() {
            return partialReason != null;
        }
    }

    /**
     * {@link #openOrNull} without the handle rows: the index is checked the same way (version, fingerprint,
     * every chunk's header, trailer and the CRC-32 of the whole file), but the column values are skipped, not
     * read into arrays; null when {@link #openOrNull} would be null. For callers that need the source info,
     * the processes and the row count only (a second open of an 18 M-row trace reads ~0.5 GB of columns).
     * The skipped part is read through a memory mapping, which only the garbage collector releases: meant for
     * one-shot processes such as the command line (on Windows a mapped index cannot be replaced until then; the
     * index is only ever replaced by a rename, which leaves a mapping of the old file valid on POSIX).
     */
    public static Summary summaryOrNull(Path trace, Path indexPath) {
        try {
            if (!Files.isRegularFile(indexPath)) {
                return null;
            }
            SourceFingerprint now = SourceFingerprint.of(trace);
            Summary stored = readSummary(indexPath);
            return stored.fingerprint().equals(now) ? stored : null;
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /**
     * Reads an index's {@link Summary} (columns skipped, whole file checked).
     *
     * @throws IOException missing, truncated, corrupt or of another version (message says which)
     */
    public static Summary readSummary(Path indexPath) throws IOException {
        return (Summary) read(indexPath, false);
    }

    private static Object read(Path indexPath, boolean withRows) throws IOException {
        try (FileChannel ch = FileChannel.open(indexPath, StandardOpenOption.READ)) {
            long fileSize = ch.size();
            if (fileSize < MAGIC.length + 4 + TRAILER_BYTES) {
                throw new IOException(indexPath + ": truncated index (" + fileSize + " bytes)");
            }
            IndexInput in = new IndexInput(ch, indexPath, fileSize, fileSize - TRAILER_BYTES);
            Reader r = new Reader(in);
            byte[] magic = new byte[MAGIC.length];
            in.readFully(magic);
            if (!Arrays.equals(magic, MAGIC)) {
                throw new IOException(indexPath + ": not a HandleLens index (bad magic)");
            }
            int version = in.readInt();
            if (version != VERSION) {
                throw new IOException(indexPath + ": index version " + version + ", expected " + VERSION);
            }
            SourceFingerprint fp = readFingerprint(in);
            Head head = r.readHead();
            HandleModel model = withRows ? r.readRows(head) : null;
            if (!withRows) {
                in.mapRest(); // the columns are walked, not copied: no reads into the buffer
                r.skipRows(head);
            }
            if (in.position() != fileSize - TRAILER_BYTES) {
                throw in.corrupt("body ends " + (fileSize - TRAILER_BYTES - in.position())
                        + " bytes before the trailer");
            }
            long crc = in.crc();
            long trailerAt = in.position();
            if (in.readInt() != TRAILER_MARKER) {
                throw in.corruptAt(trailerAt, "missing trailer (incomplete index)");
            }
            if (in.readLong() != crc) {
                throw in.corruptAt(trailerAt + 4, "checksum mismatch");
            }
            return withRows ? new Stored(fp, model)
                    : new Summary(fp, head.source(), head.processes(), head.rowCount(), head.warnings(),
                            head.partial(), head.snapshots());
        } catch (EOFException e) {
            throw new IOException(e.getMessage(), e);
        }
    }

    /** Everything before the columns. */
    private record Head(SourceInfo source, List<ProcessRecord> processes, List<List<ModuleRecord>> modules,
            StringTable strings, StackTable stacks, List<HandleDetail> details, List<String> warnings,
            String partial, List<Snapshot> snapshots, long latestTime, int chunkShift, long rowCount) {
    }

    private static void writeFingerprint(DataOutputStream out, SourceFingerprint fp) throws IOException {
        out.writeLong(fp.sizeBytes());
        out.writeLong(fp.mtimeMillis());
        out.write(fp.headTailSha256());
    }

    private static SourceFingerprint readFingerprint(IndexInput in) throws IOException {
        long size = in.readLong();
        long mtime = in.readLong();
        byte[] sha = new byte[32];
        in.readFully(sha);
        return new SourceFingerprint(size, mtime, sha);
    }

    private static void writeBody(DataOutputStream out, HandleModel model) throws IOException {
        SourceInfo s = model.source();
        writeString(out, s.format());
        writeString(out, s.fileName());
        writeInstant(out, s.startTime());
        writeInstant(out, s.endTime());
        out.writeInt(s.pointerSize());
        out.writeInt(s.cpuCount());
        out.writeLong(s.eventsLost());
        out.writeLong(s.buffersLost());
        out.writeLong(s.eventCount());
        out.writeInt(s.properties().size());
        for (Map.Entry<String, String> e : s.properties().entrySet()) {
            writeString(out, e.getKey());
            writeString(out, e.getValue());
        }
        TraceEventCounts ev = s.events();
        out.writeBoolean(ev != null);
        if (ev != null) {
            for (long v : new long[] {ev.total(), ev.process(), ev.thread(), ev.image(), ev.stackWalk(), ev.handle(),
                    ev.other()}) {
                out.writeLong(v);
            }
        }
        List<ProcessRecord> processes = model.processes();
        out.writeInt(processes.size());
        for (ProcessRecord p : processes) {
            out.writeLong(p.eprocessAddress());
            out.writeInt(p.pid());
            out.writeInt(p.parentPid());
            out.writeBoolean(p.sessionId() != null);
            out.writeInt(p.sessionId() == null ? 0 : p.sessionId());
            writeString(out, p.image());
            out.writeLong(p.handleCount());
            out.writeLong(p.startTimeNanos());
            out.writeLong(p.endTimeNanos());
        }
        for (List<ModuleRecord> modules : model.allModules()) {
            out.writeInt(modules.size());
            for (ModuleRecord m : modules) {
                out.writeLong(m.imageBase());
                out.writeLong(m.imageSizeBytes());
                writeString(out, m.path());
                out.writeLong(m.timeDateStamp());
                out.writeLong(m.checksum());
                out.writeBoolean(m.pdbGuid() != null);
                if (m.pdbGuid() != null) {
                    out.writeLong(m.pdbGuid().getMostSignificantBits());
                    out.writeLong(m.pdbGuid().getLeastSignificantBits());
                }
                out.writeInt(m.pdbAge());
                writeString(out, m.pdbName());
                out.writeLong(m.loadTimeNanos());
                out.writeLong(m.unloadTimeNanos());
            }
        }
        StringTable strings = model.stringTable();
        out.writeInt(strings.size());
        for (String str : strings.all()) {
            writeString(out, str);
        }
        out.writeInt(model.stackCount());
        for (int i = 0; i < model.stackCount(); i++) {
            StackTrace st = model.stack(i);
            out.writeInt(st.frameCount());
            for (int f = 0; f < st.frameCount(); f++) {
                out.writeLong(st.frameAddress(f));
                writeString(out, st.frameName(f));
            }
        }
        HandleRows rows = model.rowStore();
        out.writeInt(rows.details().size());
        for (HandleDetail d : rows.details()) {
            out.writeLong(d.objectHandleCount());
            out.writeLong(d.objectPointerCount());
            out.writeLong(d.objectHeaderAddress());
            out.writeLong(d.entryAddress());
            out.writeLong(d.typeObjectAddress());
            out.writeLong(d.directoryObjectAddress());
        }
        out.writeInt(model.warnings().size());
        for (String w : model.warnings()) {
            writeString(out, w);
        }
        writeString(out, model.partialReason());
        out.writeInt(model.snapshots().size());
        for (Snapshot sn : model.snapshots()) {
            out.writeInt(sn.kind().ordinal());
            out.writeInt(sn.lineNumber());
            writeString(out, sn.label());
        }
        out.writeLong(model.latestTimeNanos()); // stored: a reopened model is not scanned for it
        int chunkShift = rows.intColumns()[0].chunkShift();
        out.writeInt(chunkShift);
        out.writeLong(rows.rowCount());
        // chunks as the model holds them (packed), so reading them back is a copy, not a re-pack
        for (IntColumn c : rows.intColumns()) {
            out.writeInt(c.chunkCount());
            for (int i = 0; i < c.chunkCount(); i++) {
                writeIntChunk(out, c.packedChunk(i), c.packedBase(i));
            }
        }
        for (LongColumn c : rows.longColumns()) {
            out.writeInt(c.chunkCount());
            for (int i = 0; i < c.chunkCount(); i++) {
                writeLongChunk(out, c.packedChunk(i), c.packedBase(i), c.packedScale(i));
            }
        }
    }

    /** Chunk kinds: the value width in bytes of the stored form (0 = all default, no data). */
    private static final int CHUNK_EMPTY = 0;
    private static final int CHUNK_BYTES = 1;
    private static final int CHUNK_SHORTS = 2;
    private static final int CHUNK_INTS = 4;
    private static final int CHUNK_LONGS = 8;

    private static void writeIntChunk(DataOutputStream out, Object chunk, int base) throws IOException {
        if (chunk == null) {
            out.writeByte(CHUNK_EMPTY);
        } else if (chunk instanceof byte[] b) {
            out.writeByte(CHUNK_BYTES);
            out.writeInt(base);
            out.write(b);
        } else if (chunk instanceof short[] v) {
            out.writeByte(CHUNK_SHORTS);
            out.writeInt(base);
            ByteBuffer buf = ByteBuffer.allocate(v.length * 2).order(ByteOrder.LITTLE_ENDIAN);
            buf.asShortBuffer().put(v);
            out.write(buf.array());
        } else {
            int[] v = (int[]) chunk;
            out.writeByte(CHUNK_INTS);
            ByteBuffer buf = ByteBuffer.allocate(v.length * 4).order(ByteOrder.LITTLE_ENDIAN);
            buf.asIntBuffer().put(v);
            out.write(buf.array());
        }
    }

    private static void writeLongChunk(DataOutputStream out, Object chunk, long base, long scale)
            throws IOException {
        if (chunk == null) {
            out.writeByte(CHUNK_EMPTY);
        } else if (chunk instanceof int[] v) {
            out.writeByte(CHUNK_INTS);
            out.writeLong(base);
            out.writeLong(scale);
            ByteBuffer buf = ByteBuffer.allocate(v.length * 4).order(ByteOrder.LITTLE_ENDIAN);
            buf.asIntBuffer().put(v);
            out.write(buf.array());
        } else {
            long[] v = (long[]) chunk;
            out.writeByte(CHUNK_LONGS);
            ByteBuffer buf = ByteBuffer.allocate(v.length * 8).order(ByteOrder.LITTLE_ENDIAN);
            buf.asLongBuffer().put(v);
            out.write(buf.array());
        }
    }

    private static void writeString(DataOutputStream out, String s) throws IOException {
        if (s == null) {
            out.writeInt(-1);
            return;
        }
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        out.writeInt(b.length);
        out.write(b);
    }

    private static void writeInstant(DataOutputStream out, Instant t) throws IOException {
        out.writeBoolean(t != null);
        out.writeLong(t == null ? 0 : t.getEpochSecond());
        out.writeInt(t == null ? 0 : t.getNano());
    }

    /** Reading state; every count is checked against the file size so corrupt input cannot OOM. */
    private static final class Reader {
        private final IndexInput in;
        private final long fileSize;

        Reader(IndexInput in) {
            this.in = in;
            this.fileSize = in.fileSize();
        }

        IOException corrupt(String why) {
            return in.corrupt(why);
        }

        int count(long minBytesEach) throws IOException {
            int n = in.readInt();
            if (n < 0 || n * Math.max(1, minBytesEach) > fileSize) {
                throw corrupt("implausible count " + n);
            }
            return n;
        }

        String string() throws IOException {
            int n = in.readInt();
            if (n == -1) {
                return null;
            }
            if (n < 0 || n > fileSize) {
                throw corrupt("implausible string length " + n);
            }
            byte[] b = new byte[n];
            in.readFully(b);
            return new String(b, StandardCharsets.UTF_8);
        }

        Instant instant() throws IOException {
            boolean present = in.readBoolean();
            long sec = in.readLong();
            int nano = in.readInt();
            return present ? Instant.ofEpochSecond(sec, nano) : null;
        }

        Head readHead() throws IOException {
            String format = string();
            String fileName = string();
            Instant start = instant();
            Instant end = instant();
            int pointerSize = in.readInt();
            int cpuCount = in.readInt();
            long eventsLost = in.readLong();
            long buffersLost = in.readLong();
            long eventCount = in.readLong();
            int nprops = count(8);
            Map<String, String> props = new LinkedHashMap<>();
            for (int i = 0; i < nprops; i++) {
                props.put(string(), string());
            }
            TraceEventCounts events = in.readBoolean() ? new TraceEventCounts(in.readLong(), in.readLong(),
                    in.readLong(), in.readLong(), in.readLong(), in.readLong(), in.readLong()) : null;
            if (format == null || fileName == null) {
                throw corrupt("missing source format or file name");
            }
            SourceInfo source = new SourceInfo(format, fileName, start, end, pointerSize, cpuCount, eventsLost,
                    buffersLost, eventCount, props, events);
            int nproc = count(40);
            List<ProcessRecord> processes = new ArrayList<>(nproc);
            for (int i = 0; i < nproc; i++) {
                long eproc = in.readLong();
                int pid = in.readInt();
                int ppid = in.readInt();
                boolean hasSession = in.readBoolean();
                int session = in.readInt();
                String image = string();
                processes.add(new ProcessRecord(eproc, pid, ppid, hasSession ? session : null, image, in.readLong(),
                        in.readLong(), in.readLong()));
            }
            List<List<ModuleRecord>> modules = new ArrayList<>(nproc);
            for (int p = 0; p < nproc; p++) {
                int nmod = count(60);
                List<ModuleRecord> list = new ArrayList<>(nmod);
                for (int i = 0; i < nmod; i++) {
                    long base = in.readLong();
                    long size = in.readLong();
                    String modulePath = string();
                    long tds = in.readLong();
                    long checksum = in.readLong();
                    UUID guid = in.readBoolean() ? new UUID(in.readLong(), in.readLong()) : null;
                    int age = in.readInt();
                    String pdb = string();
                    list.add(new ModuleRecord(base, size, modulePath, tds, checksum, guid, age, pdb, in.readLong(),
                            in.readLong()));
                }
                modules.add(list);
            }
            int nstr = count(4);
            StringTable strings = new StringTable();
            for (int i = 0; i < nstr; i++) {
                String s = string();
                if (s == null || strings.intern(s) != i) {
                    throw corrupt("string table entry " + i + " null or duplicate");
                }
            }
            int nstack = count(4);
            StackTable stacks = new StackTable();
            for (int i = 0; i < nstack; i++) {
                int nframes = count(12);
                long[] addrs = new long[nframes];
                String[] names = new String[nframes];
                for (int f = 0; f < nframes; f++) {
                    addrs[f] = in.readLong();
                    names[f] = string();
                }
                if (stacks.intern(new StackTrace(addrs, names)) != i) {
                    throw corrupt("duplicate stack " + i);
                }
            }
            int ndetail = count(48);
            List<HandleDetail> details = new ArrayList<>(ndetail);
            for (int i = 0; i < ndetail; i++) {
                details.add(new HandleDetail(in.readLong(), in.readLong(), in.readLong(), in.readLong(),
                        in.readLong(), in.readLong()));
            }
            int nwarn = count(4);
            List<String> warnings = new ArrayList<>(nwarn);
            for (int i = 0; i < nwarn; i++) {
                warnings.add(string());
            }
            String partial = string();
            int nsnap = count(12);
            List<Snapshot> snapshots = new ArrayList<>(nsnap);
            Snapshot.Kind[] kinds = Snapshot.Kind.values();
            for (int i = 0; i < nsnap; i++) {
                int kind = in.readInt();
                if (kind < 0 || kind >= kinds.length) {
                    throw corrupt("bad snapshot kind " + kind);
                }
                int line = in.readInt();
                String label = string();
                snapshots.add(new Snapshot(i, kinds[kind], line, label == null ? "" : label));
            }
            long latestTime = in.readLong();
            if (latestTime < 0) {
                throw corrupt("negative latest time " + latestTime);
            }
            int chunkShift = in.readInt();
            if (chunkShift < 1 || chunkShift > 26) {
                throw corrupt("bad chunk shift " + chunkShift);
            }
            long rowCount = in.readLong();
            if (rowCount < 0 || rowCount >= Integer.MAX_VALUE) {
                throw corrupt("bad row count " + rowCount);
            }
            return new Head(source, processes, modules, strings, stacks, details, warnings, partial, snapshots,
                    latestTime, chunkShift, rowCount);
        }

        HandleModel readRows(Head h) throws IOException {
            int chunkShift = h.chunkShift();
            long rowCount = h.rowCount();
            HandleRows rows = new HandleRows(chunkShift);
            int chunkLen = 1 << chunkShift;
            int expectedChunks = (int) ((rowCount + chunkLen - 1) >>> chunkShift);
            for (IntColumn c : rows.intColumns()) {
                expectChunkCount(expectedChunks);
                for (int i = 0; i < expectedChunks; i++) {
                    readIntChunk(c, i, chunkLen, rowCount);
                }
            }
            for (LongColumn c : rows.longColumns()) {
                expectChunkCount(expectedChunks);
                for (int i = 0; i < expectedChunks; i++) {
                    readLongChunk(c, i, chunkLen, rowCount);
                }
            }
            rows.restore(rowCount, h.details());
            validate(rows, h.processes().size(), h.strings().size(), h.stacks().size(), h.details().size(),
                    h.snapshots().size());
            return HandleModel.restore(h.source(), h.processes(), h.modules(), h.strings(), h.stacks(), rows,
                    h.warnings(), h.partial(), h.snapshots(), h.latestTime());
        }

        /** Walks the columns as {@link #readRows} does (same checks of every chunk's header), skipping the values. */
        void skipRows(Head h) throws IOException {
            int chunkLen = 1 << h.chunkShift();
            int expectedChunks = (int) ((h.rowCount() + chunkLen - 1) >>> h.chunkShift());
            HandleRows layout = new HandleRows(h.chunkShift()); // empty: only its column counts are used
            for (int c = 0; c < layout.intColumns().length; c++) {
                expectChunkCount(expectedChunks);
                for (int i = 0; i < expectedChunks; i++) {
                    int kind = in.readByte();
                    switch (kind) {
                        case CHUNK_EMPTY -> { }
                        case CHUNK_BYTES -> skipValues(4, chunkLen);
                        case CHUNK_SHORTS -> skipValues(4, 2L * chunkLen);
                        case CHUNK_INTS -> skipValues(0, 4L * chunkLen);
                        default -> throw corrupt("bad int chunk kind " + kind);
                    }
                }
            }
            for (int c = 0; c < layout.longColumns().length; c++) {
                expectChunkCount(expectedChunks);
                for (int i = 0; i < expectedChunks; i++) {
                    int kind = in.readByte();
                    switch (kind) {
                        case CHUNK_EMPTY -> { }
                        case CHUNK_INTS -> {
                            in.readLong();
                            long scale = in.readLong();
                            if (scale <= 0) {
                                throw corrupt("bad chunk scale " + scale); // as readLongChunk says it
                            }
                            skipValues(0, 4L * chunkLen);
                        }
                        case CHUNK_LONGS -> skipValues(0, 8L * chunkLen);
                        default -> throw corrupt("bad long chunk kind " + kind);
                    }
                }
            }
        }

        private void skipValues(int headerBytes, long bytes) throws IOException {
            in.skip(headerBytes);
            expectBytes(bytes);
            in.skip(bytes);
        }

        private void expectChunkCount(int expected) throws IOException {
            int n = in.readInt();
            if (n != expected) {
                throw corrupt("column has " + n + " chunks, expected " + expected);
            }
        }

        /** Fails before allocating when the chunk cannot fit in the rest of the file (corrupt input, no OOM). */
        private void expectBytes(long bytes) throws IOException {
            if (bytes > fileSize - in.position()) {
                throw corrupt("chunk of " + bytes + " bytes runs past the end of the file");
            }
        }

        private void readIntChunk(IntColumn c, int index, int chunkLen, long rowCount) throws IOException {
            int kind = in.readByte();
            switch (kind) {
                case CHUNK_EMPTY -> c.putPackedChunk(index, null, 0, rowCount);
                case CHUNK_BYTES -> {
                    int base = in.readInt();
                    expectBytes(chunkLen);
                    byte[] v = new byte[chunkLen];
                    in.readFully(v);
                    c.putPackedChunk(index, v, base, rowCount);
                }
                case CHUNK_SHORTS -> {
                    int base = in.readInt();
                    expectBytes(2L * chunkLen);
                    short[] v = new short[chunkLen];
                    in.readShorts(v);
                    c.putPackedChunk(index, v, base, rowCount);
                }
                case CHUNK_INTS -> {
                    expectBytes(4L * chunkLen);
                    int[] v = new int[chunkLen];
                    in.readInts(v);
                    c.putPackedChunk(index, v, 0, rowCount);
                }
                default -> throw corrupt("bad int chunk kind " + kind);
            }
        }

        private void readLongChunk(LongColumn c, int index, int chunkLen, long rowCount) throws IOException {
            int kind = in.readByte();
            switch (kind) {
                case CHUNK_EMPTY -> c.putPackedChunk(index, null, 0, 1, rowCount);
                case CHUNK_INTS -> {
                    long base = in.readLong();
                    long scale = in.readLong();
                    if (scale <= 0) {
                        throw corrupt("bad chunk scale " + scale);
                    }
                    expectBytes(4L * chunkLen);
                    int[] v = new int[chunkLen];
                    in.readInts(v);
                    c.putPackedChunk(index, v, base, scale, rowCount);
                }
                case CHUNK_LONGS -> {
                    expectBytes(8L * chunkLen);
                    long[] v = new long[chunkLen];
                    in.readLongs(v);
                    c.putPackedChunk(index, v, 0, 1, rowCount);
                }
                default -> throw corrupt("bad long chunk kind " + kind);
            }
        }

        /**
         * Cheap referential checks so a CRC collision cannot produce out-of-range keys later: column ranges, not
         * rows (a packed chunk whose code range fits needs no scan).
         */
        private void validate(HandleRows rows, int nproc, int nstr, int nstack, int ndetail, int nsnap)
                throws IOException {
            int any = Integer.MIN_VALUE;
            boolean ok = rows.owningProcess.valuesWithin(0, nproc - 1)
                    && rows.creatingProcess.valuesWithin(any, nproc - 1)
                    && rows.closingProcess.valuesWithin(any, nproc - 1)
                    && rows.dupFromProcess.valuesWithin(any, nproc - 1)
                    && rows.typeId.valuesWithin(0, nstr - 1)
                    && rows.nameId.valuesWithin(any, nstr - 1)
                    && rows.attributesId.valuesWithin(any, nstr - 1)
                    && rows.createStack.valuesWithin(any, nstack - 1)
                    && rows.closeStack.valuesWithin(any, nstack - 1)
                    && rows.detailIndex.valuesWithin(any, ndetail - 1)
                    && rows.openedSnapshot.valuesWithin(any, nsnap - 1)
                    && rows.closedSnapshot.valuesWithin(any, nsnap - 1);
            if (!ok) {
                throw corrupt("a row refers outside its tables");
            }
        }
    }
}
