package org.handlelens.symbols.server;

/** Progress and cancellation for downloads; implementations must be thread-safe. */
public interface FetchMonitor {
    /** A monitor that never cancels and ignores progress. */
    FetchMonitor NONE = new FetchMonitor() {
    };

    /** Polled while downloading; return true to abort. */
    default boolean isCancelled() {
        return false;
    }

    /**
     * @param item       file being fetched (e.g. {@code ntdll.pdb})
     * @param bytesDone  bytes received so far
     * @param bytesTotal expected size, or -1 when unknown
     */
    default void progress(String item, long bytesDone, long bytesTotal) {
    }
}
