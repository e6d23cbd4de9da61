package org.handlelens.windbg.parse;

/** Which {@code !handle} flavour printed a handle. */
public enum HandleListing {
    /** Kernel debugger: {@code 0004: Object: e1009568 GrantedAccess: 000f0003 Entry: ...}. */
    KERNEL,
    /** User-mode debugger: {@code Handle 8} followed by {@code Type}, {@code GrantedAccess}, ... lines. */
    USER
}
