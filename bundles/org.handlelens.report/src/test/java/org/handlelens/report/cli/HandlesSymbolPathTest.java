package org.handlelens.report.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import org.handlelens.etw.writer.EtlTraceWriter;
import org.handlelens.etw.writer.KernelPayloads;
import org.handlelens.model.spi.ModelSources;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.sun.net.httpserver.HttpServer;

/**
 * {@code handlelens handles trace.etl --symbol-path P} end to end: an ETL written by {@link EtlTraceWriter} with
 * the image load and PDB identity (KernelTraceControl ImageID / DbgID_RSDS) of the real CrashWithException.exe,
 * a File handle whose create stack lies in that image, and the real CrashWithException.pdb served by a loopback
 * symbol server in symstore layout. The expected names come from the Breakpad {@code .sym} FUNC records made
 * from the same PDB by another tool.
 */
class HandlesSymbolPathTest {
    private static final String PDB_KEY = "F535C5FB2AE84BB8AA206C30BE566C5A1";
    private static final UUID PDB_GUID = UUID.fromString("F535C5FB-2AE8-4BB8-AA20-6C30BE566C5A");
    private static final UUID IMAGE_ID = UUID.fromString("b3e675d7-2554-4f18-830b-2762732560de");
    private static final int PROCESS = 0x03, OBJECT = 0x11, STACK = 0x18, FILE_TYPE = 37;
    private static final int PID = 4242, TID = 4246;
    private static final long BASE = 0x1_4000_0000L;
    /** Inside X::foo, crashing_function, test, main and mainCRTStartup (RVAs of the .sym FUNC records). */
    private static final long[] RVAS = { 0x1104, 0x113C, 0x1159, 0x1175, 0x1490 };

    @TempDir
    Path tmp;
    private HttpServer server;
    private final List<String> requests = new CopyOnWriteArrayList<>();

    private static Path shared(String relative) {
        String root = System.getProperty("handlelens.shared");
        assertTrue(root != null && !root.isBlank(), "-Dhandlelens.shared is not set (path of the shared folder)");
        Path p = Path.of(root).resolve(relative);
        assertTrue(Files.exists(p), "missing " + p);
        return p;
    }

    @BeforeEach
    void startSymbolServer() throws IOException {
        Path root = Files.createDirectories(tmp.resolve("store"));
        Path dir = Files.createDirectories(root.resolve("CrashWithException.pdb/" + PDB_KEY));
        Files.copy(shared("testdata/pdb/CrashWithException.pdb"), dir.resolve("CrashWithException.pdb"));
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            String path = exchange.getRequestURI().getPath();
            requests.add(exchange.getRequestMethod() + " " + path);
            Path file = root.resolve(path.substring(1)).normalize();
            if (!file.startsWith(root) || !Files.isRegularFile(file)) {
                exchange.sendResponseHeaders(404, -1);
                exchange.close();
                return;
            }
            byte[] body = Files.readAllBytes(file);
            boolean head = exchange.getRequestMethod().equals("HEAD");
            exchange.sendResponseHeaders(200, head ? -1 : body.length);
            if (!head) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            }
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stopServer() {
        server.stop(0);
    }

    /** CrashWithException.exe (pid 4242) loads its image with PDB identity and opens one File handle with a user stack. */
    private Path trace() throws IOException {
        EtlTraceWriter w = new EtlTraceWriter(8, 2, 4096, 5_000_000L);
        KernelPayloads kp = new KernelPayloads(8);
        long ms = 1_000_000L;
        w.kernel(0, EtlTraceWriter.SYSTEM, PROCESS, 1, 4, 4, 8, w.ts(1 * ms), kp.process(4, 0xFFFFC28300001000L, PID,
                4, 1, 259, 0x1000, 0, null, "CrashWithException.exe", "CrashWithException.exe", 0));
        long tImage = w.ts(2 * ms);
        w.kernel(0, EtlTraceWriter.SYSTEM, PROCESS, 10, 3, PID, TID, tImage, kp.image(BASE, 0x9000, PID, 0,
                0x5C9E0959, "\\Device\\HarddiskVolume3\\app\\CrashWithException.exe"));
        w.full(0, IMAGE_ID, 0, 2, PID, TID, tImage, kp.imageId(BASE, 0x9000, PID, 0x5C9E0959,
                "CrashWithException.exe"));
        w.full(0, IMAGE_ID, 36, 2, PID, TID, tImage, kp.dbgIdRsds(BASE, PID, PDB_GUID, 1,
                "C:\\Users\\sentry\\CrashWithException.pdb"));
        long tCreate = w.ts(3 * ms);
        w.kernel(1, EtlTraceWriter.SYSTEM, OBJECT, 32, 2, PID, TID, tCreate, kp.handle(0xFFFFC28400000000L, 0x1A4,
                FILE_TYPE));
        long[] frames = new long[RVAS.length];
        for (int i = 0; i < RVAS.length; i++) {
            frames[i] = BASE + RVAS[i];
        }
        w.kernel(1, EtlTraceWriter.PERFINFO, STACK, 32, 2, -1, -1, tCreate, kp.stack(tCreate, PID, TID, frames));
        w.kernel(0, EtlTraceWriter.PERFINFO, OBJECT, 37, 2, -1, -1, w.ts(5 * ms), kp.typeName(FILE_TYPE, "File"));
        Path f = tmp.resolve("symbols-workflow.etl");
        w.write(f);
        return f;
    }

    /** {@code CrashWithException!name+0xNN} per RVA from the FUNC records ({@code name} without its parameter list). */
    private static List<String> expectedFromSym() throws IOException {
        List<long[]> ranges = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (String line : Files.readAllLines(shared("testdata/pdb/CrashWithException.pdb.sym"))) {
            if (line.startsWith("FUNC ")) {
                // FUNC [m] address size parameter_size name (m: several names share the address)
                String rest = line.startsWith("FUNC m ") ? line.substring(7) : line.substring(5);
                String[] p = rest.split(" ", 4);
                ranges.add(new long[] { Long.parseLong(p[0], 16), Long.parseLong(p[1], 16) });
                String name = p[3];
                int paren = name.indexOf('(');
                names.add(paren > 0 ? name.substring(0, paren) : name);
            }
        }
        List<String> out = new ArrayList<>();
        for (long rva : RVAS) {
            String hit = null;
            for (int i = 0; i < ranges.size(); i++) {
                long start = ranges.get(i)[0];
                if (rva >= start && rva < start + ranges.get(i)[1]) {
                    hit = "CrashWithException!" + names.get(i) + "+0x" + Long.toHexString(rva - start);
                }
            }
            assertNotNull(hit, "no FUNC record covers rva 0x" + Long.toHexString(rva));
            out.add(hit);
        }
        return out;
    }

    private String[] run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = new HandleLensCli(ModelSources.discover(getClass().getClassLoader()), tmp.resolve("index-cache"))
                .execute(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                        new PrintStream(err, true, StandardCharsets.UTF_8));
        return new String[] { String.valueOf(code), out.toString(StandardCharsets.UTF_8),
            err.toString(StandardCharsets.UTF_8) };
    }

    @Test
    @SuppressWarnings("unchecked")
    void createStackIsResolvedThroughTheSymbolServer() throws IOException {
        Path etl = trace();
        Path cache = tmp.resolve("symcache");
        String symbolPath = "srv*" + cache + "*http://127.0.0.1:" + server.getAddress().getPort() + "/";

        // without a symbol path: raw addresses
        String[] plain = run("handles", etl.toString(), "--format", "json");
        assertEquals("0", plain[0], plain[2]);
        List<Object> rows = (List<Object>) JsonTree.parse(plain[1]);
        assertEquals(1, rows.size(), plain[1]);
        assertEquals("0x140001104", ((List<Object>) ((Map<String, Object>) rows.get(0))
                .get("createStack")).get(0), plain[1]);

        String[] r = run("handles", etl.toString(), "--symbol-path", symbolPath, "--format", "json");
        assertEquals("0", r[0], r[2]);
        rows = (List<Object>) JsonTree.parse(r[1]);
        assertEquals(1, rows.size(), r[1]);
        Map<String, Object> row = (Map<String, Object>) rows.get(0);
        assertEquals("File", row.get("type"), r[1]);
        List<String> expected = expectedFromSym();
        assertEquals(List.of("CrashWithException!X::foo+0x4", "CrashWithException!crashing_function+0x1c",
                "CrashWithException!test+0x9", "CrashWithException!main+0x5",
                "CrashWithException!mainCRTStartup+0xc"), expected, "the .sym oracle");
        assertEquals(expected, row.get("createStack"), r[1]);
        assertTrue(Files.isRegularFile(cache.resolve("CrashWithException.pdb/" + PDB_KEY + "/CrashWithException.pdb")),
                "downloaded into the srv* cache in symsrv layout");
        assertTrue(requests.contains("GET /CrashWithException.pdb/" + PDB_KEY + "/CrashWithException.pdb"),
                requests.toString());

        // the table form prints the same resolved frames
        String[] table = run("handles", etl.toString(), "--symbol-path", symbolPath);
        assertEquals("0", table[0], table[2]);
        assertTrue(table[1].contains("CrashWithException!X::foo+0x4"), table[1]);
    }
}
