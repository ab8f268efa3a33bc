package io.github.twssupervisor.config;

import java.nio.file.Path;
import java.time.Duration;

/**
 * Settings of {@code tws.orders} (see reference.conf for each).
 *
 * @param stateDir         where the order-id high-water mark of each client id is kept
 * @param idBlock          order ids reserved per write of the state file
 * @param reconcileTimeout how long each reconciliation step may take
 * @param commissionGrace  how long a filled order waits for its commissions
 * @param maxFinished      finished orders remembered
 */
public record OrdersSettings(Path stateDir, int idBlock, Duration reconcileTimeout, Duration commissionGrace,
                             int maxFinished) {

    /** Validates; messages name the key. */
    public OrdersSettings {
        Checks.require(stateDir != null, "tws.orders.state-dir is required");
        Checks.require(idBlock >= 1 && idBlock <= 1_000_000, "tws.orders.id-block must be 1..1000000, was " + idBlock);
        Checks.require(!reconcileTimeout.isNegative() && !reconcileTimeout.isZero(),
                "tws.orders.reconcile-timeout must be positive, was " + reconcileTimeout);
        Checks.require(!commissionGrace.isNegative(), "tws.orders.commission-grace must be >= 0, was " + commissionGrace);
        Checks.require(maxFinished >= 1, "tws.orders.max-finished must be >= 1, was " + maxFinished);
    }

    /**
     * @param dir another state directory
     * @return a copy using it
     */
    public OrdersSettings withStateDir(Path dir) {
        return new OrdersSettings(dir, idBlock, reconcileTimeout, commissionGrace, maxFinished);
    }

    /**
     * @param timeout another reconciliation step timeout
     * @return a copy using it
     */
    public OrdersSettings withReconcileTimeout(Duration timeout) {
        return new OrdersSettings(stateDir, idBlock, timeout, commissionGrace, maxFinished);
    }
}
