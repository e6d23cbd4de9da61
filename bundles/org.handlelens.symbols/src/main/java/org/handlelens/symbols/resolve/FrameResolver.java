package org.handlelens.symbols.resolve;

import org.handlelens.symbols.pdb.SourceLine;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Resolves frame addresses to {@code module!function+0xNN}, plus the source file and line when the PDB has
 * line tables. Module symbols are obtained once per module
 * identity from the supplied loader and cached (the loader may download). Thread-safe.
 */
public final class FrameResolver {
    private final Function<LoadedModule, ModuleSymbols> loader;
    private final Map<String, ModuleSymbols> cache = new ConcurrentHashMap<>();
    // Fast path: the same LoadedModule value is resolved over and over; avoid building the string key.
    private final Map<LoadedModule, ModuleSymbols> byModule = new ConcurrentHashMap<>();

    /** @param loader obtains the symbols of a module (e.g. {@code SymbolService::moduleSymbols}) */
    public FrameResolver(Function<LoadedModule, ModuleSymbols> loader) {
        this.loader = loader;
    }

    /** Symbols of a module (loaded on first use, then cached). */
    public ModuleSymbols symbolsOf(LoadedModule module) {
        ModuleSymbols s = byModule.get(module);
        if (s == null) {
            s = cache.computeIfAbsent(module.symbolsKey(), k -> loader.apply(module));
            byModule.putIfAbsent(module, s);
        }
        return s;
    }

    /** Resolves one address within a process to {@code module!function+0xNN} (no source line: the fast path). */
    public ResolvedFrame resolve(ProcessModuleMap process, long address) {
        LoadedModule m = process.find(address);
        if (m == null) {
            return new ResolvedFrame(address, null, null, 0);
        }
        return resolve(m, address, false);
    }

    /** Resolves an address known to lie in {@code module} (no source line: the fast path). */
    public ResolvedFrame resolve(LoadedModule module, long address) {
        return resolve(module, address, false);
    }

    /**
     * Resolves an address known to lie in {@code module}, with its source file and line when the module's PDB
     * has line tables (the first query of a compiland reads its line table from the PDB).
     */
    public ResolvedFrame resolveWithSource(LoadedModule module, long address) {
        return resolve(module, address, true);
    }

    private ResolvedFrame resolve(LoadedModule module, long address, boolean withSource) {
        long rva = address - module.baseAddress();
        ModuleSymbols symbols = symbolsOf(module);
        SymbolTable.Hit hit = symbols.table().lookup(rva);
        SourceLine source = withSource ? symbols.lines().lookup(rva) : null;
        if (hit == null) {
            return new ResolvedFrame(address, module.moduleName(), null, rva, source);
        }
        return new ResolvedFrame(address, module.moduleName(), hit.name(), hit.offsetBytes(), source);
    }
}
