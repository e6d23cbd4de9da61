package org.handlelens.etw.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;

import org.handlelens.etw.writer.HandleScenario;
import org.handlelens.model.HandleModel;
import org.handlelens.model.query.GroupBy;
import org.handlelens.model.query.HandleColumn;
import org.handlelens.model.query.RowSelection;
import org.handlelens.model.store.HandleModelIndex;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Models imported from real and generated ETL files survive the index unchanged (packed chunks as stored). */
class EtlModelIndexTest {
    @TempDir
    Path tmp;

    private static Path shared(String name) {
        String sharedDir = System.getProperty("handlelens.shared");
        assertNotNull(sharedDir, "system property handlelens.shared is not set (path of the shared folder)");
        return Paths.get(sharedDir, "testdata", "etl", name);
    }

    @ParameterizedTest
    @ValueSource(strings = {"ShutdownPerfDiagLogger.etl", "AMSITrace.etl", "lxcore_kernel.etl"})
    void realTraceRoundTrip(String name) throws Exception {
        Path trace = tmp.resolve(name);
        Files.copy(shared(name), trace);
        assertSameAfterIndex(trace);
    }

    @Test
    void generatedHandleTraceRoundTripAndDamage() throws Exception {
        Path trace = tmp.resolve("scenario.etl");
        HandleScenario.write(trace, 8, false);
        HandleModel m = assertSameAfterIndex(trace);
        assertTrue(m.rowCount() > 0, "the scenario has handle rows");
        Path index = HandleModelIndex.besideTrace(trace);
        byte[] good = Files.readAllBytes(index);
        // flip a byte every few hundred offsets: every damaged index is rejected, never a wrong answer
        for (int at = 0; at < good.length; at += Math.max(1, good.length / 300)) {
            byte[] bad = good.clone();
            bad[at] ^= 0x10;
            Files.write(index, bad);
            assertNull(HandleModelIndex.openOrNull(trace, index), "flipped byte " + at);
        }
        Files.write(index, java.util.Arrays.copyOf(good, good.length - 100));
        IOException e = assertThrows(IOException.class, () -> HandleModelIndex.read(index));
        assertTrue(e.getMessage().contains(index.toString()) && e.getMessage().contains("byte"), e.getMessage());
    }

    private static HandleModel assertSameAfterIndex(Path trace) throws Exception {
        HandleModel m = new EtlModelSource().load(trace, null);
        Path index = HandleModelIndex.besideTrace(trace);
        HandleModelIndex.write(m, trace, index);
        HandleModel r = HandleModelIndex.openOrNull(trace, index);
        assertNotNull(r, "index reused");
        assertEquals(m.source(), r.source());
        assertEquals(m.processes(), r.processes());
        assertEquals(m.allModules(), r.allModules());
        assertEquals(m.warnings(), r.warnings());
        assertEquals(m.partialReason(), r.partialReason());
        assertEquals(m.stackCount(), r.stackCount());
        for (int i = 0; i < m.stackCount(); i++) {
            assertEquals(m.stack(i), r.stack(i), "stack " + i);
        }
        assertEquals(m.rowCount(), r.rowCount());
        for (int i = 0; i < m.rowCount(); i++) {
            assertEquals(m.row(i), r.row(i), "row " + i);
            assertEquals(m.createStackId(i), r.createStackId(i), "create stack of row " + i);
        }
        assertEquals(m.rowStore().allocatedBytes(), r.rowStore().allocatedBytes(), "chunks kept in their packed form");
        var cols = List.of(HandleColumn.OWNING_PROCESS, HandleColumn.TYPE);
        assertEquals(GroupBy.run(m, RowSelection.all(m), cols).totalOutstanding(),
                GroupBy.run(r, RowSelection.all(r), cols).totalOutstanding());
        return m;
    }
}
