package io.github.twssupervisor.orders;

/** How long an order stays working, as TWS spells it. */
public enum TimeInForce {
    /** Until the end of the trading day. */
    DAY,
    /** Good till cancelled. */
    GTC,
    /** Immediate or cancel. */
    IOC,
    /** Good till date: needs {@link Order#goodTillDate()}. */
    GTD,
    /** At the opening auction. */
    OPG
}
