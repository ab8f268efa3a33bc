package io.github.twssupervisor.account;

import io.github.twssupervisor.contracts.Contract;
import io.github.twssupervisor.dispatch.RequestEvent;
import io.github.twssupervisor.subscription.Lifecycle;
import java.math.BigDecimal;

/**
 * What a reqPositions subscriber receives (TWS-WIRE.md §5.8). The messages carry no request id: they are routed by
 * message kind. One {@link Position} per holding of every account, then {@link End}; afterwards a {@link Position} on
 * every change (a fill) until cancelPositions. A position closed to zero is sent with position 0.
 */
public sealed interface PositionEvent extends RequestEvent {

    /**
     * One holding (position, IN 61).
     *
     * @param account     the account holding it
     * @param contract    the contract as TWS reports it: the exchange slot holds the primary exchange for stocks,
     *                    and is empty for futures
     * @param position    the quantity held, negative when short
     * @param averageCost the average cost of the holding, the multiplier included (a future's is price × multiplier)
     */
    record Position(String account, Contract contract, BigDecimal position, double averageCost)
            implements PositionEvent {
    }

    /** The initial holdings were all sent (positionEnd, IN 62). */
    record End() implements PositionEvent {
    }

    /**
     * A lifecycle signal of the subscription (see {@link Lifecycle}).
     *
     * @param lifecycle the signal
     */
    record Status(Lifecycle lifecycle) implements PositionEvent, Lifecycle.Carrier {
    }
}
