package io.github.twssupervisor.simulator;

/**
 * Where the {@link SimulatedOrderBook} reads the quote an order matches against. The simulator's is {@link WalkQuotes}
 * (the seeded market); tests script their own.
 */
interface BookQuotes {

    /**
     * A quote as prices.
     *
     * @param bid  the best bid
     * @param ask  the best ask
     * @param last the last trade
     */
    record Quote(double bid, double ask, double last) {
    }

    /**
     * @param clientId   the client whose market it is
     * @param instrument the instrument
     * @return its quote now
     */
    Quote quote(int clientId, Instrument instrument);

    /** A matching round begins: every quote may move once before it is read again. */
    void advance();
}
