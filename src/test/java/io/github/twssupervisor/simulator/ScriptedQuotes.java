package io.github.twssupervisor.simulator;

/** A market for the order book whose quote a test sets; every instrument and client sees the same. */
final class ScriptedQuotes implements BookQuotes {

    private Quote quote = new Quote(99.99, 100.01, 100.00);
    /** Matching rounds begun. */
    int rounds;

    /**
     * @param bid the bid from now on (and the last)
     * @param ask the ask from now on
     */
    void set(double bid, double ask) {
        quote = new Quote(bid, ask, bid);
    }

    @Override
    public Quote quote(int clientId, Instrument instrument) {
        return quote;
    }

    @Override
    public void advance() {
        rounds++;
    }
}
