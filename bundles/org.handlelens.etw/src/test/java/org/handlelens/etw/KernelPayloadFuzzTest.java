package org.handlelens.etw;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.concurrent.TimeUnit;

import org.handlelens.etw.kernel.KernelDecoders;
import org.handlelens.etw.kernel.MalformedPayloadException;
import org.handlelens.etw.kernel.Payload;
import org.junit.jupiter.api.Timeout;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Jazzer fuzz target for each kernel payload decoder directly (faster than through record headers).
 * Input: {@code [decoder, opcode, version, pointerSize]} then the payload bytes. Seeds
 * ({@code KernelPayloadFuzzTestInputs/payload/}) are real payloads of the shared kernel traces (process,
 * thread, image, stack walk, ImageID/DbgID) and the ten real Object-Manager vectors. The only accepted
 * exception is {@link MalformedPayloadException}.
 */
@Timeout(value = 10, unit = TimeUnit.SECONDS)
class KernelPayloadFuzzTest {

    @FuzzTest(maxDuration = "15s")
    void payload(byte[] input) {
        if (input.length < 4) {
            return;
        }
        int decoder = (input[0] & 0xFF) % 14;
        int opcode = input[1] & 0xFF;
        int version = input[2] & 0xFF;
        int pointerSize = (input[3] & 1) == 0 ? 8 : 4;
        // the payload sits inside a bigger buffer, as in the reader: reads must stay inside [4, length)
        Payload p = new Payload().reset(ByteBuffer.wrap(input).order(ByteOrder.LITTLE_ENDIAN), 4, input.length - 4,
                pointerSize);
        try {
            Object event = switch (decoder) {
                case 0 -> KernelDecoders.process(p, opcode, version);
                case 1 -> KernelDecoders.thread(p, opcode, version);
                case 2 -> KernelDecoders.image(p, opcode, version);
                case 3 -> KernelDecoders.stack(p);
                case 4 -> KernelDecoders.stackKeyReference(p, opcode);
                case 5 -> KernelDecoders.stackKeyDefinition(p, opcode);
                case 6 -> KernelDecoders.handle(p, opcode);
                case 7 -> KernelDecoders.duplicateHandle(p);
                case 8 -> KernelDecoders.objectType(p, opcode);
                case 9 -> KernelDecoders.handleRundown(p, opcode);
                case 10 -> KernelDecoders.objectLifetime(p, opcode);
                case 11 -> KernelDecoders.objectReference(p, opcode);
                case 12 -> KernelDecoders.imageId(p);
                default -> KernelDecoders.dbgIdRsds(p);
            };
            if (event != null) {
                event.toString(); // records: touches every component (strings, arrays)
            }
        } catch (MalformedPayloadException expected) {
            // documented: payload too short / inconsistent
        }
    }
}
