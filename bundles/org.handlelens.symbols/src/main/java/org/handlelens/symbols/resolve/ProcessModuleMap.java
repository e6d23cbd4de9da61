package org.handlelens.symbols.resolve;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.handlelens.symbols.AddressSearch;

/** The modules of one process, sorted by base address, for address → module lookups. */
public final class ProcessModuleMap {
    private final LoadedModule[] modules;
    private final long[] bases;

    /** @param modules modules of the process; overlapping ranges resolve to the higher base */
    public ProcessModuleMap(List<LoadedModule> modules) {
        List<LoadedModule> sorted = new ArrayList<>(modules);
        sorted.sort(Comparator.comparing(LoadedModule::baseAddress, Long::compareUnsigned));
        this.modules = sorted.toArray(LoadedModule[]::new);
        this.bases = sorted.stream().mapToLong(LoadedModule::baseAddress).toArray();
    }

    /** The module containing {@code address}, or {@code null}. */
    public LoadedModule find(long address) {
        int found = AddressSearch.lastAtOrBelowUnsigned(bases, address);
        return found >= 0 && modules[found].contains(address) ? modules[found] : null;
    }

    /** All modules, sorted by base. */
    public List<LoadedModule> modules() {
        return List.of(modules);
    }
}
