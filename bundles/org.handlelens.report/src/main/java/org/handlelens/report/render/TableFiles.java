package org.handlelens.report.render;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Locale;
import java.util.function.IntConsumer;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;

import org.handlelens.model.store.AtomicFile;

/**
 * Writes a {@link TableResult} to a file as CSV or JSON, atomically ({@link AtomicFile}): a cancelled or
 * failed export never leaves a truncated file that looks finished, nor destroys an older export.
 */
public final class TableFiles {
    /** Row count between two progress calls. */
    public static final int PROGRESS_STEP_ROWS = 10_000;

    private static final JsonFactory JSON = JsonFactory.builder().build();

    /** File formats of an exported table. */
    public enum Format {
        /** RFC 4180, as {@link CsvRenderer}. */
        CSV("csv"),
        /** A JSON array of objects, as {@link JsonTableRenderer}. */
        JSON("json");

        private final String extension;

        Format(String extension) {
            this.extension = extension;
        }

        /** File name extension without the dot. */
        public String extension() {
            return extension;
        }

        /** The format a file name asks for by its extension; CSV when it names none we know. */
        public static Format forFileName(String fileName) {
            return fileName.toLowerCase(Locale.ROOT).endsWith(".json") ? JSON : CSV;
        }
    }

    private TableFiles() {
    }

    /**
     * Writes {@code table} to {@code target}.
     *
     * @param rowsDone called with the number of rows written every {@link #PROGRESS_STEP_ROWS} rows and at the
     *                 end; it may throw an unchecked exception to cancel, which removes the partial file and is
     *                 rethrown
     */
    public static void write(TableResult table, Format format, Path target, IntConsumer rowsDone) throws IOException {
        AtomicFile.write(target, os -> {
            if (format == Format.CSV) {
                PrintStream ps = new PrintStream(os, false, StandardCharsets.UTF_8);
                CsvRenderer.render(table, ps, rowsDone);
                ps.flush();
                if (ps.checkError()) {
                    throw new IOException("could not write " + target);
                }
                return;
            }
            JsonGenerator gen = JSON.createGenerator(os, JsonEncoding.UTF8);
            gen.writeStartArray();
            for (int r = 0; r < table.rowCount(); r++) {
                JsonTableRenderer.writeRow(table, r, gen);
                if ((r + 1) % PROGRESS_STEP_ROWS == 0) {
                    rowsDone.accept(r + 1);
                }
            }
            gen.writeEndArray();
            gen.flush();
            rowsDone.accept(table.rowCount());
        });
    }
}
