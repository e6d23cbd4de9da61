package org.handlelens.model.analysis;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.handlelens.model.analysis.FrameTexts.FrameKind;

/**
 * Where a set of stacks converges: the deepest (closest to the handle creation) frame that every
 * stack passes through, preferring the user's own modules. For one stack that is its innermost
 * user frame — the call that created the handle, below it only OS frames.
 *
 * @param frame the frame text
 * @param kind  {@link FrameKind#USER}, or {@link FrameKind#UNKNOWN} when the common frames lie only in
 *              unresolved code, or {@link FrameKind#OS} when they lie only in OS modules
 * @param depth index of the frame in the first stack (0 = innermost)
 */
public record Convergence(String frame, FrameKind kind, int depth) {

    /**
     * Convergence of {@code stacks} (each innermost first, as frame texts); null when they have no
     * frame in common or the list is empty.
     */
    public static Convergence of(List<List<String>> stacks) {
        List<List<String>> nonEmpty = stacks.stream().filter(s -> !s.isEmpty()).toList();
        if (nonEmpty.isEmpty()) {
            return null;
        }
        List<String> first = nonEmpty.get(0);
        Set<String> common = new HashSet<>(first);
        for (List<String> s : nonEmpty.subList(1, nonEmpty.size())) {
            common.retainAll(new HashSet<>(s));
        }
        for (FrameKind wanted : new FrameKind[] {FrameKind.USER, FrameKind.UNKNOWN, FrameKind.OS}) {
            for (int i = 0; i < first.size(); i++) {
                String f = first.get(i);
                if (common.contains(f) && FrameTexts.kindOf(f) == wanted && !isElision(f)) {
                    return new Convergence(f, wanted, i);
                }
            }
        }
        return null;
    }

    private static boolean isElision(String f) {
        return f.isBlank() || f.equals("...");
    }
}
