package org.handlelens.windbg.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

class HtraceParserTest {

    @Test
    void kernelDocsExampleWithMarkdownArtifacts() throws Exception {
        WinDbgLog log = WinDbgLog.read(SharedData.windbg("htrace-kernel-x86-docs.txt"));
        assertEquals(1, log.htrace().size());
        HtraceSection s = log.htrace().get(0);
        assertEquals(HtraceKind.FULL, s.kind());
        assertEquals(ProcessRef.ofEprocess(0x81400300L), s.target());
        assertEquals(5L, s.reportedCount());
        assertEquals(6L, s.parsedCount());
        List<HtraceRecord> r = s.recordsNewestFirst();
        assertEquals(List.of(HtraceOperation.CLOSE, HtraceOperation.OPEN, HtraceOperation.BAD_REFERENCE,
                HtraceOperation.CLOSE, HtraceOperation.OPEN), r.stream().map(HtraceRecord::operation).toList());
        assertEquals(List.of(0x7ccL, 0x7ccL, 0x7dcL, 0x7dcL, 0x7dcL),
                r.stream().map(HtraceRecord::handleValue).toList());
        // "## 0x77DE0B2F: KERNEL32!BaseProcessStart+0x3D" is the last frame, not lost
        assertEquals(List.of(6, 7, 6, 6, 7), r.stream().map(x -> x.frames().size()).toList());
        HtraceRecord open = r.get(1);
        assertNull(open.threadId());
        assertNull(open.processId());
        assertTrue(open.complete());
        StackFrame create = open.frames().get(3);
        assertEquals(0x77DE23B2L, create.address());
        assertEquals("KERNEL32", create.module());
        assertEquals("CreateSemaphoreA", create.function());
        assertEquals(0x66L, create.offset());
        StackFrame last = open.frames().get(6);
        assertEquals("KERNEL32!BaseProcessStart+0x3d", last.displayText());
        assertEquals("ntoskrnl!_KiSystemService+0xc4", r.get(2).frames().get(3).displayText());
        assertEquals(List.of(), log.summary().warnings().stream().filter(w -> w.contains("reported")).toList(),
                "5 records, as 'Dumped 0x5' says");
    }

    @Test
    void userSessionFullDumpDiffsAndOlderOsSection() throws Exception {
        WinDbgLog log = WinDbgLog.read(SharedData.windbg("htrace-user-x86-cppresourceleaks.txt"));
        assertEquals(List.of(HtraceKind.FULL, HtraceKind.DIFF, HtraceKind.DIFF, HtraceKind.FULL),
                log.htrace().stream().map(HtraceSection::kind).toList());

        HtraceSection full = log.htrace().get(0);
        assertEquals(12L, full.reportedCount());
        assertEquals(12L, full.parsedCount());
        assertEquals(List.of(0x3cL, 0x38L, 0x34L, 0x34L, 0x24L, 0x20L),
                full.recordsNewestFirst().stream().map(HtraceRecord::handleValue).toList());
        assertEquals(5, full.recordsNewestFirst().stream().filter(r -> r.operation() == HtraceOperation.OPEN).count());
        assertEquals(1, full.recordsNewestFirst().stream().filter(r -> r.operation() == HtraceOperation.CLOSE)
                .count());
        HtraceRecord dup = full.recordsNewestFirst().get(0);
        assertEquals(0x17ecL, dup.threadId());
        assertEquals(0x17e8L, dup.processId());
        // the '*** WARNING: Unable to verify checksum' line inside the stack is not a frame and does not end it
        assertEquals(10, dup.frames().size());
        assertEquals("CppResourceLeaks!LeakFileHandle+0x207", dup.frames().get(3).displayText());
        assertEquals(0x00ab1627L, dup.frames().get(3).address());
        assertEquals(List.of(), full.recordsNewestFirst().get(4).frames(), "frames elided by '...'");
        assertTrue(log.summary().warnings().contains("!htrace output at line 18: the debugger reported 12 stack"
                + " traces, 6 records are in the text (elided or cut output)"));

        HtraceSection diff = log.htrace().get(1);
        assertEquals(4L, diff.reportedCount(), "'Displayed 0x4 stack traces ...'");
        assertEquals(List.of(0x3cL, 0x38L, 0x24L, 0x20L),
                diff.recordsNewestFirst().stream().map(HtraceRecord::handleValue).toList());
        assertTrue(diff.recordsNewestFirst().get(0).sameTraceAs(full.recordsNewestFirst().get(0)));

        HtraceSection injected = log.htrace().get(2);
        HtraceRecord r = injected.recordsNewestFirst().get(0);
        assertEquals(0x114, r.handleValue());
        assertEquals(0xd30L, r.processId());
        assertEquals(0x1700L, r.threadId());
        StackFrame unresolved = r.frames().get(3);
        assertEquals(0x00101991L, unresolved.address());
        assertTrue(unresolved.isUnresolved());
        assertEquals(0x00101991L, unresolved.offset());

        HtraceRecord older = log.htrace().get(3).recordsNewestFirst().get(0);
        assertEquals(0x7d8, older.handleValue(), "upper-case hex 0x000007D8");
        assertEquals("09htarget!_NULL_IMPORT_DESCRIPTOR+0xcb", older.frames().get(1).displayText());
        assertEquals(0x7C816FD7L, older.frames().get(2).address());
    }

    @Test
    void verifierStopAndTruncatedRecord() throws Exception {
        WinDbgLog log = WinDbgLog.read(SharedData.windbg("verifier-stop-htrace-x64-uiforetw55.txt"));
        assertEquals(1, log.verifierStops().size());
        VerifierStop stop = log.verifierStops().get(0);
        assertEquals(0x901, stop.code());
        assertEquals(0x4d38, stop.pid());
        assertEquals("A HANDLE was leaked.", stop.message());
        assertEquals(4, stop.parameters().size());
        assertEquals(0x808, stop.parameters().get(0).value());
        assertEquals(0x00007FFA2AFA0000L, stop.parameters().get(3).value());

        HtraceSection s = log.htrace().get(0);
        assertEquals(HtraceKind.SINGLE_HANDLE, s.kind());
        assertEquals(0x808L, s.handleFilter());
        assertEquals(ProcessRef.ofPid(0x4d38), s.target());
        HtraceRecord open = s.recordsNewestFirst().get(0);
        assertEquals(HtraceOperation.OPEN, open.operation());
        assertEquals(0x808, open.handleValue());
        assertFalse(open.complete());
        assertTrue(log.summary().truncated());
        assertTrue(log.summary().warnings().get(0).startsWith(
                "input ends inside a block: !htrace record at line 27 (handle 0x808) is cut off"));
    }

    @Test
    void badReferenceUserFormatAnd64BitValues() throws Exception {
        WinDbgLog log = SharedData.parse("""
                0:000> !htrace
                --------------------------------------
                Handle = 0x00000000000001f8 - *** BAD REFERENCE ***
                Thread ID = 0x0000000000002a4c, Process ID = 0x0000000000001a2c

                0x00007ffb8c1e2a14: ntdll!NtOpenKeyEx+0x0000000000000014
                0x00007ff6d31b10a7: leaky+0x0000000000001037
                0x00007ff6d31b10a8: leaky!OpenConfig
                --------------------------------------
                Parsed 0x1 stack traces.
                Dumped 0x1 stack traces.
                """);
        HtraceRecord r = log.allHtraceRecords().get(0);
        assertEquals(HtraceOperation.BAD_REFERENCE, r.operation());
        assertEquals(0x1f8, r.handleValue());
        assertEquals(0x2a4cL, r.threadId());
        assertEquals(0x00007ffb8c1e2a14L, r.frames().get(0).address());
        assertEquals("ntdll!NtOpenKeyEx+0x14", r.frames().get(0).displayText());
        assertEquals("leaky", r.frames().get(1).module());
        assertNull(r.frames().get(1).function());
        assertEquals(0x1037L, r.frames().get(1).offset());
        assertEquals("leaky!OpenConfig", r.frames().get(2).displayText());
        assertNull(r.frames().get(2).offset());
        assertEquals(0, log.summary().skippedLines());
    }
}
