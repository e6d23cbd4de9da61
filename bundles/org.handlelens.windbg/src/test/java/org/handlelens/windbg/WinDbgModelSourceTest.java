package org.handlelens.windbg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.concurrent.CancellationException;

import org.handlelens.model.HandleDetail;
import org.handlelens.model.HandleModel;
import org.handlelens.model.HandleRecord;
import org.handlelens.model.ModelConstants;
import org.handlelens.model.ProcessRecord;
import org.handlelens.model.ProgressMonitor;
import org.handlelens.model.SourceFormatException;
import org.handlelens.model.StackTrace;
import org.handlelens.model.spi.ModelSource;
import org.handlelens.model.spi.ModelSources;
import org.handlelens.windbg.parse.SharedData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WinDbgModelSourceTest {
    private static final int UNKNOWN = ModelConstants.UNKNOWN_PROCESS;

    @TempDir
    Path dir;

    private static HandleModel load(Path file) throws Exception {
        return new WinDbgModelSource().load(file, ProgressMonitor.NULL);
    }

    private static List<HandleRecord> rows(HandleModel m) {
        List<HandleRecord> out = new ArrayList<>();
        for (int i = 0; i < m.rowCount(); i++) {
            out.add(m.row(i));
        }
        return out;
    }

    private static HandleRecord row(HandleModel m, int ownerPid, long handle) {
        return rows(m).stream().filter(r -> m.process(r.owningProcessKey()).pid() == ownerPid
                && r.handleValue() == handle).reduce((a, b) -> {
                    throw new AssertionError("two rows for handle 0x" + Long.toHexString(handle));
                }).orElseThrow(() -> new AssertionError("no row for handle 0x" + Long.toHexString(handle)));
    }

    private static int pid(HandleModel m, int key) {
        return key == UNKNOWN ? -999 : m.process(key).pid();
    }

    @Test
    void seed004FiveProcessesAndThreeSmssHandles() throws Exception {
        HandleModel m = load(SharedData.seed004());
        assertEquals("windbg", m.source().format());
        assertEquals(4, m.source().pointerSize());
        List<ProcessRecord> p = m.processes();
        assertEquals(5, p.size(), p.toString());
        assertEquals(new ProcessRecord(0x8a5295f0L, 4, 0, null, "System", 1056, ProcessRecord.TIME_UNKNOWN,
                ProcessRecord.TIME_UNKNOWN), p.get(0));
        assertEquals(new ProcessRecord(0x897e6c00L, 1276, 4, null, "smss.exe", 21, ProcessRecord.TIME_UNKNOWN,
                ProcessRecord.TIME_UNKNOWN), p.get(1));
        assertEquals(List.of("csrss.exe", "winlogon.exe", "services.exe"),
                p.subList(2, 5).stream().map(ProcessRecord::image).toList());
        assertEquals(List.of(691L, 986L, 396L), p.subList(2, 5).stream().map(ProcessRecord::handleCount).toList());
        assertEquals(List.of(0, 0, 0), p.subList(2, 5).stream().map(ProcessRecord::sessionId).toList());
        assertEquals(List.of(1276, 1276, 1352), p.subList(2, 5).stream().map(ProcessRecord::parentPid).toList());

        assertEquals(3, m.rowCount());
        assertEquals(new HandleRecord(1, 0x4, 0xe1009568L, "KeyedEvent", "CritSecOutOfMemoryEvent", 0x000f0003L, null,
                UNKNOWN, UNKNOWN, -1, HandleRecord.TIME_UNKNOWN, HandleRecord.TIME_UNKNOWN, ModelConstants.NO_STACK,
                ModelConstants.NO_STACK, -1, UNKNOWN,
                new HandleDetail(53, 54, 0xe1009550L, 0xe1674008L, 0x8a5258b8L, 0xe10030a8L)), row(m, 1276, 0x4));
        HandleRecord file = row(m, 1276, 0x8);
        assertEquals(0x8910b370L, file.objectAddress());
        assertEquals("File", file.typeName());
        assertEquals(0x00100020L, file.grantedAccess());
        assertEquals("Inherit", file.attributes());
        assertEquals("\\WINDOWS {HarddiskVolume1}", file.objectName());
        assertEquals(new HandleDetail(1, 1, 0x8910b358L, 0xe1674010L, 0x8a54c730L, 0L), file.detail());
        HandleRecord port = row(m, 1276, 0xc);
        assertEquals(0xe1af9828L, port.objectAddress());
        assertEquals("Port", port.typeName());
        assertEquals(0x001f0001L, port.grantedAccess());
        assertEquals("SmApiPort", port.objectName());
        assertEquals(12, port.detail().objectPointerCount());
        for (int i = 0; i < 3; i++) {
            assertTrue(m.isOutstanding(i) && m.isPreExisting(i), "a snapshot row is open, creator/closer Unknown");
        }
        assertFalse(m.isPartial());
        assertTrue(m.warnings().stream().anyMatch(w -> w.startsWith("skipped 11 unrecognised lines")), m.warnings()
                .toString());
    }

    @Test
    void processExamplesKeepUnknownFieldsNull() throws Exception {
        HandleModel m = load(SharedData.windbg("process-0-0-examples-docs.txt"));
        assertEquals(11, m.processes().size());
        assertEquals(8, m.source().pointerSize());
        ProcessRecord nt4 = m.process(0);
        assertNull(nt4.sessionId(), "NT4 prints no SessionId");
        assertEquals(150, nt4.handleCount(), "TableSize");
        ProcessRecord win8System = m.process(7);
        assertEquals(4, win8System.pid());
        assertEquals(-1, win8System.handleCount(), "<Data Not Accessible>");
        assertEquals(1, m.process(9).sessionId());
        assertEquals(0, m.rowCount());
    }

    @Test
    void handleExamplesAllFlavours() throws Exception {
        HandleModel m = load(SharedData.windbg("handle-examples-docs.txt"));
        // the unnamed user-mode debuggee (examples 1, 2), Idle (printed twice, merged), smss.exe (x64)
        assertEquals(3, m.processes().size(), m.processes().toString());
        assertEquals(List.of("", "Idle", "smss.exe"), m.processes().stream().map(ProcessRecord::image).toList());
        assertEquals(-1, m.process(0).pid());
        assertEquals(15, m.rowCount());
        // "!handle" then "!handle 8 f" of the same debuggee: one handle 8 with the details
        HandleRecord event = row(m, -1, 0x8);
        assertEquals("Event", event.typeName());
        assertEquals(0x100003L, event.grantedAccess());
        assertEquals(2, event.detail().objectHandleCount());
        assertEquals(3, event.detail().objectPointerCount());
        HandleRecord key = row(m, 0, 0x14);
        assertEquals("Key", key.typeName());
        assertEquals(0xe12751d0L, key.objectAddress());
        assertEquals("Protected", row(m, 0, 0x168).attributes());
        HandleRecord section = row(m, 0x138, 0x40);
        assertEquals(0xfffff8a000633f00L, section.objectAddress());
        assertEquals("Section", section.typeName());
        assertEquals(262144, section.detail().objectPointerCount());
        assertTrue(m.warnings().stream().anyMatch(w -> w.contains("does not name its process")));
    }

    @Test
    void kernelHtraceGivesClosedHandlesWithStacks() throws Exception {
        HandleModel m = load(SharedData.windbg("htrace-kernel-x86-docs.txt"));
        assertEquals(1, m.processes().size());
        assertEquals(0x81400300L, m.process(0).eprocessAddress());
        // OPEN+CLOSE 0x7dc, OPEN+CLOSE 0x7cc; the BAD REFERENCE is no handle
        assertEquals(2, m.rowCount());
        HandleRecord first = m.row(0);
        assertEquals(0x7dc, first.handleValue(), "oldest record first");
        assertEquals(0, first.creatingProcessKey());
        assertEquals(0, first.closingProcessKey());
        StackTrace create = m.stack(first.createStackId());
        assertEquals(7, create.frameCount());
        assertEquals("ntoskrnl!ExCreateHandle+0x94", create.frameName(0));
        assertEquals(0x8018F44AL, create.frameAddress(0));
        assertEquals("KERNEL32!CreateEventA+0x66", create.frameName(3));
        StackTrace close = m.stack(first.closeStackId());
        assertEquals("ntoskrnl!ExDestroyHandle+0x103", close.frameName(0));
        assertEquals(6, close.frameCount());
        HandleRecord second = m.row(1);
        assertEquals(0x7cc, second.handleValue());
        assertEquals("KERNEL32!CreateSemaphoreA+0x66", m.stack(second.createStackId()).frameName(3));
        assertFalse(m.isOutstanding(0) || m.isOutstanding(1));
        assertEquals("1", m.source().properties().get("htraceBadReferences"));
        assertTrue(m.warnings().stream().anyMatch(w -> w.contains("1 BAD REFERENCE")));
    }

    @Test
    void userHtraceOutstandingHandlesAfterDiff() throws Exception {
        HandleModel m = load(SharedData.windbg("htrace-user-x86-cppresourceleaks.txt"));
        // debuggee 0x19ec (break-in event line), 0x17e8 (traced operations), 0xd30 (injecting process)
        assertEquals(List.of(0x19ec, 0x17e8, 0xd30), m.processes().stream().map(ProcessRecord::pid).toList());
        // the -diff repeats of 0x3c/0x38/0x24/0x20 are not counted twice
        assertEquals(7, m.rowCount());
        TreeMap<Long, Boolean> outstanding = new TreeMap<>();
        for (int i = 0; i < m.rowCount(); i++) {
            outstanding.put(m.handleValue(i), m.isOutstanding(i));
        }
        assertEquals(List.of(0x20L, 0x24L, 0x38L, 0x3cL, 0x114L, 0x7d8L),
                outstanding.entrySet().stream().filter(e -> e.getValue()).map(e -> e.getKey()).toList());
        HandleRecord closed = row(m, 0x19ec, 0x34);
        assertEquals(0x17e8, pid(m, closed.creatingProcessKey()));
        assertEquals(0x17e8, pid(m, closed.closingProcessKey()));
        assertEquals("KERNELBASE!GetTempFileNameW+0x208", m.stack(closed.createStackId()).frameName(2));
        assertEquals("ntdll!NtClose+0xc", m.stack(closed.closeStackId()).frameName(0));

        // the traced OPEN of 0x3c and "!handle 0x3c" are one handle: type from !handle, stack from !htrace
        HandleRecord dup = row(m, 0x19ec, 0x3c);
        assertEquals("File", dup.typeName());
        assertEquals(0x17e8, pid(m, dup.creatingProcessKey()));
        assertEquals(0x17ec, dup.createThreadId());
        StackTrace s = m.stack(dup.createStackId());
        assertEquals(10, s.frameCount());
        assertEquals("KERNELBASE!DuplicateHandle+0x69", s.frameName(1));
        assertEquals(0x00ab1627L, s.frameAddress(3));

        HandleRecord injected = row(m, 0x19ec, 0x114);
        assertEquals(0xd30, pid(m, injected.creatingProcessKey()));
        StackTrace unresolved = m.stack(injected.createStackId());
        assertNull(unresolved.frameName(3), "'+0x00101991' is left to the symbol resolver");
        assertEquals(0x00101991L, unresolved.frameAddress(3));
        assertEquals(ModelConstants.NO_STACK, row(m, 0x19ec, 0x24).createStackId(), "frames elided");
        assertEquals(4, m.source().pointerSize());
    }

    @Test
    void truncatedVerifierOutputIsPartial() throws Exception {
        HandleModel m = load(SharedData.windbg("verifier-stop-htrace-x64-uiforetw55.txt"));
        assertTrue(m.isPartial());
        assertTrue(m.partialReason().contains("!htrace record at line 27 (handle 0x808) is cut off"),
                m.partialReason());
        assertEquals(1, m.processes().size());
        assertEquals(0x4d38, m.process(0).pid());
        assertEquals(8, m.source().pointerSize(), "the stop's addresses need 64 bits");
        assertEquals(1, m.rowCount());
        HandleRecord leaked = m.row(0);
        assertEquals(0x808, leaked.handleValue());
        assertTrue(m.isOutstanding(0));
        assertEquals(0, leaked.creatingProcessKey());
        assertTrue(m.warnings().stream().anyMatch(w -> w.startsWith(
                "Application Verifier stop 0x901 at line 7 in pid 19768, handle 0x808: A HANDLE was leaked.")),
                m.warnings().toString());
    }

    @Test
    void repeatedFullDumpsReuseAndPreTracingCloses() throws Exception {
        Path f = Files.writeString(dir.resolve("twice.log"), """
                (1a2c.2a4c): Break instruction exception - code 80000003 (first chance)
                0:000> !htrace
                --------------------------------------
                Handle = 0x00000034 - CLOSE
                Thread ID = 0x00002a4c, Process ID = 0x00001a2c

                0x77ca2d3c: ntdll!NtClose+0x0000000c
                --------------------------------------
                Handle = 0x00000034 - OPEN
                Thread ID = 0x00002a4c, Process ID = 0x00001a2c

                0x77ca2e3c: ntdll!ZwCreateFile+0x0000000c
                --------------------------------------
                Handle = 0x00000010 - CLOSE
                Thread ID = 0x00002a4c, Process ID = 0x00001a2c

                0x77ca2d3c: ntdll!NtClose+0x0000000c
                --------------------------------------
                Parsed 0x3 stack traces.
                Dumped 0x3 stack traces.
                0:000> !htrace
                --------------------------------------
                Handle = 0x00000034 - OPEN
                Thread ID = 0x00002a4c, Process ID = 0x00001a2c

                0x77ca2e3c: ntdll!ZwCreateFile+0x0000000c
                --------------------------------------
                Handle = 0x00000034 - CLOSE
                Thread ID = 0x00002a4c, Process ID = 0x00001a2c

                0x77ca2d3c: ntdll!NtClose+0x0000000c
                --------------------------------------
                Handle = 0x00000034 - OPEN
                Thread ID = 0x00002a4c, Process ID = 0x00001a2c

                0x77ca2e3c: ntdll!ZwCreateFile+0x0000000c
                --------------------------------------
                Handle = 0x00000010 - CLOSE
                Thread ID = 0x00002a4c, Process ID = 0x00001a2c

                0x77ca2d3c: ntdll!NtClose+0x0000000c
                --------------------------------------
                Parsed 0x5 stack traces.
                Dumped 0x5 stack traces.
                """);
        HandleModel m = load(f);
        assertEquals(1, m.processes().size());
        // 0x10 closed before any traced OPEN: pre-existing; 0x34 opened+closed, then reopened (still open)
        assertEquals(3, m.rowCount());
        HandleRecord preExisting = m.row(0);
        assertEquals(0x10, preExisting.handleValue());
        assertEquals(UNKNOWN, preExisting.creatingProcessKey());
        assertEquals(0, preExisting.closingProcessKey());
        assertTrue(m.isPreExisting(0));
        assertFalse(m.isOutstanding(0));
        assertEquals(0x34, m.handleValue(1));
        assertFalse(m.isOutstanding(1));
        assertEquals(0x34, m.handleValue(2));
        assertTrue(m.isOutstanding(2));
        assertEquals(m.createStackId(1), m.createStackId(2), "identical stacks are interned once");
    }

    @Test
    void processKnownFirstByAddressOnlyGetsItsPidWhenListedLater() throws Exception {
        Path f = Files.writeString(dir.resolve("order.log"), """
                0: kd> !htrace 0 897e6c00
                Process 0x897E6C00
                ObjectTable 0xE1648628
                --------------------------------------
                Handle 0x7CC - OPEN:
                0x8018F44A: ntoskrnl!ExCreateHandle+0x94
                --------------------------------------
                Parsed 0x1 stack traces.
                Dumped 0x1 stack traces.
                0: kd> !process 0 0
                PROCESS 897e6c00 SessionId: none Cid: 04fc Peb: 7ffd4000 ParentCid: 0004
                DirBase: 0acc0040 ObjectTable: e1648628 HandleCount: 21 .
                Image: smss.exe
                0: kd> !handle 0 3 0 File
                PROCESS 897e6c00 SessionId: none Cid: 04fc Peb: 7ffd4000 ParentCid: 0004
                DirBase: 0acc0040 ObjectTable: e1648628 HandleCount: 21 .
                Image: smss.exe
                Handle table at e1674000 with 21 Entries in use
                0008: Object: 8910b370 GrantedAccess: 00100020 (Inherit) Entry: e1674010
                """);
        HandleModel m = load(f);
        assertEquals(1, m.processes().size(), m.processes().toString());
        assertEquals(new ProcessRecord(0x897e6c00L, 0x4fc, 4, null, "smss.exe", 21, ProcessRecord.TIME_UNKNOWN,
                ProcessRecord.TIME_UNKNOWN), m.process(0));
        assertEquals(2, m.rowCount());
        assertEquals(0, m.owningProcess(0));
        assertEquals(0, m.owningProcess(1));
    }

    @Test
    void rejectsNonWinDbgInputWithPositions() throws Exception {
        Path english = Files.writeString(dir.resolve("notes.txt"), "We think the spooler leaks handles.\n");
        SourceFormatException e = assertThrows(SourceFormatException.class, () -> load(english));
        assertEquals(SourceFormatException.PositionKind.NONE, e.positionKind());
        assertTrue(e.getMessage().contains("not WinDbg output: no !process, !handle or !htrace block found in "
                + english), e.getMessage());

        Path binary = Files.write(dir.resolve("dump.txt"), new byte[] {'P', 'R', 'O', 0x00, 0x01});
        e = assertThrows(SourceFormatException.class, () -> load(binary));
        assertEquals(SourceFormatException.PositionKind.BYTE_OFFSET, e.positionKind());
        assertEquals(3, e.position());

        Path longLine = Files.writeString(dir.resolve("long.log"), "!process 0 0\n" + "x".repeat(70_000) + "\n");
        e = assertThrows(SourceFormatException.class, () -> load(longLine));
        assertEquals(SourceFormatException.PositionKind.LINE, e.positionKind());
        assertEquals(2, e.position());
        assertTrue(e.getMessage().startsWith(longLine + ":2: line 2 is longer than 65536 characters"),
                e.getMessage());
    }

    @Test
    void discoveredByServiceLoaderAndDetected() throws Exception {
        ModelSources sources = ModelSources.discover(getClass().getClassLoader());
        ModelSource s = sources.sources().stream().filter(x -> x.formatId().equals("windbg")).findFirst()
                .orElseThrow(() -> new AssertionError("META-INF/services registration missing"));
        Path seed = SharedData.seed004();
        assertEquals(90, s.confidence(seed, ModelSources.readHead(seed)));
        Path htrace = SharedData.windbg("htrace-user-x86-cppresourceleaks.txt");
        assertEquals(90, s.confidence(htrace, ModelSources.readHead(htrace)));
        Path prose = SharedData.file("seeds/000_5228fb813c7e6f36.txt");
        assertEquals(5, s.confidence(prose, ModelSources.readHead(prose)));
        Path etl = SharedData.file("testdata/etl/lxcore_kernel.etl");
        assertEquals(0, s.confidence(etl, ModelSources.readHead(etl)));
        assertEquals(5, sources.load(seed, ProgressMonitor.NULL).processes().size());
    }

    @Test
    void utf16LogsAreDetectedWithAndWithoutByteOrderMark(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        // a .logopen /u log need not be named .txt/.log: detection must read UTF-16 LE/BE, with or without BOM
        ModelSources sources = ModelSources.discover(getClass().getClassLoader());
        ModelSource s = sources.sources().stream().filter(x -> x.formatId().equals("windbg")).findFirst().orElseThrow();
        String text = Files.readString(SharedData.seed004()).replace("\n", "\r\n");
        int processes = sources.load(SharedData.seed004(), ProgressMonitor.NULL).processes().size();
        record Variant(String name, java.nio.charset.Charset charset, byte[] bom) {
        }
        for (Variant v : List.of(new Variant("le-bom.out", java.nio.charset.StandardCharsets.UTF_16LE, new byte[] {(byte) 0xFF, (byte) 0xFE}),
                new Variant("be-bom.out", java.nio.charset.StandardCharsets.UTF_16BE, new byte[] {(byte) 0xFE, (byte) 0xFF}),
                new Variant("le.out", java.nio.charset.StandardCharsets.UTF_16LE, new byte[0]),
                new Variant("be.out", java.nio.charset.StandardCharsets.UTF_16BE, new byte[0]))) {
            java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
            bytes.writeBytes(v.bom());
            bytes.writeBytes(text.getBytes(v.charset()));
            Path f = Files.write(dir.resolve(v.name()), bytes.toByteArray());
            assertEquals(90, s.confidence(f, ModelSources.readHead(f)), v.name());
            assertEquals(processes, sources.load(f, ProgressMonitor.NULL).processes().size(), v.name());
        }
    }

    @Test
    void damagedSamplesImportOrFailCleanly() throws Exception {
        java.util.Random random = new java.util.Random(7);
        for (String name : List.of("htrace-user-x86-cppresourceleaks.txt", "htrace-kernel-x86-docs.txt",
                "handle-examples-docs.txt")) {
            List<String> lines = Files.readAllLines(SharedData.windbg(name));
            for (int i = 0; i < 150; i++) {
                List<String> mutant = new ArrayList<>(lines);
                for (int e = 0; e < 4; e++) {
                    int at = random.nextInt(mutant.size());
                    switch (random.nextInt(3)) {
                        case 0 -> mutant.remove(at);
                        case 1 -> mutant.add(random.nextInt(mutant.size()), mutant.get(at));
                        default -> mutant.set(at, mutant.get(at).replace("OPEN", "CLOSE"));
                    }
                }
                Path f = Files.write(dir.resolve("mutant.txt"), mutant);
                try {
                    HandleModel m = load(f);
                    for (int r = 0; r < m.rowCount(); r++) {
                        assertTrue(m.owningProcess(r) >= 0);
                    }
                } catch (SourceFormatException expected) {
                    // fine: clear rejection
                }
            }
        }
    }

    @Test
    void progressAndCancellation() throws Exception {
        StringBuilder sb = new StringBuilder("!process 0 0\n");
        for (int i = 0; i < 20_000; i++) {
            sb.append(String.format("PROCESS %08x SessionId: 0 Cid: %04x Peb: 7ffd4000 ParentCid: 0004%n"
                    + "DirBase: 0acc0040 ObjectTable: e1648628 HandleCount: 21.%nImage: p%d.exe%n", 0x89000000L + i * 8,
                    i * 4 + 8, i));
        }
        Path f = Files.writeString(dir.resolve("many.log"), sb);
        long[] worked = {0, 0};
        HandleModel m = new WinDbgModelSource().load(f, new ProgressMonitor() {
            @Override
            public void begin(long total) {
                worked[1] = total;
            }

            @Override
            public void worked(long w) {
                worked[0] += w;
            }

            @Override
            public boolean isCanceled() {
                return false;
            }
        });
        assertEquals(20_000, m.processes().size());
        assertEquals(Files.size(f), worked[1]);
        assertEquals(Files.size(f), worked[0]);
        assertThrows(CancellationException.class, () -> new WinDbgModelSource().load(f, new ProgressMonitor() {
            @Override
            public void begin(long total) {
            }

            @Override
            public void worked(long w) {
            }

            @Override
            public boolean isCanceled() {
                return true;
            }
        }));
    }
}
