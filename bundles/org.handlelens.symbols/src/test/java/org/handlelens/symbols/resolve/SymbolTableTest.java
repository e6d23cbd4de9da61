package org.handlelens.symbols.resolve;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class SymbolTableTest {
    private final SymbolTable table = SymbolTable.of(List.of(
            new SymbolTable.Entry(0x1000, 0x10, "proc_a"),
            new SymbolTable.Entry(0x1000, -1, "pub_a"),
            new SymbolTable.Entry(0x1020, -1, "pub_b"),
            new SymbolTable.Entry(0x1040, 0x20, "proc_c"),
            new SymbolTable.Entry(0x3000, -1, "data_d"),
            new SymbolTable.Entry(-1, -1, "unmapped")), new long[] {0x1000, 0x2000, 0x3000, 0x4000});

    @Test
    void proceduresWinOverPublicsAtTheSameStart() {
        assertEquals(new SymbolTable.Hit("proc_a", 0x1000, 5), table.lookup(0x1005));
    }

    @Test
    void paddingAfterAProcedureHasNoSymbol() {
        assertNull(table.lookup(0x1015));
    }

    @Test
    void publicsExtendUpToTheNextSymbolOrBoundary() {
        assertEquals(new SymbolTable.Hit("pub_b", 0x1020, 0x1f), table.lookup(0x103F));
        assertEquals(new SymbolTable.Hit("data_d", 0x3000, 0x10), table.lookup(0x3010));
        assertNull(table.lookup(0x4001), "section end bounds an unsized symbol");
        assertNull(table.lookup(0x2500), "proc_c ended before");
        assertNull(table.lookup(0xFFF));
    }

    @Test
    void sizeIgnoresUnmappedEntries() {
        assertEquals(5, table.size());
    }

    @Test
    void displayNamesUndecorateSimpleCases() {
        assertEquals("main", DisplayNames.forPublic("_main", true));
        assertEquals("NtClose", DisplayNames.forPublic("_NtClose@4", true));
        assertEquals("_main", DisplayNames.forPublic("_main", false));
        assertEquals("std::exception::what", DisplayNames.forPublic("?what@exception@std@@UEBAPEBDXZ", false));
        assertEquals("std::exception::exception", DisplayNames.forPublic("??0exception@std@@QEAA@XZ", false));
        assertEquals("X::~X", DisplayNames.forPublic("??1X@@QEAA@XZ", false));
        String template = "??$?6U?$char_traits@D@std@@@std@@YAAAV?$basic_ostream@DU?$char_traits@D@std@@@0@AAV10@PBD@Z";
        assertEquals(template, DisplayNames.forPublic(template, true));
    }
}
