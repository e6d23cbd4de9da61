package org.handlelens.windbg;

/**
 * A handle value in one process's handle table.
 *
 * @param ownerKey    model process key
 * @param handleValue handle value
 */
record OwnerHandle(int ownerKey, long handleValue) {
}
