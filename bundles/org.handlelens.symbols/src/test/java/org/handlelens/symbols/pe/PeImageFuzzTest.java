package org.handlelens.symbols.pe;

import java.util.concurrent.TimeUnit;

import org.handlelens.symbols.io.CorruptFileException;
import org.junit.jupiter.api.Timeout;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Jazzer fuzz target for {@link PeImage}: headers, sections, debug directory, CodeView record and the
 * export table of an in-memory image. Seeds ({@code PeImageFuzzTestInputs/parse/}): the real
 * CrashWithException.exe, the first 4 KB of foo.exe and a 2 KB clang-cl/lld-link image with an export. The
 * only accepted exception is {@link CorruptFileException}; any other, an OOM or a slow input is a finding.
 */
@Timeout(value = 10, unit = TimeUnit.SECONDS)
class PeImageFuzzTest {

    @FuzzTest(maxDuration = "20s")
    void parse(byte[] input) {
        try {
            PeImage pe = PeImage.parse(input, "fuzz.exe");
            pe.sections().forEach(SectionHeader::toString);
            pe.debugEntries().forEach(Object::toString);
            pe.imageIdentity().toString();
            pe.rvaToFileOffset(pe.entryPointRva());
            pe.codeView().ifPresent(cv -> {
                if (cv.guid() != null) {
                    cv.pdbIdentity().toString();
                } else {
                    cv.nb10Key();
                }
            });
            pe.exports().forEach(Object::toString);
        } catch (CorruptFileException expected) {
            // documented: damaged / truncated / not a PE image (file + offset)
        }
    }
}
