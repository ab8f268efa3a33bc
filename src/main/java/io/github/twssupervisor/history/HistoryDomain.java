package io.github.twssupervisor.history;

import akka.actor.typed.Behavior;
import io.github.twssupervisor.dispatch.DomainDecoder;
import io.github.twssupervisor.dispatch.RequestEvent;
import io.github.twssupervisor.dispatch.RouteKey;
import io.github.twssupervisor.subscription.Domain;
import io.github.twssupervisor.subscription.Resident;
import io.github.twssupervisor.subscription.SubscriptionPorts;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * History's registration with the client: the historical-data decoder, and the {@link HistoricalPacer} resident (its
 * answers come by request id; it owns no message kind).
 *
 * @param requestTimeout how long TWS may take to answer one request once it is sent
 */
public record HistoryDomain(Duration requestTimeout) implements Domain {

    /**
     * TWS's rules with a margin on each window: TWS measures from when a request reaches it, we from when we hand it
     * to the pacer, and a first request that waited longer on its way than the next would otherwise land inside the
     * window at TWS (seen against the simulator, which enforces the rules as TWS does).
     */
    static final PacingLimits LIMITS = new PacingLimits(PacingLimits.IDENTICAL_REQUEST_WINDOW.plusSeconds(1),
            PacingLimits.SAME_CONTRACT_WINDOW.plusMillis(500), PacingLimits.SAME_CONTRACT_MAX,
            PacingLimits.ROLLING_WINDOW.plusSeconds(5), PacingLimits.ROLLING_MAX, PacingLimits.MAX_OPEN,
            PacingLimits.QUEUE_CAPACITY, PacingLimits.IDENTICAL_REQUEST_WINDOW.plusSeconds(1));

    @Override
    public String name() {
        return "history";
    }

    @Override
    public List<DomainDecoder> decoders() {
        return List.of(new HistoricalDataCodec());
    }

    @Override
    public List<Resident> residents() {
        return List.of(new Resident() {
            @Override
            public String name() {
                return HistoryFacade.RESIDENT;
            }

            @Override
            public Set<RouteKey> routes() {
                return Set.of();
            }

            @Override
            public Behavior<RequestEvent> create(SubscriptionPorts ports) {
                return HistoricalPacer.create(ports, LIMITS, requestTimeout, Clock.systemUTC());
            }
        });
    }
}
