package org.handlelens.etw.model;

/**
 * Where joined stacks go: a target is an event that may receive a stack (a handle row's create or
 * close), named by a long the collector chooses; stacks are interned ids of the model builder.
 */
interface StackTargets {
    /** Stack id the target holds now, -1 when none. */
    int stackOf(long target);

    /** Gives the target stack {@code stackId}. */
    void setStack(long target, int stackId);

    /** Interns a whole stack (innermost first) and returns its id. */
    int internStack(long[] frames);
}
