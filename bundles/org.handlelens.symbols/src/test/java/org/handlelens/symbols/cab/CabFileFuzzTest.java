package org.handlelens.symbols.cab;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;

import org.handlelens.symbols.io.CorruptFileException;
import org.junit.jupiter.api.Timeout;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Jazzer fuzz target for {@link CabFile}: cabinet header, folders, file entries and extraction (stored and
 * MSZIP, with the previous block as dictionary) of every entry, capped at 1 MB each (the bomb guard).
 * Seeds ({@code CabFileFuzzTestInputs/extract/}): gcab-made cabinets (MSZIP over three blocks, MSZIP of
 * the real CsDesktopProj.pdb, stored). The only accepted exception is {@link CorruptFileException}.
 */
@Timeout(value = 10, unit = TimeUnit.SECONDS)
class CabFileFuzzTest {
    private static final long MAX_FILE_BYTES = 1 << 20;

    @FuzzTest(maxDuration = "20s")
    void extract(byte[] input) throws Exception {
        try {
            CabFile cab = CabFile.parse(ByteBuffer.wrap(input), "fuzz.cab");
            for (CabFile.Entry e : cab.entries()) {
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                try {
                    cab.extract(e, out, MAX_FILE_BYTES);
                } catch (CorruptFileException expected) {
                    continue; // this entry is damaged; the others may still extract
                }
                if (out.size() != e.sizeBytes()) {
                    throw new AssertionError("extracted " + out.size() + " bytes of " + e.name() + ", entry says "
                            + e.sizeBytes());
                }
            }
        } catch (CorruptFileException expected) {
            // documented: damaged / truncated / unsupported cabinet (file + offset)
        }
    }
}
