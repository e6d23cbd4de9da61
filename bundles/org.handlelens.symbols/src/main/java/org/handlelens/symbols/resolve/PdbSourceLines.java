package org.handlelens.symbols.resolve;

import org.handlelens.symbols.pdb.LineTable;
import org.handlelens.symbols.pdb.PdbFile;
import org.handlelens.symbols.pdb.PdbModule;
import org.handlelens.symbols.pdb.SectionContributions;
import org.handlelens.symbols.pdb.SourceLine;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * Line tables of one PDB, loaded lazily per PDB module (compiland): the section contributions say which
 * module holds an RVA, and only that module's C13 lines are read, on its first query. The PDB is reopened
 * for each such load rather than kept open, so that cached symbols hold no file handles. A module whose
 * line subsections are damaged yields no lines and a warning; symbol resolution is unaffected. Thread-safe.
 */
public final class PdbSourceLines implements SourceLines {
    private final Path pdbPath;
    private final UUID guid;
    private final SectionContributions contributions;
    private final List<PdbModule> modules;
    private final AtomicReferenceArray<LineTable> tables;
    private final List<String> warnings = new CopyOnWriteArrayList<>();

    private PdbSourceLines(Path pdbPath, UUID guid, SectionContributions contributions, List<PdbModule> modules) {
        this.pdbPath = pdbPath;
        this.guid = guid;
        this.contributions = contributions;
        this.modules = modules;
        this.tables = new AtomicReferenceArray<>(modules.size());
    }

    /**
     * Line access for an open PDB, or {@link SourceLines#NONE} when no module has C13 lines.
     *
     * @param pdbPath the file to reopen when a module's lines are first needed
     */
    public static SourceLines of(PdbFile pdb, Path pdbPath) throws IOException {
        List<PdbModule> modules = pdb.modules();
        if (modules.stream().noneMatch(m -> m.c13LineBytes() > 0 && m.symbolStream() >= 0)) {
            return NONE;
        }
        SectionContributions sc = pdb.sectionContributions();
        return sc.size() == 0 ? NONE : new PdbSourceLines(pdbPath, pdb.info().guid(), sc, modules);
    }

    @Override
    public SourceLine lookup(long rva) {
        int m = contributions.moduleAt(rva);
        if (m < 0 || m >= modules.size()) {
            return null;
        }
        LineTable t = tables.get(m);
        if (t == null) {
            t = load(m);
        }
        return t.lookup(rva);
    }

    private synchronized LineTable load(int index) {
        LineTable t = tables.get(index);
        if (t != null) {
            return t;
        }
        PdbModule m = modules.get(index);
        if (m.c13LineBytes() == 0) {
            t = LineTable.empty();
        } else {
            try (PdbFile pdb = PdbFile.open(pdbPath)) {
                if (!pdb.info().guid().equals(guid) || pdb.modules().size() != modules.size()) {
                    throw new IOException(pdbPath + " was replaced by another PDB since its symbols were loaded");
                }
                t = pdb.lineTable(pdb.modules().get(index));
            } catch (IOException | RuntimeException e) {
                warnings.add("no line information for module " + m.moduleName() + ": " + e.getMessage());
                t = LineTable.empty();
            }
        }
        tables.set(index, t);
        return t;
    }

    /** Number of modules whose line tables have been read so far. */
    public int loadedModuleCount() {
        int n = 0;
        for (int i = 0; i < tables.length(); i++) {
            n += tables.get(i) != null ? 1 : 0;
        }
        return n;
    }

    @Override
    public List<String> warnings() {
        return List.copyOf(warnings);
    }
}
