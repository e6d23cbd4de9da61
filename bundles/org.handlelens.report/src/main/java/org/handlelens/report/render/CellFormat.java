package org.handlelens.report.render;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

/** Text forms of cell values shared by the renderers. */
public final class CellFormat {
    /** ISO-8601 UTC with milliseconds, e.g. {@code 2026-03-17T09:14:05.123Z}. */
    public static final DateTimeFormatter ISO_MILLIS = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'",
            Locale.ROOT).withZone(ZoneOffset.UTC);

    private CellFormat() {
    }

    /** ISO-8601 UTC text of an instant (milliseconds). */
    public static String iso(Instant t) {
        return t == null ? null : ISO_MILLIS.format(t);
    }

    /** ISO text of {@code nanos} after {@code base}, null when base is null. */
    public static String iso(Instant base, long nanos) {
        return base == null ? null : iso(base.plusNanos(nanos));
    }

    /** Human text of a cell value; frames joined with {@code frameSeparator}. */
    public static String text(CellKind kind, Object value, String frameSeparator) {
        if (value == null) {
            return kind == CellKind.PROCESS ? "Unknown" : "";
        }
        return switch (kind) {
            case TEXT, INTEGER -> value.toString();
            case HEX_INTEGER, ADDRESS -> "0x" + Long.toHexString((Long) value);
            case TIME -> {
                long nanos = (Long) value;
                yield String.format(Locale.ROOT, "%d.%09d", nanos / 1_000_000_000L, Math.abs(nanos % 1_000_000_000L));
            }
            case DECIMAL -> String.format(Locale.ROOT, "%.3f", ((Number) value).doubleValue());
            case FRAMES -> {
                @SuppressWarnings("unchecked")
                List<String> frames = (List<String>) value;
                yield String.join(frameSeparator, frames);
            }
            case PROCESS -> ((ProcessCell) value).label();
            case BOOLEAN -> (Boolean) value ? "yes" : "no";
        };
    }
}
