package org.handlelens.etw.header;

/**
 * A call stack carried by an EVENT_HEADER record as a stack-trace extended data item.
 *
 * @param matchId          pairs a kernel-only stack with its user-mode part captured in another event; 0 when
 *                         both parts are in this one (Microsoft Learn, {@code EVENT_EXTENDED_ITEM_STACK_TRACE64})
 * @param addressBytes     4 (STACK_TRACE32) or 8 (STACK_TRACE64)
 * @param frameAddresses   return addresses, innermost first (kernel frames, then user frames)
 */
public record ExtendedStack(long matchId, int addressBytes, long[] frameAddresses) {
}
