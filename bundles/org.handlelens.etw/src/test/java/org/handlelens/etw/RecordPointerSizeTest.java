package org.handlelens.etw;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.UUID;

import org.handlelens.etw.kernel.KernelDecoders;
import org.handlelens.etw.writer.EtlTraceWriter;
import org.handlelens.etw.writer.KernelPayloads;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each record's payload layout follows the pointer size of its own header type (SYSTEM32/64, PERFINFO32/64,
 * FULL_HEADER32/64), not the logfile header's PointerSize: TraceEvent's {@code TraceEvent.PointerSize} is per event
 * (EVENT_HEADER_FLAG_32_BIT_HEADER / 64_BIT_HEADER, which the OS derives from the header type), so a merged or
 * relogged file can hold 32-bit records (a WOW64 logger, an x86 trace merged in) next to 64-bit ones.
 */
class RecordPointerSizeTest {
    @TempDir
    Path tmp;

    static final UUID PDB = UUID.fromString("12dc0a4f-bd7d-4f2a-a9be-263bacaeb467");

    @Test
    void mixedRecordsInA64BitFile() throws Exception {
        mixed(8, 4);
    }

    @Test
    void mixedRecordsInA32BitFile() throws Exception {
        mixed(4, 8);
    }

    /** A PointerSize field of 0 (PerfView replaces it, ETWTraceEventSource.cs:583) does not reject the file. */
    @Test
    void zeroPointerSizeFieldFallsBackToTheHeaderRecord() throws Exception {
        for (int p : new int[] {8, 4}) {
            EtlTraceWriter w = new EtlTraceWriter(p, 1, 4096, 1_000L);
            w.kernel(0, EtlTraceWriter.SYSTEM, 0x11, 32, 2, 100, 101, w.ts(1000), new KernelPayloads(p).handle(0x8A000040L,
                    0x44, 16));
            Path f = tmp.resolve("ptr0-" + p + ".etl");
            w.write(f);
            byte[] b = java.nio.file.Files.readAllBytes(f);
            int field = 0x48 + 0x20 + 0x2C; // buffer header, SYSTEM header, TRACE_LOGFILE_HEADER.PointerSize
            assertEquals(p, java.nio.ByteBuffer.wrap(b).order(java.nio.ByteOrder.LITTLE_ENDIAN).getInt(field));
            b[field] = 0;
            java.nio.file.Files.write(f, b);
            CollectingVisitor v = KernelLayoutVersionsTest.read(f);
            assertEquals(p, v.info.pointerSize());
            assertEquals(0x44, v.handles.get(0).event().handle());
        }
    }

    private void mixed(int fileP, int otherP) throws Exception {
        EtlTraceWriter w = new EtlTraceWriter(fileP, 1, 4096, 1_000L);
        KernelPayloads own = new KernelPayloads(fileP);
        KernelPayloads other = new KernelPayloads(otherP);
        long base = 0x00400000L;
        long t = 1_000;
        w.kernel(0, EtlTraceWriter.SYSTEM, fileP, 0x11, 32, 2, 100, 101, w.ts(t += 1000), own.handle(0x8A000040L, 0x44, 16));
        w.kernel(0, EtlTraceWriter.SYSTEM, otherP, 0x11, 32, 2, 100, 101, w.ts(t += 1000),
                other.handle(0x8A000080L, 0x48, 17));
        w.kernel(0, EtlTraceWriter.PERFINFO, otherP, 0x11, 38, 2, -1, -1, w.ts(t += 1000),
                other.handleRundown(0x8A0000C0L, 100, 0x4C, 18, "\\BaseNamedObjects\\x"));
        w.kernel(0, EtlTraceWriter.SYSTEM, otherP, 0x03, 1, 4, 100, 101, w.ts(t += 1000), other.process(4, 0x8A5295F0L,
                200, 100, 1, 259, 0x1000, 0x2, "S-1-5-18", "app32.exe", "app32.exe /x", 0));
        w.full(0, otherP, KernelDecoders.IMAGE_ID_GUID, KernelDecoders.OPCODE_IMAGE_ID, 2, 200, 201, w.ts(t += 1000),
                other.imageId(base, 0x9000, 200, 0x5C9E0959, "app32.exe"));
        w.full(0, otherP, KernelDecoders.IMAGE_ID_GUID, KernelDecoders.OPCODE_DBGID_RSDS, 2, 200, 201, w.ts(t += 1000),
                other.dbgIdRsds(base, 200, PDB, 5, "C:\\src\\app32.pdb"));
        w.kernel(0, EtlTraceWriter.PERFINFO, otherP, 0x18, 32, 2, -1, -1, w.ts(t += 1000),
                other.stack(w.ts(t - 1000), 200, 201, 0x401000L, 0x402000L));
        Path f = tmp.resolve("mixed" + fileP + ".etl");
        w.write(f);
        CollectingVisitor v = KernelLayoutVersionsTest.read(f);
        assertEquals(fileP, v.info.pointerSize());
        assertEquals(2, v.handles.size());
        assertEquals(0x44, v.handles.get(0).event().handle());
        assertEquals(16, v.handles.get(0).event().objectType());
        assertEquals(0x8A000080L, v.handles.get(1).event().object());
        assertEquals(0x48, v.handles.get(1).event().handle());
        assertEquals(17, v.handles.get(1).event().objectType());
        var rd = v.handleRundowns.get(0).event();
        assertEquals(100, rd.processId());
        assertEquals(0x4C, rd.handle());
        assertEquals("\\BaseNamedObjects\\x", rd.objectName());
        var pr = v.processes.get(0).event();
        assertEquals(200, pr.processId());
        assertEquals("S-1-5-18", pr.userSid());
        assertEquals("app32.exe /x", pr.commandLine());
        assertEquals(2, pr.flags());
        var id = v.imageIds.get(0).event();
        assertEquals(base, id.imageBase());
        assertEquals(0x9000, id.imageSize());
        assertEquals(0x5C9E0959, id.timeDateStamp());
        assertEquals("app32.exe", id.originalFileName());
        var dbg = v.dbgIds.get(0).event();
        assertEquals(PDB, dbg.pdbGuid());
        assertEquals(5, dbg.age());
        assertEquals("12DC0A4FBD7D4F2AA9BE263BACAEB4675", dbg.symbolKey());
        assertEquals("C:\\src\\app32.pdb", dbg.pdbFileName());
        assertEquals(2, v.stacks.get(0).event().frames().length);
        assertEquals(0x402000L, v.stacks.get(0).event().frames()[1]);
    }
}
