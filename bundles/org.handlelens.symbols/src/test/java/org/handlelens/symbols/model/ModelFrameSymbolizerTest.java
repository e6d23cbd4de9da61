package org.handlelens.symbols.model;

import org.handlelens.model.HandleModel;
import org.handlelens.model.HandleModelBuilder;
import org.handlelens.model.ModelConstants;
import org.handlelens.model.ModuleRecord;
import org.handlelens.model.ProcessRecord;
import org.handlelens.model.ProgressMonitor;
import org.handlelens.model.SourceInfo;
import org.handlelens.model.spi.FrameSymbolizer;
import org.handlelens.symbols.TestData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;

class ModelFrameSymbolizerTest {
    @TempDir
    Path tmp;

    @Test
    void registeredAsServiceAndResolvesModelFramesThroughTheSymbolPath() throws Exception {
        FrameSymbolizer viaLoader = ServiceLoader.load(FrameSymbolizer.class).findFirst().orElseThrow();
        assertInstanceOf(ModelFrameSymbolizer.class, viaLoader);

        HandleModelBuilder b = new HandleModelBuilder(new SourceInfo("test", "t.etl", null, null, 8, 1, 0, 0, 0, null));
        int proc = b.addProcess(ProcessRecord.of(1234, "CrashWithException.exe"));
        long base = 0x7FF6_0000_0000L;
        b.addModule(proc, new ModuleRecord(base, 0x9000, "\\Device\\HarddiskVolume3\\app\\CrashWithException.exe",
                0x5C9E0959L, -1, UUID.fromString("F535C5FB-2AE8-4BB8-AA20-6C30BE566C5A"), 1,
                "C:\\build\\CrashWithException.pdb", ModelConstants.TIME_UNKNOWN, ModelConstants.TIME_UNKNOWN));
        HandleModel model = b.build();

        Path symbols = Files.createDirectories(tmp.resolve("syms"));
        Files.copy(TestData.pdb("CrashWithException.pdb"), symbols.resolve("CrashWithException.pdb"));
        FrameSymbolizer.Resolver r = new ModelFrameSymbolizer(Map.of("HOME", tmp.toString()))
                .open(model, symbols.toString(), ProgressMonitor.NULL);
        assertEquals("CrashWithException!crashing_function+0x1c", r.resolve(proc, base + 0x113C));
        assertEquals("CrashWithException!main", r.resolve(proc, base + 0x1170));
        assertNull(r.resolve(proc, 0x1000), "outside every module");
        // the source position is a separate field; the frame text above is unchanged by it
        assertEquals("c:\\users\\sentry\\source\\repos\\crashwithexception\\crashwithexception\\crashwithexception.cpp:18",
                r.sourceLine(proc, base + 0x113C));
        assertNull(r.sourceLine(proc, base + 0x114D), "padding after crashing_function has no line");
        assertNull(r.sourceLine(proc, 0x1000));
    }
}
