package io.github.twssupervisor.config;

import java.time.Duration;

/**
 * Settings of {@code tws.contracts} (see reference.conf for each).
 *
 * @param cacheTtl       how long an answer is served from the cache; 0 disables the cache
 * @param cacheSize      answers kept at most
 * @param requestTimeout how long TWS may take to answer reqContractDetails
 */
public record ContractsSettings(Duration cacheTtl, int cacheSize, Duration requestTimeout) {

    /** Validates; messages name the key. */
    public ContractsSettings {
        Checks.require(!cacheTtl.isNegative(), "tws.contracts.cache-ttl must be >= 0, was " + cacheTtl);
        Checks.require(cacheSize >= 1, "tws.contracts.cache-size must be >= 1, was " + cacheSize);
        Checks.require(!requestTimeout.isNegative() && !requestTimeout.isZero(),
                "tws.contracts.request-timeout must be positive, was " + requestTimeout);
    }

    /**
     * @param ttl another cache TTL
     * @return a copy with it
     */
    public ContractsSettings withCacheTtl(Duration ttl) {
        return new ContractsSettings(ttl, cacheSize, requestTimeout);
    }
}
