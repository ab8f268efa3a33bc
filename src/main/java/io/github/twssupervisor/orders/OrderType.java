package io.github.twssupervisor.orders;

import java.util.Arrays;
import java.util.Optional;

/** The order types this library places, with the name TWS uses for each on the wire. */
public enum OrderType {
    /** Market. */
    MKT("MKT"),
    /** Limit: needs a limit price. */
    LMT("LMT"),
    /** Stop: needs a stop price (auxPrice). */
    STP("STP"),
    /** Stop limit: needs a stop price (auxPrice) and a limit price. */
    STP_LMT("STP LMT"),
    /** Trailing stop: needs a trailing amount (auxPrice) or a trailing percent, not both. */
    TRAIL("TRAIL"),
    /** Market on close. */
    MOC("MOC"),
    /** Limit on close: needs a limit price. */
    LOC("LOC");

    private final String wireName;

    OrderType(String wireName) {
        this.wireName = wireName;
    }

    /** @return the name on the wire ({@code STP LMT}) */
    public String wireName() {
        return wireName;
    }

    /**
     * @param wireName a name as TWS sends it in openOrder
     * @return the type, or empty for a type this library does not place (it is still reported, as text)
     */
    public static Optional<OrderType> fromWire(String wireName) {
        return Arrays.stream(values()).filter(t -> t.wireName.equals(wireName)).findFirst();
    }
}
