package org.handlelens.etw.model;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
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
        final StackSlot[] slots = new StackSlot[WINDOW];
        int next;
        /** Slots that got only kernel frames and wait for the thread's user-mode fragment. */
        final List<StackSlot> awaitingUser = new ArrayList<>();

        StackSlot find(long ts) {
            for (int i = 0; i < WINDOW; i++) {
                int j = (next - 1 - i + WINDOW) % WINDOW;
                if (slots[j] != null && timestamps[j] == ts) {
                    return slots[j];
                }
            }
            return null;
        }
    }

    private record PendingRef(StackSlot slot, int threadId) {
    }

    private final int pointerSize;
    private final Map<Integer, ThreadWindow> threads = new HashMap<>();
    private final Map<Long, List<PendingRef>> kernelKeys = new HashMap<>();
    private final Map<Long, List<PendingRef>> userKeys = new HashMap<>();
    private long stacksJoined;
    private long stacksUnmatched;

    StackJoiner(int pointerSize) {
        this.pointerSize = pointerSize;
    }

    /** Registers an event that may receive a stack; returns its slot. */
    StackSlot register(int threadId, long timestampRaw) {
        ThreadWindow w = threads.computeIfAbsent(threadId, t -> new ThreadWindow());
        StackSlot s = new StackSlot();
        w.timestamps[w.next] = timestampRaw;
        w.slots[w.next] = s;
        w.next = (w.next + 1) % WINDOW;
        return s;
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
        StackSlot s = w == null ? null : w.find(e.eventTimestampRaw());
        boolean userFirst = !isKernelAddress(f[0]);
        if (s != null) {
            stacksJoined++;
            if (userFirst) {
                s.userFrames = f;
            } else {
                int k = 0;
                while (k < f.length && isKernelAddress(f[k])) {
                    k++;
                }
                s.kernelFrames = k == f.length ? f : java.util.Arrays.copyOf(f, k);
                if (k < f.length) {
                    s.userFrames = java.util.Arrays.copyOfRange(f, k, f.length);
                } else {
                    w.awaitingUser.add(s);
                }
            }
            if (userFirst) {
                completeAwaiting(w, f);
            }
        } else if (userFirst && w != null && !w.awaitingUser.isEmpty()) {
            completeAwaiting(w, f); // deferred user-mode fragment of earlier kernel-only stacks
        } else {
            stacksUnmatched++;
        }
    }

    private static void completeAwaiting(ThreadWindow w, long[] userFrames) {
        for (StackSlot p : w.awaitingUser) {
            if (p.userFrames == null) {
                p.userFrames = userFrames;
            }
        }
        w.awaitingUser.clear();
    }

    void reference(StackKeyReference r) {
        ThreadWindow w = threads.get(r.threadId());
        StackSlot s = w == null ? null : w.find(r.eventTimestampRaw());
        if (s == null) {
            stacksUnmatched++;
            return;
        }
        stacksJoined++;
        (r.user() ? userKeys : kernelKeys).computeIfAbsent(r.stackKey(), k -> new ArrayList<>())
                .add(new PendingRef(s, r.threadId()));
    }

    void definition(StackKeyDefinition d) {
        long[] f = d.frames();
        if (f.length == 0) {
            return;
        }
        boolean kernel = isKernelAddress(f[f.length - 1]);
        List<PendingRef> refs = (kernel ? kernelKeys : userKeys).remove(d.stackKey());
        if (refs == null) {
            return;
        }
        for (PendingRef r : refs) {
            if (kernel) {
                r.slot().kernelFrames = f;
            } else {
                r.slot().userFrames = f;
            }
        }
    }

    /** Key references whose definition never arrived (lost or overwritten buffers). */
    long unresolvedReferences() {
        long n = 0;
        for (List<PendingRef> l : kernelKeys.values()) {
            n += l.size();
        }
        for (List<PendingRef> l : userKeys.values()) {
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
