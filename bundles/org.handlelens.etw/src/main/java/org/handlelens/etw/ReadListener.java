package org.handlelens.etw;

/** Progress and cancellation for {@link EtlReader#read}. */
public interface ReadListener {
    ReadListener NONE = new ReadListener() {
    };

    /** Called after each buffer is loaded. */
    default void progress(long bytesDone, long bytesTotal) {
    }

    /** Polled once per buffer; returning true stops the read with a CancellationException. */
    default boolean cancelled() {
        return false;
    }
}
