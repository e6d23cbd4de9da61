package org.handlelens.symbols.server;

import java.io.IOException;

/** A symbol could not be fetched for a reason other than "not found". */
public final class FetchException extends IOException {
    private static final long serialVersionUID = 1L;

    /** Why a fetch failed. */
    public enum Reason {
        /** The user cancelled. */
        CANCELLED,
        /** No response or the body stalled, also after retries. */
        TIMEOUT,
        /** The server needs credentials (401/403). */
        UNAUTHORIZED,
        /** Other HTTP error status. */
        HTTP_ERROR,
        /** The file exceeds the size cap. */
        TOO_LARGE,
        /** The downloaded or stored file is damaged or of an unsupported format. */
        BAD_CONTENT,
        /** A {@code file.ptr} says the file is not available. */
        NOT_AVAILABLE,
        /** Network or file-system error. */
        IO
    }

    private final Reason reason;

    public FetchException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    public FetchException(Reason reason, String message) {
        this(reason, message, null);
    }

    /** Why it failed. */
    public Reason reason() {
        return reason;
    }
}
