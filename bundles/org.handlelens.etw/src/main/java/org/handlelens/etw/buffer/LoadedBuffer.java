package org.handlelens.etw.buffer;

import java.nio.ByteBuffer;

/**
 * One buffer as {@link BufferLoader} left it: its little-endian (decompressed) bytes from offset 0, records
 * up to the header's SavedOffset; or, when it cannot be used, why.
 *
 * @param data        the bytes (reused memory: valid until the loader loads again), null on a fault
 * @param faultReason why the buffer cannot be used, null when {@code data} is set
 * @param faultCause  the exception behind the fault, if any
 */
public record LoadedBuffer(ByteBuffer data, String faultReason, Throwable faultCause) {
    static LoadedBuffer of(ByteBuffer data) {
        return new LoadedBuffer(data, null, null);
    }

    static LoadedBuffer fault(String reason, Throwable cause) {
        return new LoadedBuffer(null, reason, cause);
    }
}
