package io.github.twssupervisor.subscription;

import io.github.twssupervisor.dispatch.DomainDecoder;
import java.util.List;

/**
 * The client side of a domain's registration: what the client assembles from its list of domains when it starts. A
 * domain's requests come through its facade (over a {@link DomainContext}) as {@link SubscriptionSpec}s and
 * {@link OneShotSpec}s, so the client names no domain's codec, spec or actor.
 */
public interface Domain {

    /** @return the domain's name, for log lines ({@code market data}) */
    String name();

    /**
     * @return the decoders of the domain's inbound messages; each names the route key of its events (request id,
     *     order id or message kind). A message id may have only one decoder across all domains
     */
    List<DomainDecoder> decoders();

    /** @return the domain's actors that live as long as the client; none by default */
    default List<Resident> residents() {
        return List.of();
    }
}
