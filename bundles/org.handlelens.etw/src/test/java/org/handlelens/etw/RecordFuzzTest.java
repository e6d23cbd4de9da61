package org.handlelens.etw;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Timeout;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Jazzer fuzz target for the record (trace header) decoders of every header kind and the kernel
 * payload decoders behind them: the input is the record area of one buffer (what follows the 72-byte
 * buffer header). Seeds ({@code RecordFuzzTestInputs/records/}) are decoded record areas of the shared
 * ETL files (system, compact, perfinfo, full, instance, event-header and message records). Bad records must
 * end in {@code RecordFormatException} (walk stops) or a counted malformed payload; anything else, a
 * zero-size record (reader hang), an OOM or a slow input is a finding.
 */
@Timeout(value = 10, unit = TimeUnit.SECONDS)
class RecordFuzzTest {

    @FuzzTest(maxDuration = "15s")
    void records(byte[] input) {
        ByteBuffer le = ByteBuffer.wrap(input).order(ByteOrder.LITTLE_ENDIAN);
        // pointer size for headers without one (message records); both values are legal
        FuzzRecordWalker.walk(le, 0, input.length, input.length % 2 == 0 ? 8 : 4);
    }
}
