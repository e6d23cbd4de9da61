package org.handlelens.windbg.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class UserHandleParserTest {

    @Test
    void docsSummaryAndDetail() throws Exception {
        WinDbgLog log = WinDbgLog.read(SharedData.windbg("handle-examples-docs.txt"));
        List<WinDbgHandle> user = log.handles().stream().filter(h -> h.listing() == HandleListing.USER).toList();
        assertEquals(7, user.size());
        assertEquals(List.of(0x4L, 0x8L, 0xcL, 0x10L, 0x14L, 0x5cL, 0x8L),
                user.stream().map(WinDbgHandle::handleValue).toList());
        assertEquals(List.of("Section", "Event", "Event", "Event", "Directory", "File", "Event"),
                user.stream().map(WinDbgHandle::typeName).toList());
        assertNull(user.get(0).owner(), "the docs do not say which process was debugged");

        assertEquals(1, log.summaries().size());
        HandleTypeSummary summary = log.summaries().get(0);
        assertEquals(6, summary.totalHandles());
        assertEquals(Map.of("Event", 3L, "Section", 1L, "File", 1L, "Directory", 1L), summary.countByType());

        WinDbgHandle detail = user.get(6);
        assertEquals(0L, detail.attributes());
        assertEquals(0x100003L, detail.grantedAccess());
        assertEquals(List.of("Synch", "QueryState", "ModifyState"), detail.grantedAccessRights());
        assertEquals(2L, detail.objectHandleCount());
        assertEquals(3L, detail.objectPointerCount());
        assertNull(detail.name(), "<none>");
        assertEquals(List.of("Event Type Auto Reset", "Event is Waiting"), detail.objectInfo());
    }

    @Test
    void tabSeparatedHandleOfTheHtraceSession() throws Exception {
        WinDbgLog log = WinDbgLog.read(SharedData.windbg("htrace-user-x86-cppresourceleaks.txt"));
        assertEquals(1, log.handles().size());
        WinDbgHandle h = log.handles().get(0);
        assertEquals(0x3c, h.handleValue());
        assertEquals("File", h.typeName());
        assertEquals(HandleListing.USER, h.listing());
        // the break-in event "(19ec.153c): Break instruction exception" names the debuggee
        assertEquals(ProcessRef.ofPid(0x19ec), h.owner());
    }

    @Test
    void namedHandleWithRightsOnOneLine() throws Exception {
        WinDbgLog log = SharedData.parse("""
                0:000> !handle 1f8 f
                Handle 1f8
                  Type         \tKey
                  Attributes   \t2
                  GrantedAccess\t0x20019:
                         ReadControl
                         QueryValue,EnumSubKey,Notify
                  HandleCount  \t2
                  PointerCount \t65537
                  Name         \t\\REGISTRY\\MACHINE\\SOFTWARE\\My Vendor {x86}
                  Object Specific Information
                    Key last write time:  10:00:00. 3/17/2026
                    Key name SOFTWARE
                """);
        WinDbgHandle h = log.handles().get(0);
        assertEquals(0x1f8, h.handleValue());
        assertEquals(2L, h.attributes());
        assertEquals(List.of("ReadControl", "QueryValue", "EnumSubKey", "Notify"), h.grantedAccessRights());
        assertEquals(65537L, h.objectPointerCount());
        assertEquals("\\REGISTRY\\MACHINE\\SOFTWARE\\My Vendor {x86}", h.name());
        assertEquals(2, h.objectInfo().size());
        assertEquals(0, log.summary().skippedLines());
    }
}
