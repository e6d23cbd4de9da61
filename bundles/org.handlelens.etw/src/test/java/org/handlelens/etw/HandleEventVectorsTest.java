package org.handlelens.etw;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import org.handlelens.etw.kernel.DuplicateHandleEvent;
import org.handlelens.etw.kernel.HandleEvent;
import org.handlelens.etw.kernel.HandleRundownEvent;
import org.handlelens.etw.kernel.KernelDecoders;
import org.handlelens.etw.kernel.ObjectLifetimeEvent;
import org.handlelens.etw.kernel.ObjectReferenceEvent;
import org.handlelens.etw.kernel.ObjectTypeEvent;
import org.handlelens.etw.kernel.Payload;
import org.junit.jupiter.api.Test;

/**
 * The ten real ObTrace payloads of handle-event-vectors.json decode to the documented values,
 * as recorded (P=8) and re-packed to the documented x86 layouts (P=4: pointer fields 4 bytes,
 * the following fields moved up by 4).
 */
class HandleEventVectorsTest {

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> vectors() throws Exception {
        return (List<Map<String, Object>>) TestData.json(
                Files.readString(TestData.shared().resolve("testdata/handle-event-vectors.json")));
    }

    private static long hex(Object o) {
        return Long.parseUnsignedLong(((String) o).substring(2), 16);
    }

    /** x64 payload → x86 payload: drop the upper half of the leading Object pointer (all layouts start with it except TypeDC). */
    private static byte[] toX86(int opcode, byte[] x64) {
        if (opcode == 36 || opcode == 37) {
            return x64; // no pointer fields
        }
        byte[] b = new byte[x64.length - 4];
        System.arraycopy(x64, 0, b, 0, 4);
        System.arraycopy(x64, 8, b, 4, x64.length - 8);
        if (opcode == 32 || opcode == 33) {
            return java.util.Arrays.copyOf(b, 12); // struct size 12 on x86 (2 bytes tail padding)
        }
        if (opcode == 48 || opcode == 49) {
            return java.util.Arrays.copyOf(b, 8); // {PVOID Object; USHORT ObjectType} → 8 on x86
        }
        return b;
    }

    private static Payload payload(byte[] bytes, int p) {
        return new Payload().reset(ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN), 0, bytes.length, p);
    }

    @Test
    void allVectorsBothPointerSizes() throws Exception {
        List<Map<String, Object>> vs = vectors();
        assertEquals(10, vs.size());
        int checked = 0;
        for (Map<String, Object> v : vs) {
            int opcode = ((Long) v.get("opcode")).intValue();
            byte[] x64 = HexFormat.of().parseHex(((String) v.get("hex")).replace(" ", ""));
            assertEquals(((Long) v.get("length")).intValue(), x64.length);
            @SuppressWarnings("unchecked")
            Map<String, Object> d = (Map<String, Object>) v.get("decoded");
            for (int p : new int[] {8, 4}) {
                byte[] bytes = p == 8 ? x64 : toX86(opcode, x64);
                Payload pl = payload(bytes, p);
                long objMask = p == 8 ? -1L : 0xFFFFFFFFL;
                String ctx = v.get("name") + " P=" + p;
                switch (opcode) {
                    case 32, 33 -> {
                        HandleEvent e = KernelDecoders.handle(pl, opcode);
                        assertEquals(opcode == 32, e.create(), ctx);
                        assertEquals(hex(d.get("Object")) & objMask, e.object(), ctx);
                        assertEquals(hex(d.get("Handle")), Integer.toUnsignedLong(e.handle()), ctx);
                        assertEquals(d.get("ObjectType"), (long) e.objectType(), ctx);
                        assertEquals("", e.objectName(), ctx);
                    }
                    case 34 -> {
                        DuplicateHandleEvent e = KernelDecoders.duplicateHandle(pl);
                        assertEquals(hex(d.get("Object")) & objMask, e.object(), ctx);
                        assertEquals(hex(d.get("SourceHandle")), Integer.toUnsignedLong(e.sourceHandle()), ctx);
                        assertEquals(hex(d.get("TargetHandle")), Integer.toUnsignedLong(e.targetHandle()), ctx);
                        assertTrue(HandleEvent.isKernelHandle(e.targetHandle()), ctx);
                        assertEquals(d.get("TargetProcessId"), (long) e.targetProcessId(), ctx);
                        assertEquals(d.get("ObjectType"), (long) e.objectType(), ctx);
                        assertEquals(d.get("SourceProcessId"), (long) e.sourceProcessId(), ctx);
                        // version 2 (no SourceProcessId): 4 bytes shorter → -1
                        byte[] v2 = java.util.Arrays.copyOf(bytes, bytes.length - 4);
                        assertEquals(-1, KernelDecoders.duplicateHandle(payload(v2, p)).sourceProcessId(), ctx);
                    }
                    case 36, 37 -> {
                        ObjectTypeEvent e = KernelDecoders.objectType(pl, opcode);
                        assertEquals(opcode == 36, e.dcStart(), ctx);
                        assertEquals(d.get("ObjectType"), (long) e.objectType(), ctx);
                        assertEquals(d.get("ObjectTypeName"), e.typeName(), ctx);
                    }
                    case 38, 39 -> {
                        HandleRundownEvent e = KernelDecoders.handleRundown(pl, opcode);
                        assertEquals(hex(d.get("Object")) & objMask, e.object(), ctx);
                        assertEquals(d.get("ProcessId"), (long) e.processId(), ctx);
                        assertEquals(hex(d.get("Handle")), Integer.toUnsignedLong(e.handle()), ctx);
                        assertEquals(d.get("ObjectType"), (long) e.objectType(), ctx);
                        assertEquals(d.get("ObjectName"), e.objectName(), ctx);
                    }
                    case 48, 49 -> {
                        ObjectLifetimeEvent e = KernelDecoders.objectLifetime(pl, opcode);
                        assertEquals(opcode == 48, e.create(), ctx);
                        assertEquals(hex(d.get("Object")) & objMask, e.object(), ctx);
                        assertEquals(d.get("ObjectType"), (long) e.objectType(), ctx);
                    }
                    case 50, 51 -> {
                        ObjectReferenceEvent e = KernelDecoders.objectReference(pl, opcode);
                        assertEquals(opcode == 50, e.reference(), ctx);
                        assertEquals(hex(d.get("Object")) & objMask, e.object(), ctx);
                        assertEquals(hex(d.get("Tag")), Integer.toUnsignedLong(e.tag()), ctx);
                        assertEquals(d.get("TagAscii"), e.tagAscii(), ctx);
                        assertEquals(d.get("Count"), (long) e.count(), ctx);
                    }
                    default -> throw new AssertionError("unexpected opcode " + opcode);
                }
                checked++;
            }
        }
        assertEquals(20, checked);
    }

    @Test
    void closeHandleWithNameAndTruncatedPayload() {
        // CloseHandle longer than the struct: name read at P+6 (ETWAnalyzer rule)
        ByteBuffer b = ByteBuffer.allocate(16 + 8).order(ByteOrder.LITTLE_ENDIAN);
        b.putLong(0xFFFFC283AEF90260L).putInt(0x44).putShort((short) 16);
        for (char c : "abc".toCharArray()) {
            b.putChar(c);
        }
        b.putChar((char) 0);
        HandleEvent e = KernelDecoders.handle(payload(b.array(), 8), 33);
        assertEquals("abc", e.objectName());
        // a payload cut inside the Handle field is malformed, not a crash
        byte[] cut = java.util.Arrays.copyOf(b.array(), 10);
        org.junit.jupiter.api.Assertions.assertThrows(org.handlelens.etw.kernel.MalformedPayloadException.class,
                () -> KernelDecoders.handle(payload(cut, 8), 32));
    }
}
