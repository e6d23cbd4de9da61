package org.handlelens.windbg.parse;

import java.util.List;

/**
 * An Application Verifier stop ({@code VERIFIER STOP 0000000000000901: pid 0x4D38: A HANDLE was leaked.}).
 *
 * @param code       stop code (0x901 = handle leaked)
 * @param pid        process id
 * @param message    text after the pid
 * @param parameters the four parameter lines ({@code value : description})
 * @param lineNumber 1-based line of the {@code VERIFIER STOP} text
 */
public record VerifierStop(long code, long pid, String message, List<Parameter> parameters, int lineNumber) {

    public VerifierStop {
        parameters = List.copyOf(parameters);
    }

    /**
     * One parameter line.
     *
     * @param value       the hex value
     * @param description text after the colon
     */
    public record Parameter(long value, String description) {
    }
}
