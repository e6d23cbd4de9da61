package org.handlelens.model.store;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
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
import java.util.zip.CheckedInputStream;
import java.util.zip.CheckedOutputStream;

import org.handlelens.model.HandleDetail;
import org.handlelens.model.HandleModel;
import org.handlelens.model.ModuleRecord;
import org.handlelens.model.ProcessRecord;
import org.handlelens.model.SourceInfo;
import org.handlelens.model.StackTrace;
import org.handlelens.model.TraceEventCounts;

/**
 * Persisted model ("index") stored next to the trace (or in a per-user cache, {@link #locationFor}) so
 * that reopening skips the import.
 *
 * <p>Layout (big-endian header fields, little-endian column chunks): magic {@code HLIDX\r\n\032},
 * format version, source fingerprint ({@link SourceFingerprint}), body (source info, processes,
 * modules, strings, stacks, details, warnings, partial reason, columns as chunks), then a trailer
 * marker and the CRC-32 of everything before it. The file is written to a temporary name in the
 * same folder and renamed with {@code ATOMIC_MOVE}, so a killed write never leaves a file under the
 * index name, and a truncated or altered file fails the trailer/CRC check.
 */
public final class HandleModelIndex {
    /** File magic. */
    static final byte[] MAGIC = {'H', 'L', 'I', 'X', '\r', '\n', 0x1a, '\n'};
    /** Current format version; bump on any layout change (old indexes are then rebuilt). */
    public static final int VERSION = 2; // 2: per-kind event counts in the source info
    /** Suffix of the default index file name ({@code trace.etl.hlidx}). */
    public static final String SUFFIX = ".hlidx";
    private static final int TRAILER_MARKER = 0x454E4421; // "END!"

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
        Path dir = indexPath.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path temp = Files.createTempFile(dir, indexPath.getFileName().toString(), ".tmp");
        boolean moved = false;
        try {
            try (OutputStream file = Files.newOutputStream(temp)) {
                CheckedOutputStream checked = new CheckedOutputStream(new BufferedOutputStream(file, 1 << 20),
                        new CRC32());
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
            }
            // force data to disk before the rename makes the index visible
            try (var ch = java.nio.channels.FileChannel.open(temp, java.nio.file.StandardOpenOption.WRITE)) {
                ch.force(true);
            }
            try {
                Files.move(temp, indexPath, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, indexPath, StandardCopyOption.REPLACE_EXISTING);
            }
            moved = true;
        } finally {
            if (!moved) {
                Files.deleteIfExists(temp);
            }
        }
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
        long fileSize = Files.size(indexPath);
        try (InputStream file = Files.newInputStream(indexPath)) {
            CheckedInputStream checked = new CheckedInputStream(new BufferedInputStream(file, 1 << 20), new CRC32());
            DataInputStream in = new DataInputStream(checked);
            Reader r = new Reader(in, fileSize, indexPath);
            byte[] magic = new byte[MAGIC.length];
            in.readFully(magic);
            if (!Arrays.equals(magic, MAGIC)) {
                throw r.corrupt("not a HandleLens index (bad magic)");
            }
            int version = in.readInt();
            if (version != VERSION) {
                throw r.corrupt("index version " + version + ", expected " + VERSION);
            }
            SourceFingerprint fp = readFingerprint(in);
            HandleModel model = r.readBody();
            long crc = checked.getChecksum().getValue();
            if (in.readInt() != TRAILER_MARKER) {
                throw r.corrupt("missing trailer (incomplete index)");
            }
            if (in.readLong() != crc) {
                throw r.corrupt("checksum mismatch");
            }
            if (in.read() != -1) {
                throw r.corrupt("trailing bytes after the trailer");
            }
            return new Stored(fp, model);
        } catch (EOFException e) {
            throw new IOException(indexPath + ": truncated index", e);
        } catch (NoSuchFileException e) {
            throw e;
        }
    }

    private static void writeFingerprint(DataOutputStream out, SourceFingerprint fp) throws IOException {
        out.writeLong(fp.sizeBytes());
        out.writeLong(fp.mtimeMillis());
        out.write(fp.headTailSha256());
    }

    private static SourceFingerprint readFingerprint(DataInputStream in) throws IOException {
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
        int chunkShift = rows.intColumns()[0].chunkShift();
        out.writeInt(chunkShift);
        out.writeLong(rows.rowCount());
        for (IntColumn c : rows.intColumns()) {
            out.writeInt(c.chunkCount());
            for (int i = 0; i < c.chunkCount(); i++) {
                int[] chunk = c.chunk(i);
                out.writeBoolean(chunk != null);
                if (chunk != null) {
                    ByteBuffer buf = ByteBuffer.allocate(chunk.length * 4).order(ByteOrder.LITTLE_ENDIAN);
                    buf.asIntBuffer().put(chunk);
                    out.write(buf.array());
                }
            }
        }
        for (LongColumn c : rows.longColumns()) {
            out.writeInt(c.chunkCount());
            for (int i = 0; i < c.chunkCount(); i++) {
                long[] chunk = c.chunk(i);
                out.writeBoolean(chunk != null);
                if (chunk != null) {
                    ByteBuffer buf = ByteBuffer.allocate(chunk.length * 8).order(ByteOrder.LITTLE_ENDIAN);
                    buf.asLongBuffer().put(chunk);
                    out.write(buf.array());
                }
            }
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
        private final DataInputStream in;
        private final long fileSize;
        private final Path path;

        Reader(DataInputStream in, long fileSize, Path path) {
            this.in = in;
            this.fileSize = fileSize;
            this.path = path;
        }

        IOException corrupt(String why) {
            return new IOException(path + ": corrupt index: " + why);
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

        HandleModel readBody() throws IOException {
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
            int chunkShift = in.readInt();
            if (chunkShift < 1 || chunkShift > 26) {
                throw corrupt("bad chunk shift " + chunkShift);
            }
            long rowCount = in.readLong();
            if (rowCount < 0 || rowCount >= Integer.MAX_VALUE) {
                throw corrupt("bad row count " + rowCount);
            }
            HandleRows rows = new HandleRows(chunkShift);
            int chunkLen = 1 << chunkShift;
            int expectedChunks = (int) ((rowCount + chunkLen - 1) >>> chunkShift);
            for (IntColumn c : rows.intColumns()) {
                readChunks(expectedChunks, chunkLen, 4, rowCount, (i, bytes) -> {
                    int[] v = new int[chunkLen];
                    ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asIntBuffer().get(v);
                    c.putChunk(i, v, rowCount);
                }, i -> c.putChunk(i, null, rowCount));
            }
            for (LongColumn c : rows.longColumns()) {
                readChunks(expectedChunks, chunkLen, 8, rowCount, (i, bytes) -> {
                    long[] v = new long[chunkLen];
                    ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asLongBuffer().get(v);
                    c.putChunk(i, v, rowCount);
                }, i -> c.putChunk(i, null, rowCount));
            }
            rows.restore(rowCount, details);
            rows.compact();
            validate(rows, nproc, nstr, nstack, ndetail);
            return HandleModel.restore(source, processes, modules, strings, stacks, rows, warnings, partial);
        }

        private interface ChunkSink {
            void accept(int index, byte[] bytes);
        }

        private interface EmptySink {
            void accept(int index);
        }

        private void readChunks(int expected, int chunkLen, int width, long rowCount, ChunkSink sink,
                EmptySink empty) throws IOException {
            int n = in.readInt();
            if (n != expected) {
                throw corrupt("column has " + n + " chunks, expected " + expected);
            }
            if ((long) chunkLen * width > fileSize && rowCount > 0) {
                throw corrupt("chunk larger than the file");
            }
            for (int i = 0; i < n; i++) {
                if (in.readBoolean()) {
                    byte[] bytes = new byte[chunkLen * width];
                    in.readFully(bytes);
                    sink.accept(i, bytes);
                } else {
                    empty.accept(i);
                }
            }
        }

        /** Cheap referential checks so a CRC collision cannot produce out-of-range keys later. */
        private void validate(HandleRows rows, int nproc, int nstr, int nstack, int ndetail) throws IOException {
            long n = rows.rowCount();
            for (long r = 0; r < n; r++) {
                if (rows.owningProcess(r) < 0 || rows.owningProcess(r) >= nproc
                        || rows.creatingProcess(r) >= nproc || rows.closingProcess(r) >= nproc
                        || rows.typeId(r) < 0 || rows.typeId(r) >= nstr || rows.nameId(r) >= nstr
                        || rows.attributesId(r) >= nstr || rows.createStack(r) >= nstack
                        || rows.closeStack(r) >= nstack || rows.dupFromProcess(r) >= nproc
                        || rows.detailIndex.get(r) >= ndetail) {
                    throw corrupt("row " + r + " refers outside its tables");
                }
            }
        }
    }
}
