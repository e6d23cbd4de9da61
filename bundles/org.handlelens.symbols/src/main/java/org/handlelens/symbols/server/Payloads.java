package org.handlelens.symbols.server;

import org.handlelens.symbols.cab.CabFile;
import org.handlelens.symbols.io.CorruptFileException;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/** Expands compressed {@code _} files (CAB with MSZIP, or ZIP) as stored by SymStore. */
final class Payloads {
    private Payloads() {
    }

    /**
     * Expands {@code packed} into {@code out}, choosing the entry named {@code wanted} (or the only entry).
     *
     * @throws CorruptFileException when the content is neither CAB nor ZIP or is damaged
     */
    static void expand(Path packed, String wanted, Path out, long maxBytes) throws IOException {
        byte[] magic = new byte[4];
        try (InputStream in = Files.newInputStream(packed)) {
            int n = in.readNBytes(magic, 0, 4);
            if (n < 4) {
                throw new CorruptFileException(packed.toString(), n, "truncated: compressed symbol file of " + n + " bytes");
            }
        }
        if (magic[0] == 'M' && magic[1] == 'S' && magic[2] == 'C' && magic[3] == 'F') {
            CabFile cab = CabFile.open(packed);
            CabFile.Entry pick = null;
            for (CabFile.Entry e : cab.entries()) {
                if (e.name().equalsIgnoreCase(wanted) || cab.entries().size() == 1) {
                    pick = e;
                    break;
                }
            }
            if (pick == null) {
                throw new CorruptFileException(packed.toString(), -1, "cabinet does not contain " + wanted);
            }
            try (OutputStream os = Files.newOutputStream(out)) {
                cab.extract(pick, os, maxBytes);
            }
            return;
        }
        if (magic[0] == 'P' && magic[1] == 'K' && magic[2] == 3 && magic[3] == 4) {
            try (ZipInputStream zin = new ZipInputStream(Files.newInputStream(packed))) {
                ZipEntry e;
                while ((e = zin.getNextEntry()) != null) {
                    if (!e.isDirectory()) {
                        try (OutputStream os = Files.newOutputStream(out)) {
                            copyCapped(zin, os, maxBytes, packed);
                        }
                        return;
                    }
                }
            }
            throw new CorruptFileException(packed.toString(), -1, "ZIP holds no file");
        }
        throw new CorruptFileException(packed.toString(), 0, "compressed symbol file is neither CAB (MSCF) nor ZIP");
    }

    private static void copyCapped(InputStream in, OutputStream out, long max, Path src) throws IOException {
        byte[] buf = new byte[65536];
        long total = 0;
        int n;
        while ((n = in.read(buf)) > 0) {
            total += n;
            if (total > max) {
                throw new CorruptFileException(src.toString(), -1, "expanded content exceeds the limit of " + max + " bytes");
            }
            out.write(buf, 0, n);
        }
    }
}
