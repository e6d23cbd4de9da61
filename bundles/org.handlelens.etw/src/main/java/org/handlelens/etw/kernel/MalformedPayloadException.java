package org.handlelens.etw.kernel;

/** A known event's payload is shorter or otherwise inconsistent with its layout. */
public final class MalformedPayloadException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public MalformedPayloadException(String message) {
        super(message, null, false, false);
    }
}
