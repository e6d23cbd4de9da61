package org.handlelens.symbols.server;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * GETs files from one HTTP(S) symbol server with symsrv's User-Agent, redirects, timeouts, retries, a size
 * cap, cancellation and a negative cache. Thread-safe; the parallel-download limit is shared via a semaphore.
 */
public final class HttpSymbolStore {
    private static final long POLL_MILLIS = 50;

    private final URI base;
    private final HttpClient client;
    private final FetchOptions options;
    private final NegativeCache misses;
    private final Semaphore slots;

    /**
     * @param base    server root, e.g. {@code https://msdl.microsoft.com/download/symbols}
     * @param client  shared client (must follow redirects)
     * @param misses  shared negative cache
     * @param slots   shared permits limiting parallel downloads
     */
    public HttpSymbolStore(URI base, HttpClient client, FetchOptions options, NegativeCache misses, Semaphore slots) {
        String b = base.toString();
        this.base = URI.create(b.endsWith("/") ? b : b + "/");
        this.client = client;
        this.options = options;
        this.misses = misses;
        this.slots = slots;
    }

    /** A client configured from the options (redirects followed, proxy, connect timeout). */
    public static HttpClient newClient(FetchOptions options) {
        HttpClient.Builder b = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL)
                .connectTimeout(options.connectTimeout());
        if (options.proxy() != null) {
            b.proxy(options.proxy());
        }
        return b.build();
    }

    /** The server root. */
    public URI base() {
        return base;
    }

    /** URL of a store-relative path (segments are URL-encoded). */
    public URI uri(List<String> segments) {
        StringBuilder sb = new StringBuilder();
        for (String s : segments) {
            if (!sb.isEmpty()) {
                sb.append('/');
            }
            sb.append(URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20"));
        }
        return base.resolve(sb.toString());
    }

    /**
     * Downloads {@code segments} into {@code target} (created or replaced).
     *
     * @return true when downloaded, false when the server does not have it (404/410, also remembered)
     * @throws FetchException for timeouts, HTTP errors, size cap, cancellation
     */
    public boolean download(List<String> segments, Path target, String item, FetchMonitor monitor)
            throws FetchException {
        return downloadUri(uri(segments), target, item, monitor);
    }

    /** Like {@link #download} for an absolute URL (e.g. from a {@code file.ptr}). */
    public boolean downloadUri(URI uri, Path target, String item, FetchMonitor monitor) throws FetchException {
        String key = uri.toString();
        if (misses.isKnownMissing(key)) {
            return false;
        }
        FetchException last = null;
        for (int attempt = 0; attempt <= options.retries(); attempt++) {
            if (monitor.isCancelled()) {
                throw new FetchException(FetchException.Reason.CANCELLED, "cancelled: " + uri);
            }
            try {
                int status = attemptOnce(uri, target, item, monitor);
                if (status == 200) {
                    return true;
                }
                if (status == 404 || status == 410) {
                    misses.remember(key);
                    return false;
                }
                if (status == 401 || status == 403) {
                    throw new FetchException(FetchException.Reason.UNAUTHORIZED, "HTTP " + status + " from " + uri
                            + ": the symbol server needs credentials");
                }
                last = new FetchException(FetchException.Reason.HTTP_ERROR, "HTTP " + status + " from " + uri);
                if (status < 500) {
                    throw last;
                }
            } catch (FetchException e) {
                if (e.reason() != FetchException.Reason.TIMEOUT && e.reason() != FetchException.Reason.IO) {
                    throw e;
                }
                last = e;
            }
            sleepBeforeRetry(attempt, monitor);
        }
        throw last;
    }

    private void sleepBeforeRetry(int attempt, FetchMonitor monitor) throws FetchException {
        long until = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(100L * (attempt + 1));
        while (System.nanoTime() < until) {
            if (monitor.isCancelled()) {
                throw new FetchException(FetchException.Reason.CANCELLED, "cancelled");
            }
            try {
                Thread.sleep(POLL_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new FetchException(FetchException.Reason.CANCELLED, "interrupted");
            }
        }
    }

    private int attemptOnce(URI uri, Path target, String item, FetchMonitor monitor) throws FetchException {
        HttpRequest req = HttpRequest.newBuilder(uri).timeout(options.responseTimeout())
                .header("User-Agent", options.userAgent()).GET().build();
        FileSink[] sink = new FileSink[1];
        try {
            slots.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new FetchException(FetchException.Reason.CANCELLED, "interrupted");
        }
        CompletableFuture<HttpResponse<Path>> future = null;
        try {
            future = client.sendAsync(req, info -> {
                if (info.statusCode() != 200) {
                    return HttpResponse.BodySubscribers.replacing(null);
                }
                long declared = info.headers().firstValueAsLong("Content-Length").orElse(-1);
                sink[0] = new FileSink(target, declared, options.maxDownloadBytes(), item, monitor, uri);
                return sink[0];
            });
            while (true) {
                try {
                    return future.get(POLL_MILLIS, TimeUnit.MILLISECONDS).statusCode();
                } catch (TimeoutException poll) {
                    if (monitor.isCancelled()) {
                        future.cancel(true);
                        throw new FetchException(FetchException.Reason.CANCELLED, "cancelled: " + uri);
                    }
                    FileSink s = sink[0];
                    if (s != null && System.nanoTime() - s.lastActivityNanos > options.idleTimeout().toNanos()) {
                        future.cancel(true);
                        throw new FetchException(FetchException.Reason.TIMEOUT, "no data for "
                                + options.idleTimeout().toMillis() + " ms from " + uri);
                    }
                }
            }
        } catch (ExecutionException e) {
            Throwable c = e.getCause();
            for (Throwable t = c; t != null; t = t.getCause()) {
                if (t instanceof FetchException fe) {
                    throw fe;
                }
            }
            if (c instanceof HttpTimeoutException) {
                throw new FetchException(FetchException.Reason.TIMEOUT, "no response within "
                        + options.responseTimeout().toMillis() + " ms from " + uri, c);
            }
            throw new FetchException(FetchException.Reason.IO, "download of " + uri + " failed: " + c, c);
        } catch (InterruptedException e) {
            if (future != null) {
                future.cancel(true);
            }
            Thread.currentThread().interrupt();
            throw new FetchException(FetchException.Reason.CANCELLED, "interrupted: " + uri);
        } finally {
            slots.release();
            if (sink[0] != null) {
                sink[0].closeQuietly();
            }
        }
    }

    /** Writes the body to a file, enforcing the size cap, reporting progress and noting activity. */
    private static final class FileSink implements HttpResponse.BodySubscriber<Path> {
        private final CompletableFuture<Path> result = new CompletableFuture<>();
        private final Path target;
        private final long declared;
        private final long max;
        private final String item;
        private final FetchMonitor monitor;
        private final URI uri;
        private FileChannel channel;
        private Flow.Subscription subscription;
        private long count;
        volatile long lastActivityNanos = System.nanoTime();

        FileSink(Path target, long declared, long max, String item, FetchMonitor monitor, URI uri) {
            this.target = target;
            this.declared = declared;
            this.max = max;
            this.item = item;
            this.monitor = monitor;
            this.uri = uri;
        }

        @Override
        public void onSubscribe(Flow.Subscription s) {
            subscription = s;
            lastActivityNanos = System.nanoTime();
            if (declared > max) {
                s.cancel();
                fail(new FetchException(FetchException.Reason.TOO_LARGE, uri + " is " + declared
                        + " bytes, above the limit of " + max));
                return;
            }
            try {
                channel = FileChannel.open(target, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                        StandardOpenOption.TRUNCATE_EXISTING);
            } catch (IOException e) {
                s.cancel();
                fail(new FetchException(FetchException.Reason.IO, "cannot write " + target + ": " + e.getMessage(), e));
                return;
            }
            s.request(1);
        }

        @Override
        public void onNext(List<ByteBuffer> items) {
            lastActivityNanos = System.nanoTime();
            try {
                for (ByteBuffer b : items) {
                    count += b.remaining();
                    if (count > max) {
                        subscription.cancel();
                        fail(new FetchException(FetchException.Reason.TOO_LARGE, uri + " exceeds the limit of "
                                + max + " bytes"));
                        return;
                    }
                    while (b.hasRemaining()) {
                        channel.write(b);
                    }
                }
            } catch (IOException e) {
                subscription.cancel();
                fail(new FetchException(FetchException.Reason.IO, "cannot write " + target + ": " + e.getMessage(), e));
                return;
            }
            monitor.progress(item, count, declared);
            subscription.request(1);
        }

        @Override
        public void onError(Throwable t) {
            fail(t);
        }

        @Override
        public void onComplete() {
            closeQuietly();
            if (declared >= 0 && count != declared) {
                fail(new FetchException(FetchException.Reason.IO, uri + ": got " + count + " of " + declared + " bytes"));
                return;
            }
            result.complete(target);
        }

        private void fail(Throwable t) {
            closeQuietly();
            result.completeExceptionally(t);
        }

        synchronized void closeQuietly() {
            if (channel != null) {
                try {
                    channel.close();
                } catch (IOException ignored) {
                    // nothing useful to do; the temp file is deleted by the caller
                }
                channel = null;
            }
        }

        @Override
        public CompletableFuture<Path> getBody() {
            return result;
        }
    }

    /** Deletes a file, ignoring errors. */
    static void deleteQuietly(Path p) {
        try {
            Files.deleteIfExists(p);
        } catch (IOException ignored) {
            // best effort
        }
    }
}
