package org.handlelens.windbg.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * Minimal forms of the inputs Jazzer found (the full crashing inputs stay in the fuzz corpus under
 * {@code src/test/resources/org/handlelens/windbg/fuzz/}), each pinned to the behaviour after the fix.
 */
class FuzzFindingsTest {

    /**
     * A verifier-stop parameter line whose value matches the parameter pattern but is not a 64-bit hex
     * number (17 digits, or only backticks) threw a NullPointerException (unboxing Hex.parse's null).
     */
    @Test
    void verifierStopParameterThatIsNoHexNumberEndsTheStop() throws Exception {
        WinDbgLog log = SharedData.parse("""
                VERIFIER STOP 0000000000000901: pid 0x4D38: A HANDLE was leaked.

                 0000000000000808 : Handle value.
                 d0000000000000808 : seventeen digits
                 ` : backticks only
                """);
        assertEquals(1, log.verifierStops().size());
        VerifierStop stop = log.verifierStops().get(0);
        assertEquals(0x4d38, stop.pid());
        assertEquals(1, stop.parameters().size());
        assertEquals(0x808, stop.parameters().get(0).value());
        assertEquals("Handle value.", stop.parameters().get(0).description());
        assertEquals(2, log.summary().skippedLines());
    }

    /**
     * A kernel handle-table line whose address matches the pattern but is no 64-bit hex number (17 digits
     * without backtick) threw a NullPointerException (unboxing Hex.parse's null into HandleTable).
     */
    @Test
    void handleTableAddressThatIsNoHexNumberIsNoTable() throws Exception {
        WinDbgLog log = SharedData.parse("""
                Handle table at ff0fff8a00066f700 with 39 entries in use
                Handle table at fffff8a0`0066f700 with 39 entries in use
                """);
        assertEquals(1, log.tables().size());
        assertEquals(0xfffff8a00066f700L, log.tables().get(0).tableAddress());
        assertEquals(39, log.tables().get(0).entriesInUse());
        assertEquals(1, log.summary().skippedLines());
    }
}
