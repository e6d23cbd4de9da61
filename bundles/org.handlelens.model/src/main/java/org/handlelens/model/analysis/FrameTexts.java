package org.handlelens.model.analysis;

import java.util.ArrayList;
import java.util.List;

import org.handlelens.model.HandleModel;
import org.handlelens.model.ModuleRecord;
import org.handlelens.model.StackTrace;
import org.handlelens.model.spi.FrameSymbolizer;

/**
 * Display text of stack frames for analyses: the text the source gave, else the symbolizer's
 * {@code module!function+0xNN}, else {@code module+0xNN} from the process's image loads, else the
 * {@code 0x}-hex address. Not thread-safe when the resolver is not (one instance per thread).
 */
public final class FrameTexts {
    private final HandleModel model;
    private final FrameSymbolizer.Resolver resolver;

    /** Frame texts of {@code model}; {@code resolver} may be null (no symbol path). */
    public FrameTexts(HandleModel model, FrameSymbolizer.Resolver resolver) {
        this.model = model;
        this.resolver = resolver;
    }

    /** The model. */
    public HandleModel model() {
        return model;
    }

    /** Text of frame {@code i} of {@code stack}, seen in process {@code processKey} (-1 when unknown). */
    public String text(int processKey, StackTrace stack, int i) {
        String name = stack.frameName(i);
        if (name != null) {
            return name;
        }
        long address = stack.frameAddress(i);
        if (address != 0 && processKey >= 0) {
            if (resolver != null) {
                String resolved = resolver.resolve(processKey, address);
                if (resolved != null) {
                    return resolved;
                }
            }
            for (ModuleRecord mod : model.modules(processKey)) {
                if (mod.contains(address)) {
                    String file = mod.fileName();
                    int dot = file.lastIndexOf('.');
                    String base = dot > 0 ? file.substring(0, dot) : file;
                    return base + "+0x" + Long.toHexString(address - mod.imageBase());
                }
            }
        }
        return stack.frameText(i);
    }

    /** Texts of all frames of stack {@code stackId}, innermost first; empty for no stack. */
    public List<String> texts(int processKey, int stackId) {
        StackTrace s = model.stack(stackId);
        if (s == null) {
            return List.of();
        }
        List<String> out = new ArrayList<>(s.frameCount());
        for (int i = 0; i < s.frameCount(); i++) {
            out.add(text(processKey, s, i));
        }
        return List.copyOf(out);
    }

    /** How a frame text relates to the user's code. */
    public enum FrameKind {
        /** In a named module that is not an OS module. */
        USER,
        /** In an OS module ({@link OsModules}). */
        OS,
        /** Module unknown (unresolved address). */
        UNKNOWN
    }

    /** Kind of a frame text. */
    public static FrameKind kindOf(String frameText) {
        String module = OsModules.moduleOfFrame(frameText);
        if (module == null) {
            return FrameKind.UNKNOWN;
        }
        return OsModules.isOsModule(module) ? FrameKind.OS : FrameKind.USER;
    }
}
