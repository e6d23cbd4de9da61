package org.handlelens.etw.model;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.handlelens.model.HandleModelBuilder;
import org.handlelens.model.HandleRecord;
import org.handlelens.model.ModelConstants;

/**
 * Handle lifetimes under construction, in columns (row id = int), plus the open-handle table
 * keyed by (owning process key, handle value). Rows are kept until the end of the trace because
 * type names (TypeDCEnd rundown) and deferred stacks (key definitions, user fragments) usually
 * arrive after the handle events; columns keep that at about 80 bytes per lifetime.
 */
final class HandleLifetimes {
    private int size;
    private int[] owner = new int[1024];
    private int[] handle = new int[1024];
    private int[] type = new int[1024];
    private int[] nameId = new int[1024];
    private int[] creating = new int[1024];
    private int[] closing = new int[1024];
    private int[] createTid = new int[1024];
    private int[] createSlot = new int[1024];
    private int[] closeSlot = new int[1024];
    private int[] dupKey = new int[1024];
    private long[] object = new long[1024];
    private long[] createNanos = new long[1024];
    private long[] closeNanos = new long[1024];
    private long[] dupHandle = new long[1024];

    private final Map<Long, Integer> open = new HashMap<>();
    private final Map<Integer, String> typeNames = new HashMap<>();
    private final List<String> names = new ArrayList<>(List.of(""));
    private final Map<String, Integer> nameIds = new HashMap<>(Map.of("", 0));

    private static long key(int processKey, int handleValue) {
        return (long) processKey << 32 | (handleValue & 0xFFFFFFFFL);
    }

    private int newRow(int processKey, int handleValue) {
        if (size == owner.length) {
            int n = size + (size >> 1);
            owner = Arrays.copyOf(owner, n);
            handle = Arrays.copyOf(handle, n);
            type = Arrays.copyOf(type, n);
            nameId = Arrays.copyOf(nameId, n);
            creating = Arrays.copyOf(creating, n);
            closing = Arrays.copyOf(closing, n);
            createTid = Arrays.copyOf(createTid, n);
            createSlot = Arrays.copyOf(createSlot, n);
            closeSlot = Arrays.copyOf(closeSlot, n);
            dupKey = Arrays.copyOf(dupKey, n);
            object = Arrays.copyOf(object, n);
            createNanos = Arrays.copyOf(createNanos, n);
            closeNanos = Arrays.copyOf(closeNanos, n);
            dupHandle = Arrays.copyOf(dupHandle, n);
        }
        int r = size++;
        owner[r] = processKey;
        handle[r] = handleValue;
        type[r] = -1;
        nameId[r] = 0;
        creating[r] = ModelConstants.UNKNOWN_PROCESS;
        closing[r] = ModelConstants.UNKNOWN_PROCESS;
        createTid[r] = -1;
        createSlot[r] = -1;
        closeSlot[r] = -1;
        dupKey[r] = ModelConstants.UNKNOWN_PROCESS;
        object[r] = ModelConstants.UNKNOWN;
        createNanos[r] = ModelConstants.TIME_UNKNOWN;
        closeNanos[r] = ModelConstants.TIME_UNKNOWN;
        dupHandle[r] = -1;
        return r;
    }

    /** Row of the open handle, or -1. */
    int open(int processKey, int handleValue) {
        Integer r = open.get(key(processKey, handleValue));
        return r == null ? -1 : r;
    }

    /**
     * Adds an open handle. A value still open in that table was closed unseen (lost close event):
     * that lifetime ends now and {@code onReuse} runs.
     */
    int create(int processKey, int handleValue, long nowNanos, Runnable onReuse) {
        int r = newRow(processKey, handleValue);
        Integer old = open.put(key(processKey, handleValue), r);
        if (old != null) {
            closeNanos[old] = nowNanos;
            onReuse.run();
        }
        return r;
    }

    /** Removes the handle from the open table and returns its row, or -1. */
    int close(int processKey, int handleValue) {
        Integer r = open.remove(key(processKey, handleValue));
        return r == null ? -1 : r;
    }

    /** A lifetime that was closed but never seen open (created before the trace). */
    int closedOnly(int processKey, int handleValue) {
        return newRow(processKey, handleValue);
    }

    void setCreated(int r, long objectAddress, int typeIndex, int creatingKey, int threadId, long nanos, int slot) {
        object[r] = objectAddress;
        type[r] = typeIndex;
        creating[r] = creatingKey;
        createTid[r] = threadId;
        createNanos[r] = nanos;
        createSlot[r] = slot;
    }

    void setObject(int r, long objectAddress, int typeIndex) {
        object[r] = objectAddress;
        type[r] = typeIndex;
    }

    void setClosed(int r, int closingKey, long nanos, int slot) {
        closing[r] = closingKey;
        closeNanos[r] = nanos;
        closeSlot[r] = slot;
    }

    void setDuplicatedFrom(int r, long sourceHandle, int sourceKey) {
        dupHandle[r] = sourceHandle;
        dupKey[r] = sourceKey;
    }

    /** Sets the object name unless one is known already. */
    void nameIfMissing(int r, String name) {
        if (nameId[r] == 0 && name != null && !name.isEmpty()) {
            Integer id = nameIds.get(name);
            if (id == null) {
                id = names.size();
                names.add(name);
                nameIds.put(name, id);
            }
            nameId[r] = id;
        }
    }

    void typeName(int index, String name) {
        typeNames.putIfAbsent(index, name);
    }

    int size() {
        return size;
    }

    /** Emits all lifetimes in creation order; still-open ones have closing process Unknown. */
    void addTo(HandleModelBuilder b, StackJoiner stacks) {
        for (int r = 0; r < size; r++) {
            String t = type[r] < 0 ? "" : typeNames.getOrDefault(type[r], "Type#" + type[r]);
            b.addHandle(new HandleRecord(owner[r], Integer.toUnsignedLong(handle[r]), object[r], t,
                    nameId[r] == 0 ? null : names.get(nameId[r]), ModelConstants.UNKNOWN, null, creating[r], closing[r],
                    createTid[r], createNanos[r], closeNanos[r], stack(b, stacks, createSlot[r]),
                    stack(b, stacks, closeSlot[r]), dupHandle[r], dupKey[r]));
        }
    }

    private static int stack(HandleModelBuilder b, StackJoiner stacks, int slot) {
        long[] f = stacks == null || slot < 0 ? null : stacks.frames(slot);
        return f == null ? ModelConstants.NO_STACK : b.internStack(f);
    }
}
