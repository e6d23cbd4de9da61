package org.handlelens.ui.symbols;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.handlelens.symbols.path.SymbolPathElement;
import org.handlelens.symbols.server.FetchOptions;

/**
 * "Test connection" of the Symbols preference page: asks an HTTP symbol server's root (HEAD, then GET when
 * HEAD is refused) or checks that a folder exists. Any HTTP answer means the server is reachable — symbol
 * servers often answer 403/404 for their root.
 */
public final class ConnectionCheck {
    /** Outcome of one check. */
    public record Result(boolean ok, String message) {
    }

    private final Duration timeout;

    /** @param timeout connect and response timeout */
    public ConnectionCheck(Duration timeout) {
        this.timeout = timeout;
    }

    /** Checks one element; never throws. */
    public Result check(SymbolPathElement element) {
        return switch (element) {
            case SymbolPathElement.Server s -> s.target() instanceof SymbolPathElement.HttpStore h ? http(h.baseUri())
                    : folder(((SymbolPathElement.FolderStore) s.target()).folder(), "Store folder");
            case SymbolPathElement.Folder f -> folder(f.folder(), "Folder");
            case SymbolPathElement.Cache c -> Files.isDirectory(c.folder())
                    ? new Result(true, "Cache folder " + c.folder() + " exists")
                    : new Result(true, "Cache folder " + c.folder() + " does not exist yet; it is created on the first download");
        };
    }

    private static Result folder(Path folder, String what) {
        if (Files.isDirectory(folder)) {
            return Files.isReadable(folder) ? new Result(true, what + " " + folder + " exists")
                    : new Result(false, what + " " + folder + " is not readable");
        }
        return new Result(false, what + " " + folder + " does not exist");
    }

    private Result http(URI base) {
        URI root = URI.create(base.toString() + "/");
        HttpClient client = HttpClient.newBuilder().connectTimeout(timeout)
                .followRedirects(HttpClient.Redirect.NORMAL).build();
        try {
            int code = send(client, root, "HEAD");
            if (code == 405 || code == 501) {
                code = send(client, root, "GET");
            }
            String note = code >= 200 && code < 400 ? "" : code == 404 || code == 403
                    ? " (normal for a symbol server's root)" : code >= 500 ? " (server error)" : "";
            return new Result(code < 500, "Server " + base + " answered HTTP " + code + note);
        } catch (HttpTimeoutException e) {
            return new Result(false, "Server " + base + " did not answer within " + timeout.toSeconds() + " s");
        } catch (IOException e) {
            return new Result(false, "Server " + base + " is not reachable: " + describe(e));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Result(false, "Test of " + base + " was interrupted");
        } catch (IllegalArgumentException e) {
            return new Result(false, "Server " + base + ": " + e.getMessage());
        }
    }

    private int send(HttpClient client, URI uri, String method) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(timeout)
                .header("User-Agent", FetchOptions.SYMSRV_USER_AGENT)
                .method(method, HttpRequest.BodyPublishers.noBody()).build();
        return client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private static String describe(IOException e) {
        String m = e.getMessage();
        Throwable c = e.getCause();
        if ((m == null || m.isBlank()) && c != null) {
            m = c.getClass().getSimpleName() + (c.getMessage() != null ? ": " + c.getMessage() : "");
        }
        return m == null || m.isBlank() ? e.getClass().getSimpleName() : m;
    }
}
