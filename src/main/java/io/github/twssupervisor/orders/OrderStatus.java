package io.github.twssupervisor.orders;

import java.util.Arrays;
import java.util.Optional;

/** TWS's order statuses (orderStatus, openOrder), TWS-WIRE.md §5.12. */
public enum OrderStatus {
    /** Accepted by the API, not yet by TWS. */
    API_PENDING("ApiPending"),
    /** Sent to TWS, not yet acknowledged by the order destination. */
    PENDING_SUBMIT("PendingSubmit"),
    /** Cancel sent, not yet confirmed. */
    PENDING_CANCEL("PendingCancel"),
    /** Held by TWS (simulated order type, or waiting for its trigger or parent). */
    PRE_SUBMITTED("PreSubmitted"),
    /** Working at the order destination. */
    SUBMITTED("Submitted"),
    /** Cancelled through the API before TWS accepted it. */
    API_CANCELLED("ApiCancelled"),
    /** Cancelled. Terminal. */
    CANCELLED("Cancelled"),
    /** Completely filled. Terminal. */
    FILLED("Filled"),
    /** Received but not working (rejected, or waiting); TWS sends an error with the reason. Terminal. */
    INACTIVE("Inactive"),
    /** Cancelled at TWS before it reached the destination. */
    PRE_CANCELLED("PreCancelled"),
    /** Working with a warning. */
    WARN_STATE("WarnState"),
    /** A status this library does not know; reported as is. */
    OTHER("");

    private final String wireName;

    OrderStatus(String wireName) {
        this.wireName = wireName;
    }

    /** @return TWS's spelling */
    public String wireName() {
        return wireName;
    }

    /** @return true if the order can change no more: filled, cancelled or inactive */
    public boolean isTerminal() {
        return this == FILLED || this == CANCELLED || this == API_CANCELLED || this == INACTIVE;
    }

    /**
     * @param wireName TWS's spelling
     * @return the status, or {@link #OTHER}
     */
    public static OrderStatus fromWire(String wireName) {
        return find(wireName).orElse(OTHER);
    }

    private static Optional<OrderStatus> find(String wireName) {
        return Arrays.stream(values()).filter(s -> s != OTHER && s.wireName.equals(wireName)).findFirst();
    }
}
