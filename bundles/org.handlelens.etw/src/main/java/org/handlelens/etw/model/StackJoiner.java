package org.handlelens.etw.model;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

import org.handlelens.etw.kernel.StackKeyDefinition;
import org.handlelens.etw.kernel.StackKeyReference;
import org.handlelens.etw.kernel.StackWalkEvent;

/**
 * Joins StackWalk data to the events they belong to, with PerfView's rules: a stack (or stack-key
 * reference) belongs to the event of the same thread with exactly the same raw timestamp; a
 * kernel-only fragment is completed by the next user-mode fragment of that thread; key
 * references wait for their KeyDelete/KeyRundown definition (separate kernel and user tables).
 */
final class StackJoiner {
    /** Recent events per thread that may still receive a stack. */
    private static final int WINDOW = 64;

    private static final class ThreadWindow {
        final long[] timestamps = new long[WINDOW];
        final int[] slots = new int[WINDOW];
        int next;
        /** Slots that got only kernel frames and wait for the thread's user-mode fragment. */
        final IntList awaitingUser = new IntList();

        ThreadWindow() {
            Arrays.fill(slots, -1);
        }

        int find(long ts) {
            for (int i = 0; i < WINDOW; i++) {
                int j = (next - 1 - i + WINDOW) % WINDOW;
                if (slots[j] >= 0 && timestamps[j] == ts) {
                    return slots[j];
                }
            }
            return -1;
        }
    }

    private final int pointerSize;
    private final StackSlots slots = new StackSlots();
    private final Map<Integer, ThreadWindow> threads = new HashMap<>();
    private final Map<Long, IntList> kernelKeys = new HashMap<>();
    private final Map<Long, IntList> userKeys = new HashMap<>();
    private long stacksJoined;
    private long stacksUnmatched;

    StackJoiner(int pointerSize) {
        this.pointerSize = pointerSize;
    }

    /** Registers an event that may receive a stack; returns its slot id. */
    int register(int threadId, long timestampRaw) {
        ThreadWindow w = threads.computeIfAbsent(threadId, t -> new ThreadWindow());
        int s = slots.allocate();
        w.timestamps[w.next] = timestampRaw;
        w.slots[w.next] = s;
        w.next = (w.next + 1) % WINDOW;
        return s;
    }

    /** The frames of slot {@code id} (kernel then user), or null. */
    long[] frames(int slot) {
        return slots.frames(slot);
    }

    boolean isKernelAddress(long a) {
        return pointerSize == 4 ? (a & 0xFFFFFFFFL) >= 0x80000000L : Long.compareUnsigned(a, 0xFFFF000000000000L) >= 0;
    }

    void stack(StackWalkEvent e) {
        long[] f = e.frames();
        if (f.length == 0) {
            return;
        }
        ThreadWindow w = threads.get(e.threadId());
        int s = w == null ? -1 : w.find(e.eventTimestampRaw());
        boolean userFirst = !isKernelAddress(f[0]);
        if (s >= 0) {
            stacksJoined++;
            if (userFirst) {
                slots.setUser(s, f);
                completeAwaiting(w, f);
            } else {
                int k = 0;
                while (k < f.length && isKernelAddress(f[k])) {
                    k++;
                }
                slots.setKernel(s, k == f.length ? f : Arrays.copyOf(f, k));
                if (k < f.length) {
                    slots.setUser(s, Arrays.copyOfRange(f, k, f.length));
                } else {
                    w.awaitingUser.add(s);
                }
            }
        } else if (userFirst && w != null && w.awaitingUser.size() > 0) {
            completeAwaiting(w, f); // deferred user-mode fragment of earlier kernel-only stacks
        } else {
            stacksUnmatched++;
        }
    }

    private void completeAwaiting(ThreadWindow w, long[] userFrames) {
        for (int i = 0; i < w.awaitingUser.size(); i++) {
            int p = w.awaitingUser.get(i);
            if (!slots.hasUser(p)) {
                slots.setUser(p, userFrames);
            }
        }
        w.awaitingUser.clear();
    }

    void reference(StackKeyReference r) {
        ThreadWindow w = threads.get(r.threadId());
        int s = w == null ? -1 : w.find(r.eventTimestampRaw());
        if (s < 0) {
            stacksUnmatched++;
            return;
        }
        stacksJoined++;
        (r.user() ? userKeys : kernelKeys).computeIfAbsent(r.stackKey(), k -> new IntList()).add(s);
    }

    void definition(StackKeyDefinition d) {
        long[] f = d.frames();
        if (f.length == 0) {
            return;
        }
        boolean kernel = isKernelAddress(f[f.length - 1]);
        IntList refs = (kernel ? kernelKeys : userKeys).remove(d.stackKey());
        if (refs == null) {
            return;
        }
        for (int i = 0; i < refs.size(); i++) {
            if (kernel) {
                slots.setKernel(refs.get(i), f);
            } else {
                slots.setUser(refs.get(i), f);
            }
        }
    }

    /** Key references whose definition never arrived (lost or overwritten buffers). */
    long unresolvedReferences() {
        long n = 0;
        for (IntList l : kernelKeys.values()) {
            n += l.size();
        }
        for (IntList l : userKeys.values()) {
            n += l.size();
        }
        return n;
    }

    long stacksJoined() {
        return stacksJoined;
    }

    long stacksUnmatched() {
        return stacksUnmatched;
    }
}
