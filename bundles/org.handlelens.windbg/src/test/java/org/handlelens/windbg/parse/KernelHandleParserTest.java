package org.handlelens.windbg.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

class KernelHandleParserTest {

    @Test
    void seedHandlesWithAllFields() throws Exception {
        WinDbgLog log = WinDbgLog.read(SharedData.seed004());
        assertEquals(1, log.tables().size());
        HandleTable table = log.tables().get(0);
        assertEquals(0xe1674000L, table.tableAddress());
        assertEquals(21, table.entriesInUse());
        assertEquals(new ProcessRef(0x897e6c00L, 0x4fcL), table.owner());

        assertEquals(3, log.handles().size());
        ProcessRef smss = new ProcessRef(0x897e6c00L, 0x4fcL);
        WinDbgHandle keyedEvent = log.handles().get(0);
        assertEquals(smss, keyedEvent.owner());
        assertEquals(HandleListing.KERNEL, keyedEvent.listing());
        assertEquals(0x4, keyedEvent.handleValue());
        assertEquals(0xe1009568L, keyedEvent.objectAddress());
        assertEquals(0x000f0003L, keyedEvent.grantedAccess());
        assertEquals(List.of(), keyedEvent.entryFlags());
        assertEquals(0xe1674008L, keyedEvent.entryAddress());
        assertEquals("KeyedEvent", keyedEvent.typeName());
        assertEquals(0x8a5258b8L, keyedEvent.typeObjectAddress());
        assertEquals(0xe1009550L, keyedEvent.objectHeaderAddress());
        assertEquals(53L, keyedEvent.objectHandleCount());
        assertEquals(54L, keyedEvent.objectPointerCount());
        assertEquals(0xe10030a8L, keyedEvent.directoryObjectAddress());
        assertEquals("CritSecOutOfMemoryEvent", keyedEvent.name());

        WinDbgHandle file = log.handles().get(1);
        assertEquals(0x8, file.handleValue());
        assertEquals(0x8910b370L, file.objectAddress());
        assertEquals(0x00100020L, file.grantedAccess());
        assertEquals(List.of("Inherit"), file.entryFlags());
        assertEquals("File", file.typeName());
        assertEquals(0L, file.directoryObjectAddress());
        assertEquals("\\WINDOWS {HarddiskVolume1}", file.name());
        assertEquals(1L, file.objectHandleCount());

        WinDbgHandle port = log.handles().get(2);
        assertEquals(0xc, port.handleValue());
        assertEquals(0xe1af9828L, port.objectAddress());
        assertEquals(0x001f0001L, port.grantedAccess());
        assertEquals("Port", port.typeName());
        assertEquals("SmApiPort", port.name());
        assertEquals(12L, port.objectPointerCount());
    }

    @Test
    void docsExamplesFreeEntriesKernelTableAndX64() throws Exception {
        WinDbgLog log = WinDbgLog.read(SharedData.windbg("handle-examples-docs.txt"));
        List<WinDbgHandle> kernel = log.handles().stream().filter(h -> h.listing() == HandleListing.KERNEL).toList();
        // example 3: 7 entries (the 2 free entries are not handles), example 4: 1, example 5: 1
        assertEquals(9, kernel.size());
        ProcessRef idle = new ProcessRef(0x80559800L, 0L);
        assertEquals(List.of(0x4L, 0x8L, 0xcL, 0x10L, 0x168L, 0x16cL, 0x174L, 0x14L, 0x40L),
                kernel.stream().map(WinDbgHandle::handleValue).toList());
        WinDbgHandle protectedEntry = kernel.stream().filter(h -> h.handleValue() == 0x168).findFirst().orElseThrow();
        assertEquals(List.of("Protected"), protectedEntry.entryFlags());
        assertEquals(0xffb6c748L, protectedEntry.objectAddress());
        assertEquals(idle, protectedEntry.owner());
        assertNull(protectedEntry.typeName(), "flags 4 prints no object line");
        assertFalse(protectedEntry.kernelHandleTable());

        WinDbgHandle key = kernel.get(7);
        assertEquals(0x14, key.handleValue());
        assertTrue(key.kernelHandleTable(), "'Kernel New version of handle table'");
        assertEquals("Key", key.typeName());
        assertEquals("\\REGISTRY\\MACHINE\\SYSTEM\\CONTROLSET001\\CONTROL\\SESSION MANAGER\\EXECUTIVE", key.name());
        assertEquals(0xe12751b8L, key.objectHeaderAddress());

        WinDbgHandle section = kernel.get(8);
        assertEquals(0x40, section.handleValue());
        assertEquals(new ProcessRef(0xfffffa8004f48940L, 0x138L), section.owner());
        assertEquals(0xfffff8a000633f00L, section.objectAddress());
        assertEquals(0xfffff8a000670100L, section.entryAddress());
        assertEquals(List.of("Inherit"), section.entryFlags());
        assertEquals("Section", section.typeName());
        assertEquals(262144L, section.objectPointerCount());
        assertNull(section.name());

        assertEquals(3, log.tables().size());
        assertEquals(39, log.tables().get(2).entriesInUse(), "'39 entries in use', lower case");
        assertEquals(39L, log.processes().get(2).handleCount(), "'HandleCount:  39.'");
    }

    @Test
    void ownerComesFromTheProcessHeaderBeforeEachTable() throws Exception {
        WinDbgLog log = SharedData.parse("""
                !handle 0 3 0 File
                PROCESS fffffa8004f48940
                    SessionId: none  Cid: 0138    Peb: 7f6639bf000  ParentCid: 0004
                    DirBase: 10cb74000  ObjectTable: fffff8a00066f700  HandleCount:  39.
                    Image: smss.exe

                Handle table at fffff8a00066f700 with 39 entries in use

                0040: Object: fffff8a000633f00  GrantedAccess: 00000006 (Protected) (Inherit) Entry: fffff8a000670100
                Object: fffff8a000633f00  Type: (fffffa80035fef20) File
                    ObjectHeader: fffff8a000633ed0 (new version)
                        HandleCount: 1  PointerCount: 3
                        Directory Object: 00000000  Name: \\Windows\\System32 {HarddiskVolume2}

                PROCESS fffffa8005000000
                    SessionId: 0  Cid: 01a0    Peb: 7f6639bf000  ParentCid: 0138
                    DirBase: 10cb75000  ObjectTable: fffff8a000770000  HandleCount: 400.
                    Image: csrss.exe

                Handle table at fffff8a000770000 with 400 entries in use

                0044: Object: fffff8a000633f00  GrantedAccess: 00100020 Entry: fffff8a000770110
                """);
        assertEquals(2, log.handles().size());
        assertEquals(0x138L, log.handles().get(0).owner().pid());
        assertEquals(List.of("Protected", "Inherit"), log.handles().get(0).entryFlags());
        assertEquals("\\Windows\\System32 {HarddiskVolume2}", log.handles().get(0).name());
        assertEquals(0x1a0L, log.handles().get(1).owner().pid());
        assertEquals(0xfffffa8005000000L, log.handles().get(1).owner().eprocessAddress());
    }
}
