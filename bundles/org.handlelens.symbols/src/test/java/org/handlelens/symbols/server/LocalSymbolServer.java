package org.handlelens.symbols.server;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A real HTTP symbol server on 127.0.0.1 serving a symstore folder. Extra routes: {@code /redirect/x} answers
 * 302 to {@code /sym/x}; {@code /slow/x} waits before answering; {@code /stall/x} sends headers and then
 * stalls; {@code /auth/x} answers 401; {@code /broken/x} answers 500.
 */
public final class LocalSymbolServer implements AutoCloseable {
    record Request(String path, String userAgent) {
    }

    final List<Request> requests = new CopyOnWriteArrayList<>();
    private final HttpServer server;
    private final ExecutorService pool = Executors.newCachedThreadPool();
    private final Path root;
    volatile long slowMillis = 3000;

    public LocalSymbolServer(Path root) throws IOException {
        this.root = root;
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.setExecutor(pool);
        server.start();
    }

    public String url(String prefix) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/" + prefix;
    }

    public long count(String pathSuffix) {
        return requests.stream().filter(r -> r.path().endsWith(pathSuffix)).count();
    }

    private void handle(HttpExchange ex) throws IOException {
        String path = URLDecoder.decode(ex.getRequestURI().getRawPath(), StandardCharsets.UTF_8);
        requests.add(new Request(path, ex.getRequestHeaders().getFirst("User-Agent")));
        try (ex) {
            if (path.startsWith("/redirect/")) {
                ex.getResponseHeaders().add("Location", "/sym/" + path.substring("/redirect/".length()));
                ex.sendResponseHeaders(302, -1);
                return;
            }
            if (path.startsWith("/auth/")) {
                ex.sendResponseHeaders(401, -1);
                return;
            }
            if (path.startsWith("/broken/")) {
                ex.sendResponseHeaders(500, -1);
                return;
            }
            if (path.startsWith("/slow/")) {
                sleep(slowMillis);
                path = "/sym/" + path.substring("/slow/".length());
            }
            boolean stall = path.startsWith("/stall/");
            if (stall) {
                path = "/sym/" + path.substring("/stall/".length());
            }
            Path file = root.resolve(path.substring(1)).normalize();
            if (!file.startsWith(root) || !Files.isRegularFile(file)) {
                ex.sendResponseHeaders(404, -1);
                return;
            }
            byte[] body = Files.readAllBytes(file);
            ex.sendResponseHeaders(200, body.length);
            OutputStream os = ex.getResponseBody();
            if (stall) {
                os.write(body, 0, Math.min(10, body.length));
                os.flush();
                sleep(slowMillis);
                return;
            }
            os.write(body);
        } catch (IOException e) {
            // client went away (timeout tests)
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        server.stop(0);
        pool.shutdownNow();
    }
}
