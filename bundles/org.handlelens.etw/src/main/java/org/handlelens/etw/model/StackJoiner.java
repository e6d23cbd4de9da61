package org.handlelens.etw.model;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.handlelens.etw.kernel.StackKeyDefinition;
import org.handlelens.etw.kernel.StackKeyReference;
import org.handlelens.etw.kernel.StackWalkEvent;

/**
 * Joins StackWalk data to the events they belong to, with PerfView's rules: a stack (or stack-key
 * reference) belongs to the event of the same thread with exactly the same raw timestamp; a
 * kernel-only fragment is completed by the next user-mode fragment of that thread; key
 * references wait for their KeyDelete/KeyRundown definition (separate kernel and user tables).
 *
 * <p>Streaming: a target gets a stack as soon as a part is known and a new one when the other part
 * arrives. Fragments are interned locally and each (kernel, user) pair is interned into the model
 * once, so memory grows with distinct stacks, not with events; only unresolved key references
 * are kept per event.
 */
final class StackJoiner {
    /** Recent events per thread that may still receive a stack. */
    private static final int WINDOW = 64;
    private static final int KEEP = -2;
    private static final int NONE = -1;

    private static final class ThreadWindow {
        final long[] timestamps = new long[WINDOW];
        final long[] targets = new long[WINDOW];
        int next;
        /** Targets that got only kernel frames and wait for the thread's user-mode fragment. */
        final LongList awaitingUser = new LongList();

        ThreadWindow() {
            Arrays.fill(targets, -1);
        }

        long find(long ts) {
            for (int i = 0; i < WINDOW; i++) {
                int j = (next - 1 - i + WINDOW) & (WINDOW - 1);
                if (targets[j] >= 0 && timestamps[j] == ts) {
                    return targets[j];
                }
            }
            return -1;
        }
    }

    private final int pointerSize;
    private final StackTargets sink;
    private final FragmentTable fragments = new FragmentTable();
    /** Whole stack events seen (frames as delivered) and their fragments, see {@link #split}. */
    private final FragmentTable wholeStacks = new FragmentTable();
    private final LongList wholeParts = new LongList();
    /** (kernel fragment + 1) << 32 | (user fragment + 1) → model stack id. */
    private final LongIntMap pairs = new LongIntMap();
    /** Model stack id → its kernel / user fragment (-1 = none). */
    private int[] kernelOf = new int[64];
    private int[] userOf = new int[64];
    private final LongIntMap threadIndex = new LongIntMap();
    private final List<ThreadWindow> threads = new ArrayList<>();
    private final IntList freeThreads = new IntList();
    private int lastThreadId;
    private ThreadWindow lastWindow;
    private final LongIntMap kernelKeys = new LongIntMap();
    private final LongIntMap userKeys = new LongIntMap();
    private final List<LongList> keyWaiters = new ArrayList<>();
    private final IntList freeWaiters = new IntList();
    private long stacksJoined;
    private long stacksUnmatched;

    StackJoiner(int pointerSize, StackTargets sink) {
        this.pointerSize = pointerSize;
        this.sink = sink;
    }

    /** Registers an event (target >= 0) that may receive a stack. */
    void register(int threadId, long timestampRaw, long target) {
        ThreadWindow w = window(threadId, true);
        w.timestamps[w.next] = timestampRaw;
        w.targets[w.next] = target;
        w.next = (w.next + 1) & (WINDOW - 1);
    }

    private ThreadWindow window(int threadId, boolean create) {
        if (threadId == lastThreadId && lastWindow != null) {
            return lastWindow; // a stack walk follows its event on the same thread
        }
        ThreadWindow found = lookup(threadId, create);
        if (found != null) {
            lastThreadId = threadId;
            lastWindow = found;
        }
        return found;
    }

    private ThreadWindow lookup(int threadId, boolean create) {
        int i = threadIndex.get(threadId);
        if (i >= 0) {
            return threads.get(i);
        }
        if (!create) {
            return null;
        }
        ThreadWindow w = new ThreadWindow();
        if (freeThreads.size() > 0) {
            i = freeThreads.get(freeThreads.size() - 1);
            freeThreads.removeLast();
            threads.set(i, w);
        } else {
            i = threads.size();
            threads.add(w);
        }
        threadIndex.put(threadId, i);
        return w;
    }

    /**
     * The thread ended: its window goes (thread ids are reused; a trace with many short-lived
     * threads would otherwise keep a window per thread ever seen). Kernel-only stacks still waiting
     * for a user fragment keep their kernel part.
     */
    void threadEnded(int threadId) {
        lastWindow = null;
        int i = threadIndex.remove(threadId);
        if (i >= 0) {
            threads.set(i, null);
            freeThreads.add(i);
        }
    }

    boolean isKernelAddress(long a) {
        return pointerSize == 4 ? (a & 0xFFFFFFFFL) >= 0x80000000L : Long.compareUnsigned(a, 0xFFFF000000000000L) >= 0;
    }

    void stack(StackWalkEvent e) {
        long[] f = e.frames();
        if (f.length == 0) {
            return;
        }
        ThreadWindow w = window(e.threadId(), false);
        long t = w == null ? -1 : w.find(e.eventTimestampRaw());
        boolean userFirst = !isKernelAddress(f[0]);
        if (t >= 0) {
            stacksJoined++;
            // whole stacks repeat: one lookup gives both fragments without splitting and re-hashing
            int whole = wholeStacks.intern(f);
            if (whole == wholeParts.size()) {
                wholeParts.add(split(f, userFirst));
            }
            long parts = wholeParts.get(whole);
            int kf = (int) (parts >> 32);
            int uf = (int) parts;
            if (userFirst) {
                update(t, KEEP, uf);
                completeAwaiting(w, uf);
            } else if (uf != NONE) {
                update(t, kf, uf);
            } else {
                update(t, kf, KEEP);
                w.awaitingUser.add(t);
            }
        } else if (userFirst && w != null && w.awaitingUser.size() > 0) {
            completeAwaiting(w, fragments.intern(f)); // deferred user-mode fragment of earlier kernel-only stacks
        } else {
            stacksUnmatched++;
        }
    }

    /** Kernel fragment << 32 | user fragment (NONE = -1 each) of a whole stack. */
    private long split(long[] f, boolean userFirst) {
        if (userFirst) {
            return (long) NONE << 32 | (fragments.intern(f) & 0xFFFFFFFFL);
        }
        int k = 0;
        while (k < f.length && isKernelAddress(f[k])) {
            k++;
        }
        int kf = fragments.intern(k == f.length ? f : Arrays.copyOf(f, k));
        int uf = k < f.length ? fragments.intern(Arrays.copyOfRange(f, k, f.length)) : NONE;
        return (long) kf << 32 | (uf & 0xFFFFFFFFL);
    }

    private void completeAwaiting(ThreadWindow w, int userFragment) {
        for (int i = 0; i < w.awaitingUser.size(); i++) {
            long t = w.awaitingUser.get(i);
            int cur = sink.stackOf(t);
            if (cur < 0 || userOf[cur] == NONE) {
                update(t, KEEP, userFragment);
            }
        }
        w.awaitingUser.clear();
    }

    /** Replaces the kernel and/or user part ({@link #KEEP} = unchanged) of the target's stack. */
    private void update(long target, int kernel, int user) {
        int cur = sink.stackOf(target);
        int k = kernel != KEEP ? kernel : cur < 0 ? NONE : kernelOf[cur];
        int u = user != KEEP ? user : cur < 0 ? NONE : userOf[cur];
        int id = stackFor(k, u);
        if (id != cur) {
            sink.setStack(target, id);
        }
    }

    private int stackFor(int k, int u) {
        if (k == NONE && u == NONE) {
            return -1;
        }
        long pair = (long) (k + 1) << 32 | (u + 1);
        int id = pairs.get(pair);
        if (id >= 0) {
            return id;
        }
        long[] kf = k == NONE ? new long[0] : fragments.frames(k);
        long[] uf = u == NONE ? new long[0] : fragments.frames(u);
        long[] all = Arrays.copyOf(kf, kf.length + uf.length);
        System.arraycopy(uf, 0, all, kf.length, uf.length);
        id = sink.internStack(all);
        pairs.put(pair, id);
        if (id >= kernelOf.length) {
            int n = Math.max(id + 1, kernelOf.length * 2);
            kernelOf = Arrays.copyOf(kernelOf, n);
            userOf = Arrays.copyOf(userOf, n);
        }
        kernelOf[id] = k;
        userOf[id] = u;
        return id;
    }

    void reference(StackKeyReference r) {
        ThreadWindow w = window(r.threadId(), false);
        long t = w == null ? -1 : w.find(r.eventTimestampRaw());
        if (t < 0) {
            stacksUnmatched++;
            return;
        }
        stacksJoined++;
        LongIntMap keys = r.user() ? userKeys : kernelKeys;
        int list = keys.get(r.stackKey());
        if (list < 0) {
            if (freeWaiters.size() > 0) {
                list = freeWaiters.get(freeWaiters.size() - 1);
                freeWaiters.removeLast();
            } else {
                list = keyWaiters.size();
                keyWaiters.add(new LongList());
            }
            keys.put(r.stackKey(), list);
        }
        keyWaiters.get(list).add(t);
    }

    void definition(StackKeyDefinition d) {
        long[] f = d.frames();
        if (f.length == 0) {
            return;
        }
        boolean kernel = isKernelAddress(f[f.length - 1]);
        int list = (kernel ? kernelKeys : userKeys).remove(d.stackKey());
        if (list < 0) {
            return;
        }
        int frag = fragments.intern(f);
        LongList refs = keyWaiters.get(list);
        for (int i = 0; i < refs.size(); i++) {
            update(refs.get(i), kernel ? frag : KEEP, kernel ? KEEP : frag);
        }
        refs.clear();
        freeWaiters.add(list);
    }

    /** Key references whose definition never arrived (lost or overwritten buffers). */
    long unresolvedReferences() {
        long[] n = {0};
        kernelKeys.forEach((k, list) -> n[0] += keyWaiters.get(list).size());
        userKeys.forEach((k, list) -> n[0] += keyWaiters.get(list).size());
        return n[0];
    }

    long stacksJoined() {
        return stacksJoined;
    }

    long stacksUnmatched() {
        return stacksUnmatched;
    }
}
