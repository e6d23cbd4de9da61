package org.handlelens.etw.model;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.handlelens.model.HandleModelBuilder;
import org.handlelens.model.HandleRecord;
import org.handlelens.model.ModelConstants;

/**
 * Open-handle table keyed by (owning process key, handle value) and the finished lifetimes.
 * Rows are kept until the end of the trace because the type names (TypeDCEnd rundown) and
 * deferred stacks (key definitions, user fragments) usually arrive after the handle events.
 */
final class HandleLifetimes {
    /** One handle lifetime under construction. */
    static final class Lifetime {
        int owningKey;
        int handle;
        long object = ModelConstants.UNKNOWN;
        int typeIndex = -1;
        String name;
        int creatingKey = ModelConstants.UNKNOWN_PROCESS;
        int closingKey = ModelConstants.UNKNOWN_PROCESS;
        int createThreadId = -1;
        long createNanos = ModelConstants.TIME_UNKNOWN;
        long closeNanos = ModelConstants.TIME_UNKNOWN;
        StackSlot createStack;
        StackSlot closeStack;
        long duplicatedFromHandle = -1;
        int duplicatedFromKey = ModelConstants.UNKNOWN_PROCESS;
    }

    private final Map<Long, Lifetime> open = new HashMap<>();
    private final List<Lifetime> finished = new ArrayList<>();
    private final Map<Integer, String> typeNames = new HashMap<>();

    private static long key(int processKey, int handle) {
        return (long) processKey << 32 | (handle & 0xFFFFFFFFL);
    }

    Lifetime open(int processKey, int handle) {
        return open.get(key(processKey, handle));
    }

    /** Adds an open handle; a handle value still open in that table was closed unseen and ends now. */
    Lifetime create(int processKey, int handle, long nowNanos, Runnable onReuse) {
        Lifetime old = open.remove(key(processKey, handle));
        if (old != null) {
            old.closeNanos = nowNanos; // close event lost: end the old lifetime where the value is reused
            finished.add(old);
            onReuse.run();
        }
        Lifetime l = new Lifetime();
        l.owningKey = processKey;
        l.handle = handle;
        open.put(key(processKey, handle), l);
        return l;
    }

    /** Removes and returns the open handle, or null. */
    Lifetime close(int processKey, int handle) {
        Lifetime l = open.remove(key(processKey, handle));
        if (l != null) {
            finished.add(l);
        }
        return l;
    }

    /** Records a lifetime that was closed but never seen open (created before the trace). */
    Lifetime closedOnly(int processKey, int handle) {
        Lifetime l = new Lifetime();
        l.owningKey = processKey;
        l.handle = handle;
        finished.add(l);
        return l;
    }

    void typeName(int index, String name) {
        typeNames.putIfAbsent(index, name);
    }

    int openCount() {
        return open.size();
    }

    /** Emits all lifetimes (finished, then still open = outstanding) into the builder. */
    void addTo(HandleModelBuilder b) {
        for (Lifetime l : finished) {
            b.addHandle(record(b, l));
        }
        for (Lifetime l : open.values()) {
            b.addHandle(record(b, l));
        }
    }

    private HandleRecord record(HandleModelBuilder b, Lifetime l) {
        String type = l.typeIndex < 0 ? "" : typeNames.getOrDefault(l.typeIndex, "Type#" + l.typeIndex);
        return new HandleRecord(l.owningKey, Integer.toUnsignedLong(l.handle), l.object, type,
                l.name == null || l.name.isEmpty() ? null : l.name, ModelConstants.UNKNOWN, null, l.creatingKey,
                l.closingKey, l.createThreadId, l.createNanos, l.closeNanos, stack(b, l.createStack),
                stack(b, l.closeStack), l.duplicatedFromHandle, l.duplicatedFromKey);
    }

    private static int stack(HandleModelBuilder b, StackSlot s) {
        long[] f = s == null ? null : s.frames();
        return f == null ? ModelConstants.NO_STACK : b.internStack(f);
    }
}
