package org.handlelens.symbols.server;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Remembers "not found" answers per URL for a limited time so servers are not asked again and again. */
public final class NegativeCache {
    private final Map<String, Instant> expiry = new ConcurrentHashMap<>();
    private final Clock clock;
    private final Duration ttl;

    public NegativeCache(Clock clock, Duration ttl) {
        this.clock = clock;
        this.ttl = ttl;
    }

    /** Records a miss. */
    public void remember(String url) {
        expiry.put(url, clock.instant().plus(ttl));
    }

    /** True while a miss for this URL is remembered. */
    public boolean isKnownMissing(String url) {
        Instant until = expiry.get(url);
        if (until == null) {
            return false;
        }
        if (!clock.instant().isBefore(until)) {
            expiry.remove(url, until);
            return false;
        }
        return true;
    }
}
