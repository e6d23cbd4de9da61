package org.handlelens.symbols.model;

import org.handlelens.model.HandleModel;
import org.handlelens.model.ModuleRecord;
import org.handlelens.model.ProgressMonitor;
import org.handlelens.model.spi.FrameSymbolizer;
import org.handlelens.symbols.DefaultLocations;
import org.handlelens.symbols.ImageIdentity;
import org.handlelens.symbols.PdbIdentity;
import org.handlelens.symbols.SymbolService;
import org.handlelens.symbols.path.PathMapper;
import org.handlelens.symbols.path.SymbolPath;
import org.handlelens.symbols.resolve.FrameResolver;
import org.handlelens.symbols.resolve.LoadedModule;
import org.handlelens.symbols.resolve.ProcessModuleMap;
import org.handlelens.symbols.server.FetchMonitor;
import org.handlelens.symbols.server.FetchOptions;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The model's {@link FrameSymbolizer} service (found with {@link java.util.ServiceLoader}): resolves frames
 * of a {@link HandleModel} through a symbol path, using the PDB identities the trace recorded for its images.
 */
public final class ModelFrameSymbolizer implements FrameSymbolizer {
    private final Map<String, String> env;

    /** Uses the process environment for the default cache. */
    public ModelFrameSymbolizer() {
        this(System.getenv());
    }

    /** Uses the given environment (tests). */
    public ModelFrameSymbolizer(Map<String, String> env) {
        this.env = env;
    }

    /**
     * @throws org.handlelens.symbols.path.SymbolPathSyntaxException (an IllegalArgumentException) for a
     *                                                              malformed symbol path
     */
    @Override
    public Resolver open(HandleModel model, String symbolPath, ProgressMonitor monitor) throws IOException {
        Path cache = DefaultLocations.symbolCache(env);
        PathMapper mapper = PathMapper.forCurrentOs(DefaultLocations.windowsRoot(cache));
        SymbolService service = new SymbolService(SymbolPath.parse(symbolPath, cache, mapper), mapper,
                FetchOptions.defaults());
        FetchMonitor fetchMonitor = new FetchMonitor() {
            @Override
            public boolean isCancelled() {
                return monitor.isCanceled();
            }

            @Override
            public void progress(String item, long done, long total) {
                monitor.subTask("Downloading " + item + " (" + done / 1024 + " KB)");
            }
        };
        return new ModelResolver(model, service.frameResolver(fetchMonitor));
    }

    /** Converts a model module to a resolver module; null when its size is unknown. */
    static LoadedModule toLoadedModule(ModuleRecord m) {
        if (m.imageSizeBytes() <= 0 || m.fileName().isEmpty()) {
            return null;
        }
        ImageIdentity image = m.timeDateStamp() >= 0 && m.timeDateStamp() <= 0xFFFF_FFFFL && m.imageSizeBytes() <= 0xFFFF_FFFFL
                ? new ImageIdentity(m.fileName(), m.timeDateStamp(), m.imageSizeBytes()) : null;
        PdbIdentity pdb = m.pdbGuid() != null && m.pdbName() != null && m.pdbAge() >= 0
                ? PdbIdentity.fromPath(m.pdbName(), m.pdbGuid(), m.pdbAge()) : null;
        return new LoadedModule(m.fileName(), m.imageBase(), m.imageSizeBytes(), image, pdb);
    }

    /** Per-thread resolver with a module map per process. */
    private static final class ModelResolver implements Resolver {
        private final HandleModel model;
        private final FrameResolver frames;
        private final Map<Integer, ProcessModuleMap> maps = new HashMap<>();

        ModelResolver(HandleModel model, FrameResolver frames) {
            this.model = model;
            this.frames = frames;
        }

        @Override
        public String resolve(int processKey, long address) {
            LoadedModule m = module(processKey, address);
            return m == null ? null : frames.resolve(m, address).display();
        }

        @Override
        public String sourceLine(int processKey, long address) {
            LoadedModule m = module(processKey, address);
            return m == null ? null : frames.resolveWithSource(m, address).sourceText();
        }

        private LoadedModule module(int processKey, long address) {
            ProcessModuleMap map = maps.computeIfAbsent(processKey, k -> {
                List<LoadedModule> mods = new ArrayList<>();
                for (ModuleRecord r : model.modules(k)) {
                    LoadedModule lm = toLoadedModule(r);
                    if (lm != null) {
                        mods.add(lm);
                    }
                }
                return new ProcessModuleMap(mods);
            });
            return map.find(address);
        }
    }
}
