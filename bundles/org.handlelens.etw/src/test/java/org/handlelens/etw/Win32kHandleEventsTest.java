package org.handlelens.etw;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.handlelens.etw.header.EventRecordHeader;
import org.handlelens.etw.header.ExtendedStack;
import org.handlelens.etw.win32k.Win32kDecoders;
import org.handlelens.etw.win32k.Win32kHandleEvent;
import org.handlelens.etw.win32k.Win32kHandleFamily;
import org.handlelens.etw.writer.EtlTraceWriter;
import org.handlelens.etw.writer.EventDescriptor;
import org.handlelens.etw.writer.ExtendedItem;
import org.handlelens.etw.writer.SampleTraces;
import org.handlelens.etw.writer.Win32kEvents;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Extended-data stacks and the Win32k GDI/USER handle events through a whole written ETL file. */
class Win32kHandleEventsTest {
    @TempDir
    Path tmp;

    private record Seen(Win32kHandleEvent event, int pid, ExtendedStack stack) {
    }

    private static final class Visitor implements EtwEventVisitor {
        final List<Seen> handles = new ArrayList<>();
        final List<String> others = new ArrayList<>();
        final List<ExtendedStack> otherStacks = new ArrayList<>();

        @Override
        public void win32kHandle(EventRecordHeader h, Win32kHandleEvent e) {
            handles.add(new Seen(e, h.processId(), h.extendedStack()));
        }

        @Override
        public void other(EventRecordHeader h) {
            others.add(h.kind() + " id" + h.eventId() + " op" + h.opcode());
            otherStacks.add(h.extendedStack());
        }
    }

    @Test
    void gdiLeakTraceDeliversCreatesAndDestroysWithStacks() throws Exception {
        Path f = SampleTraces.gdiLeak(tmp.resolve("gdi.etl"));
        Visitor v = new Visitor();
        EtlReadResult r;
        try (EtlReader reader = EtlReader.open(f)) {
            r = reader.read(v);
        }
        assertFalse(r.partial());
        assertEquals(10, r.counts().of(EventKind.WIN32K_HANDLE), "every HandleOperation event is counted");
        assertEquals(0, r.counts().malformed());
        assertEquals(9, v.handles.size(), "creates and destroys; UpdateHandleOwner goes to other()");
        assertTrue(v.others.contains("EVENT_HEADER id457 op30"), v.others.toString());

        Seen first = v.handles.get(0);
        assertEquals(new Win32kHandleEvent(Win32kHandleFamily.GDI, true, 0x0A050100L, 5, 1, 300), first.event());
        assertEquals("GDI Type#5", first.event().typeName());
        assertEquals(300, first.pid());
        assertEquals(0, first.stack().matchId());
        assertArrayEquals(SampleTraces.GDI_LEAK_STACK, first.stack().frameAddresses());

        Seen font = v.handles.get(5);
        assertEquals(new Win32kHandleEvent(Win32kHandleFamily.GDI, true, 0x0A0A0200L, 10, 1, 300), font.event());
        assertNull(font.stack(), "written without stack item");

        Seen window = v.handles.get(7);
        assertEquals(new Win32kHandleEvent(Win32kHandleFamily.USER, true, 0x00010010L, 1, 1, 300), window.event());
        assertEquals("USER Type#1", window.event().typeName());
        assertEquals(4, window.stack().addressBytes());
        assertArrayEquals(new long[] { 0x00401000L, 0x00402000L }, window.stack().frameAddresses());

        Seen preExisting = v.handles.get(8);
        assertEquals(new Win32kHandleEvent(Win32kHandleFamily.GDI, false, 0x0A050900L, 5, 1, 300), preExisting.event());
        assertEquals(500, preExisting.pid(), "header pid: the destroying process, not the owner");
    }

    @ParameterizedTest
    @ValueSource(ints = { 4, 8 })
    void recordPointerSizeDecidesHandleValueAndStackWidth(int p) throws Exception {
        EtlTraceWriter w = new EtlTraceWriter(8, 1, 4096, 5_000_000L);
        Win32kEvents wk = new Win32kEvents(w, p);
        List<ExtendedItem> stack = List.of(p == 8 ? ExtendedItem.stackTrace64(9, 0xFFFFF96000000010L)
                : ExtendedItem.stackTrace32(9, 0x90000010L));
        wk.handleOperation(0, Win32kHandleFamily.GDI, Win32kDecoders.OPCODE_CREATE_HANDLE, 70, 71, w.ts(1_000_000),
                0x1234ABCDL, 8, 2, 70, stack);
        // an unknown provider's event with a stack: counted as other, stack still available
        w.eventHeader(0, p, UUID.fromString("11111111-2222-3333-4444-555555555555"),
                new EventDescriptor(7, 0, 0, 4, 0, 0, 0), 70, 71, w.ts(2_000_000), stack, new byte[3]);
        Path f = tmp.resolve("p" + p + ".etl");
        w.write(f);
        Visitor v = new Visitor();
        try (EtlReader reader = EtlReader.open(f)) {
            reader.read(v);
        }
        assertEquals(1, v.handles.size());
        assertEquals(0x1234ABCDL, v.handles.get(0).event().handleValue());
        assertEquals(8, v.handles.get(0).event().handleType());
        assertEquals(p, v.handles.get(0).stack().addressBytes());
        assertEquals(9, v.handles.get(0).stack().matchId());
        int unknown = v.others.indexOf("EVENT_HEADER id7 op0");
        assertTrue(unknown >= 0, v.others.toString());
        assertEquals(p == 8 ? 0xFFFFF96000000010L : 0x90000010L, v.otherStacks.get(unknown).frameAddresses()[0]);
    }
}
