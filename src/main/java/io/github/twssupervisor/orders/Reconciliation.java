package io.github.twssupervisor.orders;

/** What reconciliation with TWS found an order to be, after a connection was lost or TWS lost its link to IB. */
public enum Reconciliation {
    /** TWS lists it as open. */
    WORKING,
    /** It filled (the fills of the outage are delivered before this). */
    FILLED,
    /** It was cancelled. */
    CANCELLED,
    /** TWS holds it as inactive (rejected or waiting). */
    INACTIVE,
    /**
     * TWS lists it nowhere. Kept as a warning, not a failure: TWS may still transmit an order it accepted during an
     * outage, and the order returns to {@link #WORKING} if TWS ever reports it.
     */
    NOT_FOUND_AT_TWS
}
