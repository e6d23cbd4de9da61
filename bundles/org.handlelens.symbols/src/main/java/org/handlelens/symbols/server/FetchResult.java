package org.handlelens.symbols.server;

import java.nio.file.Path;
import java.util.List;

/**
 * Outcome of a search along the symbol path.
 *
 * @param file     the verified file (in a cache or a folder), or {@code null} when none was found
 * @param origin   where it came from (folder, cache or URL), empty when not found
 * @param rejected candidates that were found but failed verification (e.g. GUID/age mismatch), with reasons
 * @param errors   failures met on the way (timeouts, HTTP errors, damaged downloads)
 */
public record FetchResult(Path file, String origin, List<String> rejected, List<String> errors) {
    public FetchResult {
        rejected = List.copyOf(rejected);
        errors = List.copyOf(errors);
    }

    /** True when a verified file was found. */
    public boolean found() {
        return file != null;
    }
}
