package org.handlelens.etw.buffer;

import java.util.concurrent.ExecutionException;

/** What the threads that load or decode buffers ahead hand back when their task failed. */
public final class HandOver {
    private HandOver() {
    }

    /**
     * The failure of a loading or decoding task, unchecked. Loaders and decoders turn I/O and format errors into
     * faults, so what reaches here is a bug or an Error: it is rethrown as it was, a checked cause wrapped.
     */
    public static RuntimeException failure(ExecutionException e) {
        Throwable c = e.getCause();
        if (c instanceof RuntimeException r) {
            return r;
        }
        if (c instanceof Error err) {
            throw err;
        }
        return new IllegalStateException(c);
    }
}
