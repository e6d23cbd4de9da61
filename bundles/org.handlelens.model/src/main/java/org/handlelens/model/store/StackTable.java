package org.handlelens.model.store;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.handlelens.model.StackTrace;

/**
 * Interns stacks: identical stacks (same addresses and same texts) share one id. Many handle events
 * share few distinct stacks, so rows store only the 4-byte id.
 */
public final class StackTable {
    private final List<StackTrace> stacks = new ArrayList<>();
    private Map<StackTrace, Integer> ids = new HashMap<>();
    private long frameCount;

    /** Id of the stack, adding it when new. */
    public int intern(StackTrace stack) {
        if (ids == null) {
            throw new IllegalStateException("stack table is frozen");
        }
        Integer id = ids.get(stack);
        if (id == null) {
            id = stacks.size();
            stacks.add(stack);
            ids.put(stack, id);
            frameCount += stack.frameCount();
        }
        return id;
    }

    /** Id of an address-only stack. */
    public int intern(long[] frameAddresses) {
        return intern(new StackTrace(Arrays.copyOf(frameAddresses, frameAddresses.length), null));
    }

    /** Stack {@code id}. */
    public StackTrace get(int id) {
        return stacks.get(id);
    }

    /** Number of distinct stacks. */
    public int size() {
        return stacks.size();
    }

    /** Stops interning, dropping the hash map. */
    public StackTable freeze() {
        ids = null;
        return this;
    }

    /** Approximate heap bytes. */
    public long approximateBytes() {
        return 64L + 80L * stacks.size() + 40L * frameCount + (ids == null ? 0 : 48L * stacks.size());
    }
}
