package org.handlelens.report.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

/** `handlelens symbols ...` is dispatched to the symbols bundle's command (contract of the symbols issue). */
class SymbolsCliTest {

    private static Path shared(String relative) {
        String root = System.getProperty("handlelens.shared");
        assertTrue(root != null && !root.isBlank(), "-Dhandlelens.shared is not set");
        Path p = Path.of(root).resolve(relative);
        assertTrue(Files.exists(p), "missing " + p);
        return p;
    }

    @Test
    void publicsJsonListsRvaAndNameFromThePdb() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = HandleLensCli.run(new String[] { "symbols", "publics",
            shared("testdata/pdb/CrashWithException.pdb").toString(), "--json" },
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        String json = out.toString(StandardCharsets.UTF_8);
        assertEquals(0, code, err.toString(StandardCharsets.UTF_8));
        // llvm-pdbutil's first public by RVA (CrashWithException.publics.json): 0x1000 __local_stdio_printf_options
        assertTrue(json.replace(" ", "").contains("\"rva\":4096,\"name\":\"__local_stdio_printf_options\""), json);
    }

    @Test
    void portablePdbIsRejectedAsBadInput() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = HandleLensCli.run(new String[] { "symbols", "publics",
            shared("testdata/pdb/CsPortablePdb1.pdb").toString() },
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        assertEquals(3, code);
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("CsPortablePdb1.pdb"), err.toString(StandardCharsets.UTF_8));
    }
}
