package org.handlelens.report.render;

/**
 * How a cell value is written. Values are {@link Long}, {@link String}, {@link Boolean},
 * {@code List<String>} or {@link ProcessCell}; null means Unknown/none (empty text, JSON null).
 */
public enum CellKind {
    /** String as is. */
    TEXT,
    /** Long in decimal; JSON number. */
    INTEGER,
    /** Long; text {@code 0x}-hex, JSON number (handle values, access masks). */
    HEX_INTEGER,
    /** Long; {@code 0x}-hex in text and as a JSON string (addresses). */
    ADDRESS,
    /** Long nanoseconds since trace start; text seconds, JSON ISO-8601 UTC (null without a time base). */
    TIME,
    /** Double; text with up to 3 decimals, JSON number. */
    DECIMAL,
    /** {@code List<String>} of frames; text innermost-first joined, JSON array. */
    FRAMES,
    /** {@link ProcessCell}; text "image (pid)", JSON pid number. */
    PROCESS,
    /** {@link Boolean}; text {@code yes}/{@code no}, JSON boolean. */
    BOOLEAN
}
