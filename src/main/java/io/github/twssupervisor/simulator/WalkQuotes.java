package io.github.twssupervisor.simulator;

import java.util.HashMap;
import java.util.Map;

/**
 * The order book's view of the seeded market: per client, a {@link SimulatedMarket} built from the same seed as the one
 * its sessions stream, so an order trades on the same price path the client's market data shows, from the same first
 * quote. The paths are the same, their clocks are not: the book steps a walk once per matching round in which one of
 * the client's orders reads it, the session once per tick round of a subscription; and the book's walks live for the
 * whole run, while a session's market starts afresh with each connection. Owned by the {@link OrderDesk}.
 */
final class WalkQuotes implements BookQuotes {

    private final long seed;
    private final Map<Integer, SimulatedMarket> markets = new HashMap<>();
    /** The round each walk last stepped in (or was first read in), by client id and conId. */
    private final Map<Long, Long> steppedIn = new HashMap<>();
    private long round;

    /** @param seed the simulator's seed */
    WalkQuotes(long seed) {
        this.seed = seed;
    }

    @Override
    public Quote quote(int clientId, Instrument instrument) {
        PriceWalk walk = markets.computeIfAbsent(clientId, id -> new SimulatedMarket(seed, id)).walk(instrument);
        long key = ((long) clientId << 32) | (instrument.conId() & 0xFFFFFFFFL);
        Long seen = steppedIn.get(key);
        if (seen != null && seen < round) {
            walk.stepFor(round); // once, however many rounds passed unread
        }
        steppedIn.put(key, round);
        return new Quote(instrument.price(walk.bid()), instrument.price(walk.ask()), instrument.price(walk.last()));
    }

    @Override
    public void advance() {
        round++;
    }
}
