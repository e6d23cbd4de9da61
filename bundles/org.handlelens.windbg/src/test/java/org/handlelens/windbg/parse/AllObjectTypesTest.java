package org.handlelens.windbg.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * Long {@code !handle 0 f} listings with every common object type, named and unnamed, in the documented
 * layouts (kernel x64 entry form of handle-examples-docs.txt example 5, user-mode detail form of example 2).
 */
class AllObjectTypesTest {
    /** Object types of a Windows 10/11 system ({@code !object \ObjectTypes}), with and without spaces. */
    private static final List<String> TYPES = List.of("Event", "Key", "File", "Thread", "Process", "ALPC Port",
            "EtwRegistration", "IoCompletion", "IoCompletionReserve", "WaitCompletionPacket", "TpWorkerFactory",
            "IRTimer", "Mutant", "Semaphore", "Directory", "SymbolicLink", "Token", "Job", "Desktop", "WindowStation",
            "Section", "DebugObject", "Timer", "Partition", "KeyedEvent", "Composition", "DxgkSharedResource",
            "RawInputManager", "CoreMessaging", "Session", "Silo", "UserApcReserve", "EnergyTracker", "FilterConnectionPort");

    private static WinDbgLog parse(String text, boolean utf16) throws Exception {
        byte[] bytes = utf16 ? ("\uFEFF" + text.replace("\n", "\r\n")).getBytes(StandardCharsets.UTF_16LE)
                : text.getBytes(StandardCharsets.UTF_8);
        return WinDbgLog.read(new ByteArrayInputStream(bytes), "types.log");
    }

    @Test
    void kernelListingWithEveryTypeNamedAndUnnamed() throws Exception {
        StringBuilder sb = new StringBuilder("0: kd> !handle 0 f ffffc30c5a0e2080\n")
                .append("PROCESS ffffc30c5a0e2080\n")
                .append("    SessionId: 1  Cid: 1a2c    Peb: 7f6639bf000  ParentCid: 0f10\n")
                .append("    DirBase: 10cb74000  ObjectTable: ffffa8800066f700  HandleCount: ").append(TYPES.size()).append(".\n")
                .append("    Image: leaky.exe\n\n")
                .append("Handle table at ffffa8800066f700 with ").append(TYPES.size()).append(" entries in use\n\n");
        for (int i = 0; i < TYPES.size(); i++) {
            String object = String.format("ffffc30c5b%06x", 0x1000 + i * 0x40);
            sb.append(String.format("%04x: Object: %s  GrantedAccess: 001f0003 Entry: ffffa880006701%02x%n", 4 * (i + 1),
                    object, i * 16 % 256));
            sb.append("Object: ").append(object).append("  Type: (ffffc30c58e54f20) ").append(TYPES.get(i)).append('\n');
            sb.append("    ObjectHeader: ").append(object.substring(0, 13)).append("ed0 (new version)\n");
            sb.append("        HandleCount: 1  PointerCount: 32768\n");
            if (i % 2 == 0) { // every other object is named; unnamed objects print no Name line
                sb.append("        Directory Object: ffffa8800000c1a0  Name: \\Sessions\\1\\BaseNamedObjects\\obj ")
                        .append(i).append(" {braces}\n");
            }
            sb.append('\n');
        }
        for (boolean utf16 : new boolean[] {false, true}) {
            WinDbgLog log = parse(sb.toString(), utf16);
            assertEquals(TYPES.size(), log.handles().size());
            for (int i = 0; i < TYPES.size(); i++) {
                WinDbgHandle h = log.handles().get(i);
                assertEquals(4L * (i + 1), h.handleValue());
                assertEquals(TYPES.get(i), h.typeName());
                if (i % 2 == 0) {
                    assertEquals("\\Sessions\\1\\BaseNamedObjects\\obj " + i + " {braces}", h.name());
                } else {
                    assertNull(h.name(), TYPES.get(i));
                }
            }
            assertFalse(log.summary().truncated());
            assertEquals(List.of(), log.summary().warnings());
        }
    }

    @Test
    void userModeDetailListingWithEveryType() throws Exception {
        StringBuilder sb = new StringBuilder("(1a2c.2b3c): Break instruction exception - code 80000003 (first chance)\n")
                .append("0:000> !handle 0 f\n");
        for (int i = 0; i < TYPES.size(); i++) {
            // x64 user mode pads handle values to 16 digits and separates keys and values with a TAB
            sb.append(String.format("Handle %016x%n", 4 * (i + 1)));
            sb.append("  Type         \t").append(TYPES.get(i)).append('\n');
            sb.append("  Attributes   \t0\n");
            sb.append("  GrantedAccess\t0x1f0003:\n");
            sb.append("         Delete,ReadControl,WriteDac,WriteOwner,Synch\n");
            sb.append("         QueryState,ModifyState\n");
            sb.append("  HandleCount  \t2\n");
            sb.append("  PointerCount \t65537\n");
            sb.append("  Name         \t").append(i % 3 == 0 ? "<none>" : "\\BaseNamedObjects\\n" + i).append('\n');
            if (i % 2 == 0) {
                sb.append("  Object Specific Information\n");
                sb.append("    Event Type Manual Reset\n");
                sb.append("    Event is Set\n");
            }
        }
        sb.append(TYPES.size()).append(" Handles\n");
        sb.append("Type           \tCount\n");
        for (String t : TYPES) {
            sb.append(t).append(" \t1\n");
        }
        for (boolean utf16 : new boolean[] {false, true}) {
            WinDbgLog log = parse(sb.toString(), utf16);
            assertEquals(TYPES.size(), log.handles().size());
            for (int i = 0; i < TYPES.size(); i++) {
                WinDbgHandle h = log.handles().get(i);
                assertEquals(TYPES.get(i), h.typeName());
                assertEquals(0x1f0003L, h.grantedAccess());
                assertEquals(i % 3 == 0 ? null : "\\BaseNamedObjects\\n" + i, h.name());
                assertEquals(0x1a2cL, h.owner().pid());
            }
            assertEquals(1, log.summaries().size());
            assertEquals(TYPES.size(), log.summaries().get(0).countByType().size());
            assertEquals(List.of(), log.summary().warnings());
        }
    }
}
