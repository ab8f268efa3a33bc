package io.github.twssupervisor.simulator;

import java.util.HashMap;
import java.util.Map;

/**
 * The market one client sees: one {@link PriceWalk} per instrument, created on first use and seeded from the
 * simulator's seed, the client id and the conId. Each client gets its own deterministic market, so what a test reads
 * does not depend on what other clients did, and two simulators with the same seed agree tick for tick.
 */
final class SimulatedMarket {

    private final long seed;
    private final int clientId;
    private final Map<Integer, PriceWalk> walks = new HashMap<>();

    /**
     * @param seed     the simulator's seed
     * @param clientId the client's id
     */
    SimulatedMarket(long seed, int clientId) {
        this.seed = seed;
        this.clientId = clientId;
    }

    /**
     * @param instrument an instrument of the universe
     * @return its walk for this client
     */
    PriceWalk walk(Instrument instrument) {
        return walks.computeIfAbsent(instrument.conId(), conId -> new PriceWalk(instrument, mix(conId)));
    }

    /** Spreads the three inputs over the 64 bits, so that neighbouring ids give unrelated walks. */
    private long mix(int conId) {
        return seed * 0x9E3779B97F4A7C15L + clientId * 0xBF58476D1CE4E5B9L + conId * 0x94D049BB133111EBL;
    }
}
