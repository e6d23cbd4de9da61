package org.handlelens.symbols.pdb;

import java.util.concurrent.TimeUnit;

import org.handlelens.symbols.io.CorruptFileException;
import org.handlelens.symbols.io.LeReader;
import org.junit.jupiter.api.Timeout;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Jazzer fuzz target for {@link C13Lines#parse}: the C13 debug subsections of a module stream
 * (DEBUG_S_FILECHKSMS, DEBUG_S_LINES with blocks, columns and hidden lines) fed directly, without the MSF
 * around them, so that every input byte is line-table data. Seeds ({@code C13LinesFuzzTestInputs/parse/}):
 * the C13 bytes of CrashWithException.pdb module 1, CppCon.pdb module 1 (ASI/NSI lines, folded code) and
 * CsDesktopProj.pdb module 0 (columns). The only accepted exception is {@link CorruptFileException}; the
 * resulting table must answer lookups.
 */
@Timeout(value = 10, unit = TimeUnit.SECONDS)
class C13LinesFuzzTest {
    @FuzzTest(maxDuration = "20s")
    void parse(byte[] input) throws Exception {
        LeReader r = LeReader.of(input, "fuzz.pdb stream 12");
        LineTable t;
        try {
            t = C13Lines.parse(r, 0, input.length, (seg, off) -> seg >= 1 && seg <= 3 ? 0x1000L * seg + off : -1,
                    off -> {
                        if (off > 1 << 20) {
                            throw new CorruptFileException("fuzz.pdb /names", 8, "offset " + off);
                        }
                        return "file" + off;
                    });
        } catch (CorruptFileException expected) {
            return; // documented: damaged line subsections (stream + offset)
        }
        t.files().forEach(String::length);
        for (long rva : new long[] {0, 0x1000, 0x1010, 0x1100, 0x2000, 0x2345, 0x3000, 0xFFFF_FFFFL, -1}) {
            SourceLine s = t.lookup(rva);
            if (s != null && (s.line() <= 0 || s.file() == null)) {
                throw new AssertionError("bad line " + s + " at " + rva);
            }
        }
    }
}
