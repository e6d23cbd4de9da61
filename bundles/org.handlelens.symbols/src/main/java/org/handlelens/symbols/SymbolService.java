package org.handlelens.symbols;

import org.handlelens.symbols.io.CorruptFileException;
import org.handlelens.symbols.path.PathMapper;
import org.handlelens.symbols.path.SymbolPath;
import org.handlelens.symbols.pdb.PdbFile;
import org.handlelens.symbols.pe.PeImage;
import org.handlelens.symbols.resolve.FrameResolver;
import org.handlelens.symbols.resolve.LoadedModule;
import org.handlelens.symbols.resolve.ModuleSymbols;
import org.handlelens.symbols.resolve.ModuleSymbolsLoader;
import org.handlelens.symbols.resolve.SymbolStatus;
import org.handlelens.symbols.server.FetchException;
import org.handlelens.symbols.server.FetchMonitor;
import org.handlelens.symbols.server.FetchOptions;
import org.handlelens.symbols.server.FetchResult;
import org.handlelens.symbols.server.SymbolFetcher;

import java.io.IOException;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The facade the CLI and the workbench use: finds PDBs and images along a symbol path (downloading into the
 * cache), builds per-module symbols with a status, and hands out {@link FrameResolver}s.
 */
public final class SymbolService {
    private final SymbolFetcher fetcher;

    /**
     * @param path    parsed symbol path (its default cache receives downloads when an element names none)
     * @param mapper  maps Windows folder names (also those inside {@code file.ptr})
     * @param options download limits
     */
    public SymbolService(SymbolPath path, PathMapper mapper, FetchOptions options) {
        this(path, mapper, options, null, Clock.systemUTC());
    }

    /** Full constructor; {@code client} may be null. */
    public SymbolService(SymbolPath path, PathMapper mapper, FetchOptions options, HttpClient client, Clock clock) {
        this.fetcher = new SymbolFetcher(path, mapper, options, client, clock);
    }

    /** The symbol path. */
    public SymbolPath symbolPath() {
        return fetcher.symbolPath();
    }

    /** Finds the PDB with this identity; candidates with another GUID/age are listed as rejected. */
    public FetchResult fetchPdb(PdbIdentity id, FetchMonitor monitor) throws FetchException {
        return fetcher.fetch(id.pdbName(), List.of(id.key()), file -> {
            try (PdbFile pdb = PdbFile.open(file)) {
                if (pdb.matches(id)) {
                    return null;
                }
                return "GUID/age differ: PDB has " + pdb.identity(id.pdbName()).key() + ", image wants " + id.key();
            }
        }, monitor);
    }

    /** Finds the image with this name, TimeDateStamp and SizeOfImage. */
    public FetchResult fetchImage(String name, long timeDateStamp, long sizeOfImageBytes, FetchMonitor monitor)
            throws FetchException {
        ImageIdentity id = new ImageIdentity(name, timeDateStamp, sizeOfImageBytes);
        List<String> keys = new ArrayList<>();
        keys.add(id.key());
        keys.addAll(id.alternativeKeys());
        return fetcher.fetch(name, keys, file -> {
            PeImage pe = PeImage.read(file);
            if (pe.timeDateStamp() == timeDateStamp && pe.sizeOfImageBytes() == sizeOfImageBytes) {
                return null;
            }
            return "image has key " + pe.imageIdentity().key() + ", wanted " + id.key();
        }, monitor);
    }

    /**
     * Symbols of a module: its PDB when found (Loaded / Public only), else the image's exports (Exports only),
     * else Mismatched / Not found / Error with the reason.
     *
     * @param localImage the image file when known locally (used for the PDB identity and exports), or null
     * @throws CancellationException when the monitor cancels
     */
    public ModuleSymbols moduleSymbols(LoadedModule module, Path localImage, FetchMonitor monitor) {
        try {
            Path image = localImage;
            PdbIdentity pdbId = module.pdb();
            String imageNote = "";
            if (image == null && module.image() != null) {
                FetchResult r = fetchImage(module.image().fileName(), module.image().timeDateStamp(),
                        module.image().sizeOfImageBytes(), monitor);
                image = r.file();
                if (!r.found()) {
                    imageNote = "image not found";
                }
            }
            PeImage pe = image != null ? PeImage.read(image) : null;
            if (pdbId == null && pe != null && pe.codeView().isPresent() && pe.codeView().get().guid() != null) {
                pdbId = pe.codeView().get().pdbIdentity();
            }
            String mismatch = null;
            List<String> errors = List.of();
            if (pdbId != null) {
                FetchResult r = fetchPdb(pdbId, monitor);
                if (r.found()) {
                    return ModuleSymbolsLoader.fromPdb(r.file(), pdbId);
                }
                mismatch = r.rejected().isEmpty() ? null : r.rejected().get(0);
                errors = r.errors();
            }
            if (mismatch != null) {
                ModuleSymbols fallback = pe != null ? ModuleSymbolsLoader.fromExports(pe, image, "") : null;
                return new ModuleSymbols(SymbolStatus.MISMATCHED, mismatch, fallback != null ? fallback.table() : null,
                        fallback != null ? fallback.source() : null);
            }
            String noRsds = pe != null && pe.codeView().isPresent() && pe.codeView().get().guid() == null
                    ? "image has an old NB10 CodeView record (key " + pe.codeView().get().nb10Key()
                            + "), NB10 PDBs are not fetched"
                    : "image has no RSDS record";
            String why = pdbId == null ? "no PDB identity (" + noRsds + (imageNote.isEmpty() ? ")" : ", " + imageNote + ")")
                    : "PDB " + pdbId.storePath() + " not found";
            if (pe != null) {
                ModuleSymbols ex = ModuleSymbolsLoader.fromExports(pe, image, why);
                if (ex.status() == SymbolStatus.EXPORTS_ONLY || errors.isEmpty()) {
                    return ex;
                }
            }
            if (!errors.isEmpty()) {
                return ModuleSymbols.without(SymbolStatus.ERROR, String.join("; ", errors));
            }
            return ModuleSymbols.without(SymbolStatus.NOT_FOUND, why);
        } catch (FetchException e) {
            if (e.reason() == FetchException.Reason.CANCELLED) {
                throw new CancellationException(e.getMessage());
            }
            return ModuleSymbols.without(SymbolStatus.ERROR, e.getMessage());
        } catch (CorruptFileException e) {
            return ModuleSymbols.without(SymbolStatus.ERROR, e.getMessage());
        } catch (IOException | RuntimeException e) {
            return ModuleSymbols.without(SymbolStatus.ERROR, String.valueOf(e.getMessage()));
        }
    }

    /**
     * Loads the symbols of many modules with parallel downloads (bounded by
     * {@link FetchOptions#maxParallelDownloads()}); results are in the order of {@code modules}.
     *
     * @throws CancellationException when the monitor cancels
     */
    public List<ModuleSymbols> moduleSymbolsAll(List<LoadedModule> modules, FetchMonitor monitor) {
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<ModuleSymbols>> futures = new ArrayList<>();
            for (LoadedModule m : modules) {
                futures.add(pool.submit(() -> moduleSymbols(m, null, monitor)));
            }
            List<ModuleSymbols> out = new ArrayList<>();
            for (Future<ModuleSymbols> f : futures) {
                try {
                    out.add(f.get());
                } catch (ExecutionException e) {
                    if (e.getCause() instanceof CancellationException c) {
                        futures.forEach(x -> x.cancel(true));
                        throw c;
                    }
                    out.add(ModuleSymbols.without(SymbolStatus.ERROR, String.valueOf(e.getCause())));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    out.add(ModuleSymbols.without(SymbolStatus.ERROR, "interrupted"));
                }
            }
            return out;
        }
    }

    /** A resolver that loads module symbols through this service on first use (and caches them). */
    public FrameResolver frameResolver(FetchMonitor monitor) {
        return new FrameResolver(m -> moduleSymbols(m, null, monitor));
    }
}
