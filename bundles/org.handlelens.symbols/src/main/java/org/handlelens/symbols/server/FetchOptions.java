package org.handlelens.symbols.server;

import java.net.ProxySelector;
import java.time.Duration;

/**
 * Limits and settings of symbol downloads.
 *
 * @param connectTimeout       TCP/TLS connect timeout
 * @param responseTimeout      time to wait for the response headers
 * @param idleTimeout          longest pause while receiving the body
 * @param retries              extra attempts after a transient failure (timeout, I/O error, HTTP 5xx)
 * @param maxDownloadBytes     size cap per file (also for expanded CAB contents)
 * @param negativeCacheTtl     how long a 404 is remembered
 * @param maxParallelDownloads concurrent downloads allowed
 * @param userAgent            User-Agent header (some servers reject requests without the symsrv one)
 * @param proxy                proxy selector, or {@code null} for the system default
 */
public record FetchOptions(Duration connectTimeout, Duration responseTimeout, Duration idleTimeout, int retries,
                           long maxDownloadBytes, Duration negativeCacheTtl, int maxParallelDownloads,
                           String userAgent, ProxySelector proxy) {
    /** symsrv's User-Agent, as sent by PerfView. */
    public static final String SYMSRV_USER_AGENT = "Microsoft-Symbol-Server/6.13.0009.1140";

    public FetchOptions {
        if (retries < 0 || maxDownloadBytes <= 0 || maxParallelDownloads <= 0) {
            throw new IllegalArgumentException("retries >= 0, maxDownloadBytes > 0, maxParallelDownloads > 0 required");
        }
    }

    /** Defaults: 10 s connect, 30 s response, 30 s idle, 1 retry, 2 GiB cap, 1 h negative cache, 4 parallel. */
    public static FetchOptions defaults() {
        return new FetchOptions(Duration.ofSeconds(10), Duration.ofSeconds(30), Duration.ofSeconds(30), 1,
                2L << 30, Duration.ofHours(1), 4, SYMSRV_USER_AGENT, null);
    }

    /** Copy with other timeouts. */
    public FetchOptions withTimeouts(Duration connect, Duration response, Duration idle) {
        return new FetchOptions(connect, response, idle, retries, maxDownloadBytes, negativeCacheTtl,
                maxParallelDownloads, userAgent, proxy);
    }

    /** Copy with another retry count. */
    public FetchOptions withRetries(int n) {
        return new FetchOptions(connectTimeout, responseTimeout, idleTimeout, n, maxDownloadBytes, negativeCacheTtl,
                maxParallelDownloads, userAgent, proxy);
    }

    /** Copy with another size cap. */
    public FetchOptions withMaxDownloadBytes(long n) {
        return new FetchOptions(connectTimeout, responseTimeout, idleTimeout, retries, n, negativeCacheTtl,
                maxParallelDownloads, userAgent, proxy);
    }

    /** Copy with another negative-cache lifetime. */
    public FetchOptions withNegativeCacheTtl(Duration ttl) {
        return new FetchOptions(connectTimeout, responseTimeout, idleTimeout, retries, maxDownloadBytes, ttl,
                maxParallelDownloads, userAgent, proxy);
    }
}
