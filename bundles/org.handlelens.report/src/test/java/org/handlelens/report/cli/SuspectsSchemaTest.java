package org.handlelens.report.cli;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;

import org.handlelens.report.json.SuspectsJson;
import org.junit.jupiter.api.Test;

import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;

/** The JSON Schema of suspects.json, and the validator used by the report tests. */
class SuspectsSchemaTest {

    static Schema schema() throws IOException {
        try (InputStream in = SuspectsJson.class.getResourceAsStream(SuspectsJson.SCHEMA_RESOURCE)) {
            assertNotNull(in, "schema resource " + SuspectsJson.SCHEMA_RESOURCE + " is on the class path");
            return SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12).getSchema(in,
                    InputFormat.JSON);
        }
    }

    static List<Error> errors(String json) throws IOException {
        return schema().validate(json, InputFormat.JSON);
    }

    static void assertValid(String json) throws IOException {
        List<Error> errors = errors(json);
        assertTrue(errors.isEmpty(), "suspects.json violates its schema: " + errors);
    }

    /** The schema rejects what it should (so a passing validation means something). */
    @Test
    void schemaRejectsBrokenDocuments() throws IOException {
        String ok = """
                {"schemaVersion": 1, "partial": false, "partialReason": null, "sources": [{"file": "a.txt",
                 "format": "windbg", "startTime": null, "endTime": null, "durationSeconds": null, "timed": false,
                 "partial": false, "partialReason": null, "processes": 1, "handles": 1, "totalOutstanding": 1,
                 "preExistingOutstanding": 0, "createdDuringSource": 1, "totalLeaked": 1, "candidates": 1,
                 "warnings": []}], "suspects": [%s]}""";
        String suspect = """
                {"rank": 1, "source": "a.txt", "process": 6636, "processImage": "", "processLabel": "? (6636)",
                 "type": "", "sentence": "Process 6636 holds 1 handle.", "leaked": 1, "outstanding": 1,
                 "closedByExit": 0, "closed": 0, "created": 1, "share": 1.0, "growthPerSecond": null,
                 "rSquared": null, "score": 1.0, "windowStart": null, "windowEnd": null, "windowSeconds": null,
                 "processExit": null, "convergenceFrame": {"frame": "a!b+0x1", "kind": "user", "depth": 1},
                 "stacks": [{"leaked": 1, "frames": ["ntdll!X", "a!b+0x1"]}], "samples": [{"handle": 56,
                 "object": null, "name": null, "createTime": null, "closeTime": null, "closedByExit": false}],
                 "series": []}""";
        assertTrue(errors(ok.formatted(suspect)).isEmpty(), errors(ok.formatted(suspect)).toString());
        assertFalse(errors(ok.formatted(suspect.replace("\"leaked\": 1, \"outstanding\"", "\"outstanding\"")))
                .isEmpty(), "missing leaked");
        assertFalse(errors(ok.formatted(suspect.replace("\"kind\": \"user\"", "\"kind\": \"mine\""))).isEmpty());
        assertFalse(errors(ok.formatted(suspect.replace("\"windowStart\": null",
                "\"windowStart\": \"17.03.2026 09:14\""))).isEmpty(), "times are ISO-8601 UTC");
        assertFalse(errors(ok.formatted(suspect.replace("\"share\": 1.0", "\"share\": 1.5"))).isEmpty());
        assertFalse(errors(ok.formatted(suspect + ", {\"rank\": 2}")).isEmpty());
        assertFalse(errors(ok.formatted(suspect).replace("\"schemaVersion\": 1", "\"schemaVersion\": 2")).isEmpty());
    }
}
