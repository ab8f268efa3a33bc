package io.github.twssupervisor.contracts;

/** Security types as TWS spells them on the wire (the enum name is the wire text). */
public enum SecType {
    /** Stock or ETF. */
    STK,
    /** Option. */
    OPT,
    /** Future. */
    FUT,
    /** Forex pair. */
    CASH,
    /** Index. */
    IND,
    /** Future option. */
    FOP,
    /** Contract for difference. */
    CFD,
    /** Bond. */
    BOND,
    /** Commodity. */
    CMDTY,
    /** Mutual fund. */
    FUND,
    /** Warrant. */
    WAR,
    /** Crypto currency. */
    CRYPTO,
    /** Combination (combo) of legs. */
    BAG
}
