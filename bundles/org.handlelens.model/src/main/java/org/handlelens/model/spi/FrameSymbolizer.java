package org.handlelens.model.spi;

import java.io.IOException;

import org.handlelens.model.HandleModel;
import org.handlelens.model.ProgressMonitor;

/**
 * Resolves stack frame addresses to {@code module!function+0xNN} text, discovered with
 * {@link java.util.ServiceLoader} (implemented by the symbols bundle) so faces need not depend on it.
 */
public interface FrameSymbolizer {
    /** Resolves frames of one model's processes. Implementations may cache; one instance per thread. */
    interface Resolver {
        /** Text of {@code address} in process {@code processKey}, or null when unresolved. */
        String resolve(int processKey, long address);

        /**
         * Source position of {@code address} as {@code file:line}, or null when the symbols have no line
         * tables for it. Separate from {@link #resolve} so that frame texts stay {@code module!function+0xNN}.
         */
        default String sourceLine(int processKey, long address) {
            return null;
        }
    }

    /**
     * Prepares resolution for {@code model}'s modules using {@code symbolPath} ({@code _NT_SYMBOL_PATH}
     * syntax); loading symbols may download and report progress.
     */
    Resolver open(HandleModel model, String symbolPath, ProgressMonitor monitor) throws IOException;
}
