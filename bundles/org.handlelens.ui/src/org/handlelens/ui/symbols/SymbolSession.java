package org.handlelens.ui.symbols;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionService;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;

import org.handlelens.model.HandleModel;
import org.handlelens.model.ModuleRecord;
import org.handlelens.model.StackTrace;
import org.handlelens.symbols.ImageIdentity;
import org.handlelens.symbols.PdbIdentity;
import org.handlelens.symbols.SymbolService;
import org.handlelens.symbols.resolve.FrameResolver;
import org.handlelens.symbols.resolve.LoadedModule;
import org.handlelens.symbols.resolve.ModuleSymbols;
import org.handlelens.symbols.resolve.ModuleSymbolsLoader;
import org.handlelens.symbols.resolve.ProcessModuleMap;
import org.handlelens.symbols.resolve.ResolvedFrame;
import org.handlelens.symbols.resolve.SymbolStatus;
import org.handlelens.symbols.resolve.SymbolTable;
import org.handlelens.symbols.server.FetchMonitor;
import org.handlelens.ui.HandleLensUi;

/**
 * The symbols loaded for one model (one handle editor): per-module status and symbols, and the frame texts
 * the handle table and the Modules / Create Stack views show. Thread-safe: loading runs in a Job while the
 * UI reads. Listeners are told (on the loading thread) when results change.
 */
public final class SymbolSession {
    /** A module of a process, by process key and load address. */
    public record ModuleKey(int processKey, long imageBase) {
    }

    /**
     * One image of the model, for the Modules view.
     *
     * @param key          process and base
     * @param processLabel "image (pid)"
     * @param record       the model's module record
     * @param module       the resolver's view of it, or null when its size or name is unknown (cannot be resolved)
     * @param symbols      loaded symbols, or null while not loaded
     */
    public record ModuleEntry(ModuleKey key, String processLabel, ModuleRecord record, LoadedModule module,
                              ModuleSymbols symbols) {
        /** Module name as in frames ({@code ntdll}); the file name when it cannot be resolved. */
        public String moduleName() {
            return module != null ? module.moduleName() : record.fileName();
        }
    }

    /**
     * One frame as shown.
     *
     * @param address frame address (0 when the source gave text only)
     * @param text    {@code module!function+0xNN} when symbols are loaded, else the source's text, else
     *                {@code module+0xNN} / hex address
     * @param module  the containing module, or null
     */
    public record FrameLine(long address, String text, ModuleKey module) {
    }

    /** Progress of {@link #load}: per-module completion plus the download monitor. */
    public interface LoadProgress extends FetchMonitor {
        /** A module finished ({@code done} of {@code total}). */
        void moduleDone(ModuleEntry module, int done, int total);
    }

    private final HandleModel model;
    private final Map<ModuleKey, ModuleSymbols> symbols = new ConcurrentHashMap<>();
    private final Map<Integer, ProcessModuleMap> maps = new ConcurrentHashMap<>();
    private final List<Runnable> listeners = new CopyOnWriteArrayList<>();
    private volatile Supplier<SymbolSettings> settings;

    /** A session without symbols for {@code model}, using the workspace's symbol settings. */
    public SymbolSession(HandleModel model) {
        this.model = model;
        this.settings = () -> SymbolSettings.from(HandleLensUi.getDefault().getPreferenceStore());
    }

    /**
     * Where the symbol settings of this model come from (e.g. its trace project's override,
     * {@link ProjectSymbolSettings#source}); read at each Load Symbols.
     */
    public void setSettingsSource(Supplier<SymbolSettings> source) {
        this.settings = java.util.Objects.requireNonNull(source, "source");
    }

    /** The symbol settings Load Symbols uses for this model now. */
    public SymbolSettings settings() {
        return settings.get();
    }

    /** The model. */
    public HandleModel model() {
        return model;
    }

    /** All images of all processes, in process then base order. */
    public List<ModuleEntry> modules() {
        List<ModuleEntry> out = new ArrayList<>();
        for (int p = 0; p < model.processes().size(); p++) {
            List<ModuleRecord> mods = model.modules(p);
            if (mods == null) {
                continue;
            }
            List<ModuleRecord> sorted = new ArrayList<>(mods);
            sorted.sort((a, b) -> Long.compareUnsigned(a.imageBase(), b.imageBase()));
            for (ModuleRecord r : sorted) {
                ModuleKey key = new ModuleKey(p, r.imageBase());
                out.add(new ModuleEntry(key, model.processLabel(p), r, toLoadedModule(r), symbols.get(key)));
            }
        }
        return out;
    }

    /** The entry of one module, or null. */
    public ModuleEntry module(ModuleKey key) {
        for (ModuleEntry e : modules()) {
            if (e.key().equals(key)) {
                return e;
            }
        }
        return null;
    }

    /** Symbols of a module, or null while not loaded. */
    public ModuleSymbols symbols(ModuleKey key) {
        return symbols.get(key);
    }

    /** Number of modules with a result (any status). */
    public int resultCount() {
        return symbols.size();
    }

    /** Stores a result and tells the listeners. */
    public void put(ModuleKey key, ModuleSymbols result) {
        symbols.put(key, result);
        fireChanged();
    }

    /** Calls {@code listener} after results change (on the thread that changed them). */
    public void addListener(Runnable listener) {
        listeners.add(listener);
    }

    /** Removes a listener. */
    public void removeListener(Runnable listener) {
        listeners.remove(listener);
    }

    private void fireChanged() {
        for (Runnable r : listeners) {
            r.run();
        }
    }

    /**
     * Loads the symbols of {@code targets} (all modules when null) through {@code service}; modules with the
     * same PDB/image identity are fetched once. Results are stored as they arrive.
     *
     * @return number of modules processed
     * @throws CancellationException when {@code progress} cancels
     */
    public int load(List<ModuleKey> targets, SymbolService service, LoadProgress progress) {
        List<ModuleEntry> todo = new ArrayList<>();
        for (ModuleEntry e : modules()) {
            if (e.module() != null && (targets == null || targets.contains(e.key()))) {
                todo.add(e);
            }
        }
        FrameResolver resolver = service.frameResolver(progress);
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            CompletionService<ModuleEntry> done = new ExecutorCompletionService<>(pool);
            List<Future<ModuleEntry>> futures = new ArrayList<>();
            for (ModuleEntry e : todo) {
                futures.add(done.submit(() -> {
                    ModuleSymbols s = resolver.symbolsOf(e.module());
                    symbols.put(e.key(), s);
                    return e;
                }));
            }
            for (int i = 0; i < todo.size(); i++) {
                ModuleEntry finished;
                try {
                    finished = done.take().get();
                } catch (ExecutionException ex) {
                    if (ex.getCause() instanceof CancellationException c) {
                        futures.forEach(f -> f.cancel(true));
                        throw c;
                    }
                    throw new IllegalStateException("loading symbols failed: " + ex.getCause(), ex.getCause());
                } catch (InterruptedException ex) {
                    Thread.currentThread().interrupt();
                    futures.forEach(f -> f.cancel(true));
                    throw new CancellationException("interrupted");
                }
                progress.moduleDone(finished, i + 1, todo.size());
                fireChanged();
                if (progress.isCancelled()) {
                    futures.forEach(f -> f.cancel(true));
                    throw new CancellationException("cancelled");
                }
            }
        }
        return todo.size();
    }

    /**
     * Loads a PDB the user picked for a module, checking its GUID/age against the module's identity. A usable
     * result (Loaded / Public only) replaces the module's symbols; Mismatched or Error results are only
     * returned, so good symbols are not lost to a wrong file.
     */
    public ModuleSymbols loadFromFile(ModuleKey key, Path pdbFile) {
        ModuleEntry e = module(key);
        if (e == null) {
            throw new IllegalArgumentException("no module at " + key);
        }
        PdbIdentity expected = e.module() != null ? e.module().pdb() : null;
        ModuleSymbols result = ModuleSymbolsLoader.fromPdb(pdbFile, expected);
        if (result.status() == SymbolStatus.LOADED || result.status() == SymbolStatus.PUBLIC_ONLY) {
            put(key, expected == null ? new ModuleSymbols(result.status(),
                    "loaded from " + pdbFile + " without a PDB identity to check", result.table(), result.source())
                    : result);
        }
        return result;
    }

    /** The process whose address space holds a row's create stack: the creating process, else the owner. */
    public int stackProcess(int row) {
        int creating = model.creatingProcess(row);
        return creating >= 0 ? creating : model.owningProcess(row);
    }

    /** The frames of a row's create stack (innermost first), or an empty list when it has none. */
    public List<FrameLine> createStack(int row) {
        int id = model.createStackId(row);
        StackTrace s = id < 0 ? null : model.stack(id);
        if (s == null) {
            return List.of();
        }
        int process = stackProcess(row);
        List<FrameLine> out = new ArrayList<>(s.frameCount());
        for (int i = 0; i < s.frameCount(); i++) {
            out.add(frame(process, s, i));
        }
        return out;
    }

    /** The table cell of the Create Stack column: {@code #id} and the innermost frame. */
    public String createStackLabel(int row) {
        int id = model.createStackId(row);
        StackTrace s = id < 0 ? null : model.stack(id);
        if (s == null) {
            return "";
        }
        return s.frameCount() == 0 ? "(empty)" : "#" + id + " " + frame(stackProcess(row), s, 0).text();
    }

    /**
     * The text of {@code address} in process {@code processKey} from symbols loaded so far
     * ({@code module!function+0xNN}), or null when its module has no symbols loaded; the resolver the
     * command line's tables take.
     */
    public String resolveLoaded(int processKey, long address) {
        if (address == 0 || processKey < 0) {
            return null;
        }
        LoadedModule m = processMap(processKey).find(address);
        return m == null ? null : loadedText(m, new ModuleKey(processKey, m.baseAddress()), address);
    }

    /** {@code module!function+0xNN} of {@code address} in {@code m}, or null when its symbols are not loaded. */
    private String loadedText(LoadedModule m, ModuleKey key, long address) {
        ModuleSymbols ms = symbols.get(key);
        if (ms == null || ms.table().size() == 0) {
            return null;
        }
        long rva = address - m.baseAddress();
        SymbolTable.Hit hit = ms.table().lookup(rva);
        return (hit == null ? new ResolvedFrame(address, m.moduleName(), null, rva)
                : new ResolvedFrame(address, m.moduleName(), hit.name(), hit.offsetBytes())).display();
    }

    /** One frame of a stack in a process. */
    public FrameLine frame(int processKey, StackTrace s, int i) {
        long address = s.frameAddress(i);
        String given = s.frameName(i);
        if (address == 0 || processKey < 0) {
            return new FrameLine(address, s.frameText(i), null);
        }
        LoadedModule m = processMap(processKey).find(address);
        if (m == null) {
            return new FrameLine(address, s.frameText(i), null);
        }
        ModuleKey key = new ModuleKey(processKey, m.baseAddress());
        String loaded = loadedText(m, key, address);
        if (loaded != null) {
            return new FrameLine(address, loaded, key);
        }
        String text = given != null ? given
                : new ResolvedFrame(address, m.moduleName(), null, address - m.baseAddress()).display();
        return new FrameLine(address, text, key);
    }

    private ProcessModuleMap processMap(int processKey) {
        return maps.computeIfAbsent(processKey, k -> {
            List<LoadedModule> mods = new ArrayList<>();
            List<ModuleRecord> records = model.modules(k);
            if (records != null) {
                for (ModuleRecord r : records) {
                    LoadedModule lm = toLoadedModule(r);
                    if (lm != null) {
                        mods.add(lm);
                    }
                }
            }
            return new ProcessModuleMap(mods);
        });
    }

    /**
     * The resolver's view of a model module (same rules as the symbols bundle's ModelFrameSymbolizer); null
     * when its size or file name is unknown.
     */
    public static LoadedModule toLoadedModule(ModuleRecord m) {
        if (m.imageSizeBytes() <= 0 || m.fileName().isEmpty()) {
            return null;
        }
        ImageIdentity image = m.timeDateStamp() >= 0 && m.timeDateStamp() <= 0xFFFF_FFFFL
                && m.imageSizeBytes() <= 0xFFFF_FFFFL
                ? new ImageIdentity(m.fileName(), m.timeDateStamp(), m.imageSizeBytes()) : null;
        PdbIdentity pdb = m.pdbGuid() != null && m.pdbName() != null && m.pdbAge() >= 0
                ? PdbIdentity.fromPath(m.pdbName(), m.pdbGuid(), m.pdbAge()) : null;
        return new LoadedModule(m.fileName(), m.imageBase(), m.imageSizeBytes(), image, pdb);
    }
}
