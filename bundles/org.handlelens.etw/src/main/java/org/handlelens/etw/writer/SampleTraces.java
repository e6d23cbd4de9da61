package org.handlelens.etw.writer;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import org.handlelens.etw.win32k.Win32kDecoders;
import org.handlelens.etw.win32k.Win32kHandleFamily;

/**
 * Small handle scenarios written as spec-exact ETL files, shared by the command-line and workbench tests
 * that need one known story (no public trace with handle events exists).
 */
public final class SampleTraces {
    /** Kernel event groups and handle type indexes of the scenarios. */
    private static final int PROCESS = 0x03, OBJECT = 0x11, EVENT = 16, SECTION = 42;
    private static final long MS = 1_000_000L;

    /** Kernel object address of the shared Section in {@link #sharedSection}. */
    public static final long SECTION_OBJECT = 0xFFFFC28400005000L;
    /** Kernel object address of the short-lived Event in {@link #sharedSection}. */
    public static final long EVENT_OBJECT = 0xFFFFC28400006000L;
    /** Name of the shared Section in {@link #sharedSection}. */
    public static final String SECTION_NAME = "\\Sessions\\1\\BaseNamedObjects\\AppSharedMem";

    private SampleTraces() {
    }

    /**
     * Writes {@code file}: a.exe (pid 100) creates a Section (handle 0x40) at 3 ms and duplicates it into b.exe
     * (pid 200, handle 0x88) at 4 ms; b.exe closes its handle at 9 ms; a.exe keeps its one to the end (the
     * handle rundown names it). a.exe also creates an Event (0x44) at 5 ms and closes it at 6 ms. 64-bit, two
     * CPUs, type names from the trace's own type rundown.
     */
    public static Path sharedSection(Path file) throws IOException {
        EtlTraceWriter w = new EtlTraceWriter(8, 2, 4096, 5_000_000L);
        KernelPayloads kp = new KernelPayloads(8);
        w.kernel(0, EtlTraceWriter.SYSTEM, PROCESS, 1, 4, 4, 8, w.ts(1 * MS), kp.process(4, 0xFFFFC28300001000L, 100,
                4, 1, 259, 0x1000, 0, null, "a.exe", "a.exe", 0));
        w.kernel(1, EtlTraceWriter.SYSTEM, PROCESS, 1, 4, 4, 8, w.ts(1 * MS + 10), kp.process(4,
                0xFFFFC28300002000L, 200, 4, 1, 259, 0x2000, 0, null, "b.exe", "b.exe", 0));
        w.kernel(0, EtlTraceWriter.SYSTEM, OBJECT, 32, 2, 100, 104, w.ts(3 * MS), kp.handle(SECTION_OBJECT, 0x40,
                SECTION));
        w.kernel(0, EtlTraceWriter.SYSTEM, OBJECT, 34, 2, 100, 104, w.ts(4 * MS), kp.duplicate(SECTION_OBJECT, 0x40,
                0x88, 200, SECTION, 100));
        w.kernel(0, EtlTraceWriter.SYSTEM, OBJECT, 32, 2, 100, 104, w.ts(5 * MS), kp.handle(EVENT_OBJECT, 0x44,
                EVENT));
        w.kernel(0, EtlTraceWriter.SYSTEM, OBJECT, 33, 2, 100, 104, w.ts(6 * MS), kp.handle(EVENT_OBJECT, 0x44,
                EVENT));
        w.kernel(1, EtlTraceWriter.SYSTEM, OBJECT, 33, 2, 200, 204, w.ts(9 * MS), kp.handle(SECTION_OBJECT, 0x88,
                SECTION));
        w.kernel(0, EtlTraceWriter.PERFINFO, OBJECT, 37, 2, -1, -1, w.ts(20 * MS), kp.typeName(EVENT, "Event"));
        w.kernel(0, EtlTraceWriter.PERFINFO, OBJECT, 37, 2, -1, -1, w.ts(20 * MS), kp.typeName(SECTION, "Section"));
        w.kernel(0, EtlTraceWriter.PERFINFO, OBJECT, 39, 2, -1, -1, w.ts(21 * MS), kp.handleRundown(SECTION_OBJECT,
                100, 0x40, SECTION, SECTION_NAME));
        w.write(file);
        return file;
    }

    /** Create stack (innermost first: two win32kbase frames, then two app frames) of the leaked GDI handles. */
    public static final long[] GDI_LEAK_STACK = { 0xFFFFF96000123456L, 0xFFFFF96000100010L, 0x00007FF700001234L,
            0x00007FF700005678L };
    /** Raw HandleType of the leaked GDI handles in {@link #gdiLeak}. */
    public static final int GDI_LEAK_TYPE = 5;

    /**
     * Writes {@code file}, a trace as WPR's AllHandles profile records it for a GDI leak: paint.exe (pid 300,
     * session 1) creates 4 GDI handles of type 5 (0x0A050100 + 4i) with a 64-bit extended-data stack
     * ({@link #GDI_LEAK_STACK}) and destroys only the first; it creates and destroys a GDI handle of type 10; it
     * creates a USER handle of type 1 (0x00010010, 32-bit stack item) that stays open; csrss.exe (pid 500) changes
     * one handle's owner (UpdateHandleOwner, not modelled) and destroys a GDI handle of paint.exe created before the
     * trace. 64-bit, two CPUs. 10 Win32k events, 2 process starts and the header.
     */
    public static Path gdiLeak(Path file) throws IOException {
        EtlTraceWriter w = new EtlTraceWriter(8, 2, 4096, 5_000_000L);
        KernelPayloads kp = new KernelPayloads(8);
        Win32kEvents wk = new Win32kEvents(w, 8);
        Win32kHandleFamily gdi = Win32kHandleFamily.GDI;
        int create = Win32kDecoders.OPCODE_CREATE_HANDLE;
        int destroy = Win32kDecoders.OPCODE_DESTROY_HANDLE;
        List<ExtendedItem> stack = List.of(ExtendedItem.stackTrace64(0, GDI_LEAK_STACK));
        w.kernel(0, EtlTraceWriter.SYSTEM, PROCESS, 1, 4, 4, 8, w.ts(1 * MS), kp.process(4, 0xFFFFC28300005000L, 500,
                4, 1, 259, 0x5000, 0, null, "csrss.exe", "csrss.exe", 0));
        w.kernel(0, EtlTraceWriter.SYSTEM, PROCESS, 1, 4, 4, 8, w.ts(1 * MS + 10), kp.process(4,
                0xFFFFC28300003000L, 300, 4, 1, 259, 0x3000, 0, null, "paint.exe", "paint.exe", 0));
        long t = 2 * MS;
        for (int i = 0; i < 4; i++) {
            wk.handleOperation(0, gdi, create, 300, 304, w.ts(t += MS), 0x0A050100L + 4 * i, GDI_LEAK_TYPE, 1, 300,
                    stack);
        }
        wk.handleOperation(0, gdi, destroy, 300, 304, w.ts(t += MS), 0x0A050100L, GDI_LEAK_TYPE, 1, 300, stack);
        wk.handleOperation(1, gdi, create, 300, 308, w.ts(t += MS), 0x0A0A0200L, 10, 1, 300, List.of());
        wk.handleOperation(1, gdi, destroy, 300, 308, w.ts(t += MS), 0x0A0A0200L, 10, 1, 300, List.of());
        wk.handleOperation(1, Win32kHandleFamily.USER, create, 300, 308, w.ts(t += MS), 0x00010010L, 1, 1, 300,
                List.of(ExtendedItem.stackTrace32(0, 0x0040_1000L, 0x0040_2000L)));
        wk.handleOperation(1, gdi, Win32kDecoders.OPCODE_UPDATE_HANDLE_OWNER, 500, 504, w.ts(t += MS), 0x0A0A0300L,
                10, 1, 500, List.of());
        wk.handleOperation(1, gdi, destroy, 500, 504, w.ts(t += MS), 0x0A050900L, GDI_LEAK_TYPE, 1, 300, List.of());
        w.write(file);
        return file;
    }
}
