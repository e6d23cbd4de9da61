package org.handlelens.ui.properties;

import org.handlelens.symbols.pdb.SourceLine;
import org.handlelens.symbols.resolve.LoadedModule;
import org.handlelens.symbols.resolve.ModuleSymbols;
import org.handlelens.ui.symbols.SymbolSession;
import org.handlelens.ui.symbols.SymbolSession.FrameLine;

/** Properties of one create-stack frame: address, text, source position and its module's symbols. */
public final class FramePropertySource extends ReadOnlyPropertySource {
    private static final String FRAME = "Frame";
    private static final String MODULE = "Module";

    /** @param index frame number, 0 = innermost */
    public FramePropertySource(SymbolSession session, int index, FrameLine frame) {
        add(FRAME, "Number", Integer.toString(index));
        add(FRAME, "Address", frame.address() == 0 ? "" : "0x" + Long.toHexString(frame.address()));
        add(FRAME, "Text", frame.text());
        SourceLine source = frame.source();
        add(FRAME, "Source File", source == null ? "" : source.file());
        add(FRAME, "Line", source == null ? "" : Integer.toString(source.line()));
        if (source != null && source.column() > 0) {
            add(FRAME, "Column", Integer.toString(source.column()));
        }
        SymbolSession.ModuleEntry entry = frame.module() == null || session == null ? null
                : session.module(frame.module());
        if (entry == null) {
            return;
        }
        add(MODULE, "Name", entry.moduleName());
        add(MODULE, "Process", entry.processLabel());
        add(MODULE, "Base", "0x" + Long.toHexString(frame.module().imageBase()));
        LoadedModule m = entry.module();
        if (m != null) {
            add(MODULE, "File", m.fileName());
            add(MODULE, "Size", String.format("0x%x bytes", m.sizeBytes()));
            add(MODULE, "Offset", "0x" + Long.toHexString(frame.address() - m.baseAddress()));
            add(MODULE, "PDB", m.pdb() == null ? "not recorded in the source" : m.pdb().toString());
        }
        ModuleSymbols symbols = session.symbols(frame.module());
        add(MODULE, "Symbols", symbols == null ? "not loaded" : symbols.describe());
        if (symbols != null && symbols.source() != null) {
            add(MODULE, "Symbol File", symbols.source().toString());
        }
    }
}
