package org.handlelens.symbols.resolve;

import org.handlelens.symbols.PdbIdentity;
import org.handlelens.symbols.io.CorruptFileException;
import org.handlelens.symbols.pdb.PdbFile;
import org.handlelens.symbols.pdb.ProcedureSymbol;
import org.handlelens.symbols.pdb.PublicSymbol;
import org.handlelens.symbols.pe.PeExport;
import org.handlelens.symbols.pe.PeImage;
import org.handlelens.symbols.pe.SectionHeader;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Builds {@link ModuleSymbols} from a PDB or from an image's export table. */
public final class ModuleSymbolsLoader {
    private static final int MACHINE_I386 = 0x14C;

    private ModuleSymbolsLoader() {
    }

    /**
     * Loads a PDB for an image.
     *
     * @param pdbPath  the PDB file
     * @param expected identity from the image (RSDS) or {@code null} to accept any PDB
     */
    public static ModuleSymbols fromPdb(Path pdbPath, PdbIdentity expected) {
        try (PdbFile pdb = PdbFile.open(pdbPath)) {
            if (expected != null && !pdb.matches(expected)) {
                return new ModuleSymbols(SymbolStatus.MISMATCHED, "PDB " + pdbPath.getFileName() + " has "
                        + pdb.identity(expected.pdbName()).key() + ", image wants " + expected.key(), null, pdbPath);
            }
            return fromOpenPdb(pdb, pdbPath);
        } catch (IOException | RuntimeException e) {
            return new ModuleSymbols(SymbolStatus.ERROR, String.valueOf(e.getMessage()), null, pdbPath);
        }
    }

    /** Builds symbols from an open, already matched PDB. */
    public static ModuleSymbols fromOpenPdb(PdbFile pdb, Path pdbPath) throws IOException {
        boolean x86 = pdb.machine() == MACHINE_I386;
        List<SymbolTable.Entry> entries = new ArrayList<>();
        List<ProcedureSymbol> procs;
        String procsError = "";
        try {
            procs = pdb.procedures();
        } catch (CorruptFileException e) {
            // a damaged module stream costs the procedures, not the publics: keep those and say why
            procs = List.of();
            procsError = "procedures unreadable, public symbols only: " + e.getMessage();
        }
        for (ProcedureSymbol p : procs) {
            entries.add(new SymbolTable.Entry(p.rva(), p.sizeBytes(), p.name()));
        }
        int publics = 0;
        for (PublicSymbol p : pdb.publics()) {
            if (p.rva() >= 0) {
                entries.add(new SymbolTable.Entry(p.rva(), -1, DisplayNames.forPublic(p.name(), x86)));
                publics++;
            }
        }
        SymbolTable table = SymbolTable.of(entries, sectionBounds(pdb.sections()));
        if (!procs.isEmpty()) {
            return new ModuleSymbols(SymbolStatus.LOADED, "", table, pdbPath, sourceLines(pdb, pdbPath));
        }
        if (publics > 0) {
            return new ModuleSymbols(SymbolStatus.PUBLIC_ONLY, procsError, table, pdbPath);
        }
        if (!procsError.isEmpty()) {
            return new ModuleSymbols(SymbolStatus.ERROR, procsError, table, pdbPath);
        }
        return new ModuleSymbols(SymbolStatus.ERROR, "PDB has no native code symbols (managed assembly?)", table, pdbPath);
    }

    /** Line access for a PDB with full debug info; a damaged DBI part costs the lines, not the symbols. */
    private static SourceLines sourceLines(PdbFile pdb, Path pdbPath) {
        try {
            return PdbSourceLines.of(pdb, pdbPath);
        } catch (IOException | RuntimeException e) {
            String why = "no line information: " + e.getMessage();
            return new SourceLines() {
                @Override
                public org.handlelens.symbols.pdb.SourceLine lookup(long rva) {
                    return null;
                }

                @Override
                public boolean available() {
                    return false;
                }

                @Override
                public List<String> warnings() {
                    return List.of(why);
                }
            };
        }
    }

    /** Symbols from the export table of an image (used when no PDB is found). */
    public static ModuleSymbols fromExports(PeImage image, Path imagePath, String whyNoPdb) {
        try {
            List<SymbolTable.Entry> entries = new ArrayList<>();
            for (PeExport e : image.exports()) {
                if (e.forwarder() == null) {
                    entries.add(new SymbolTable.Entry(e.rva(), -1, e.displayName()));
                }
            }
            if (entries.isEmpty()) {
                return ModuleSymbols.without(SymbolStatus.NOT_FOUND, whyNoPdb + "; the image exports nothing");
            }
            return new ModuleSymbols(SymbolStatus.EXPORTS_ONLY, whyNoPdb,
                    SymbolTable.of(entries, sectionBounds(image.sections())), imagePath);
        } catch (IOException e) {
            return ModuleSymbols.without(SymbolStatus.ERROR, e.getMessage());
        }
    }

    private static long[] sectionBounds(List<SectionHeader> sections) {
        long[] b = new long[sections.size() * 2];
        for (int i = 0; i < sections.size(); i++) {
            SectionHeader s = sections.get(i);
            b[2 * i] = s.virtualAddress();
            b[2 * i + 1] = s.virtualAddress() + s.extentBytes();
        }
        return b;
    }
}
