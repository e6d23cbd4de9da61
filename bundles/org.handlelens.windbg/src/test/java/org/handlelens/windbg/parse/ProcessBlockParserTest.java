package org.handlelens.windbg.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;

import org.junit.jupiter.api.Test;

class ProcessBlockParserTest {

    @Test
    void seedCollapsedLinesGiveAllFields() throws Exception {
        WinDbgLog log = WinDbgLog.read(SharedData.seed004());
        // five in !process 0 0, smss.exe again in the !handle header
        assertEquals(6, log.processes().size());
        WinDbgProcess system = log.processes().get(0);
        assertEquals(0x8a5295f0L, system.eprocessAddress());
        assertEquals(4L, system.pid());
        assertEquals(0L, system.parentPid());
        assertNull(system.sessionId());
        assertEquals(0L, system.pebAddress());
        assertEquals(0x0acc0020L, system.dirBase());
        assertEquals(0xe1002e68L, system.objectTableAddress());
        assertEquals(1056L, system.handleCount());
        assertEquals("System", system.image());
        WinDbgProcess smss = log.processes().get(1);
        assertEquals(0x4fcL, smss.pid());
        assertEquals(21L, smss.handleCount(), "'HandleCount: 21 .' with a space before the dot");
        WinDbgProcess csrss = log.processes().get(2);
        assertEquals(0, csrss.sessionId());
        assertEquals(0x52cL, csrss.pid());
        assertEquals(0x4fcL, csrss.parentPid());
        assertEquals(List.of("System", "smss.exe", "csrss.exe", "winlogon.exe", "services.exe", "smss.exe"),
                log.processes().stream().map(WinDbgProcess::image).toList());
        assertEquals(List.of(1056L, 21L, 691L, 986L, 396L, 21L),
                log.processes().stream().map(WinDbgProcess::handleCount).toList());
    }

    @Test
    void nt4DataNotAccessibleAndX64Examples() throws Exception {
        WinDbgLog log = WinDbgLog.read(SharedData.windbg("process-0-0-examples-docs.txt"));
        assertEquals(11, log.processes().size());
        // (1) NT4: no SessionId, TableSize counts the handle table entries
        WinDbgProcess nt4System = log.processes().get(0);
        assertEquals(0x80a02a60L, nt4System.eprocessAddress());
        assertEquals(2L, nt4System.pid());
        assertNull(nt4System.sessionId());
        assertEquals(150L, nt4System.handleCount());
        WinDbgProcess spooler = log.processes().get(6);
        assertEquals("SPOOLSS.EXE", spooler.image());
        assertEquals(0x44L, spooler.pid());
        assertEquals(0x26L, spooler.parentPid());
        assertEquals(70L, spooler.handleCount(), "'TableSize:  70.' with two spaces");
        // (2) x64 Win8, after the '0:000>0: kd>' prompt noise
        WinDbgProcess x64System = log.processes().get(7);
        assertEquals(0xffffe000002287c0L, x64System.eprocessAddress());
        assertEquals(4L, x64System.pid());
        assertNull(x64System.handleCount(), "<Data Not Accessible>");
        assertEquals(0x100595000L, log.processes().get(8).dirBase());
        WinDbgProcess explorer = log.processes().get(9);
        assertEquals(0x910L, explorer.pid());
        assertEquals(0xa98L, explorer.parentPid());
        assertEquals(1, explorer.sessionId());
        assertEquals(0x7ff669b8e000L, explorer.pebAddress());
        // (3)
        WinDbgProcess explorer3 = log.processes().get(10);
        assertEquals(0xfffffa800688c940L, explorer3.eprocessAddress());
        assertEquals(0xbbcL, explorer3.pid());
        assertEquals(1056L, explorer3.handleCount());
        // the '#' comment lines and '...' elisions are skipped, not fatal
        assertEquals(10, log.summary().skippedLines());
    }

    @Test
    void anyLineWrappingAndPromptsAreAccepted() throws Exception {
        WinDbgLog log = SharedData.parse("""
                lkd> !process 0 0
                **** NT ACTIVE PROCESS DUMP ****
                PROCESS ffffb40f1f7e2080
                    SessionId: 1  Cid: 1a2c
                    Peb: 6f1c5b2000  ParentCid: 11f8 DirBase: 2a7c2002
                    ObjectTable: ffffcb8c35a1b9c0  HandleCount: 612.
                    Image: Notepad Plus.exe
                0:000>0: kd> !process 0 0
                PROCESS 897e6c00 SessionId: none Cid: 04fc Peb: 7ffd4000 ParentCid: 0004 DirBase: 0acc0040 ObjectTable: e1648628 HandleCount: 21 . Image: smss.exe
                """);
        assertEquals(2, log.processes().size());
        WinDbgProcess notepad = log.processes().get(0);
        assertEquals(0x1a2cL, notepad.pid());
        assertEquals(0x11f8L, notepad.parentPid());
        assertEquals(612L, notepad.handleCount());
        assertEquals("Notepad Plus.exe", notepad.image(), "Image runs to the end of the line");
        WinDbgProcess smss = log.processes().get(1);
        assertEquals(21L, smss.handleCount());
        assertEquals("smss.exe", smss.image());
        assertEquals(0, log.summary().skippedLines());
    }

    @Test
    void blockCutBeforeImageIsKeptAndReportedAsTruncated() throws Exception {
        WinDbgLog log = SharedData.parse("""
                PROCESS 8a5295f0 SessionId: none Cid: 0004 Peb: 00000000 ParentCid: 0000
                DirBase: 0acc0020 ObjectTable: e1002e68 HandleCount: 1056.
                """);
        assertEquals(1, log.processes().size());
        assertEquals(1056L, log.processes().get(0).handleCount());
        assertNull(log.processes().get(0).image());
        assertEquals(true, log.summary().truncated());
        assertEquals("input ends inside a block: PROCESS block at line 1 ends without its Image line; kept what was"
                + " parsed", log.summary().warnings().get(0));
    }
}
