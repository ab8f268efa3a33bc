package io.github.twssupervisor.history;

import akka.actor.typed.Behavior;
import io.github.twssupervisor.dispatch.DomainDecoder;
import io.github.twssupervisor.dispatch.RequestEvent;
import io.github.twssupervisor.dispatch.RouteKey;
import io.github.twssupervisor.subscription.Domain;
import io.github.twssupervisor.subscription.Resident;
import io.github.twssupervisor.subscription.SubscriptionPorts;
import io.github.twssupervisor.config.HistorySettings;
import java.time.Clock;
import java.util.List;
import java.util.Set;

/**
 * History's registration with the client: the historical-data decoders, and the {@link HistoricalPacer} resident (its
 * answers come by request id; it owns no message kind).
 *
 * <p>The pacer keeps to {@code tws.history.pacing}: TWS's rules with a margin on each window (reference.conf), since
 * TWS measures from when a request reaches it, we from when we hand it to the pacer, and a first request that waited
 * longer on its way than the next would otherwise land inside the window at TWS (seen against the simulator, which
 * enforces the rules as TWS does).
 *
 * @param settings {@code tws.history}
 */
public record HistoryDomain(HistorySettings settings) implements Domain {

    @Override
    public String name() {
        return "history";
    }

    @Override
    public List<DomainDecoder> decoders() {
        return List.of(new HistoricalDataCodec(), new HeadTimestampCodec());
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
                return HistoricalPacer.create(ports, PacingLimits.of(settings), settings.requestTimeout(),
                        Clock.systemUTC());
            }
        });
    }
}
