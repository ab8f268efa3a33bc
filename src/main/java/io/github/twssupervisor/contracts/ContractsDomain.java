package io.github.twssupervisor.contracts;

import akka.actor.typed.Behavior;
import io.github.twssupervisor.config.ContractsSettings;
import io.github.twssupervisor.dispatch.DomainDecoder;
import io.github.twssupervisor.dispatch.RequestEvent;
import io.github.twssupervisor.dispatch.RouteKey;
import io.github.twssupervisor.subscription.Domain;
import io.github.twssupervisor.subscription.Resident;
import io.github.twssupervisor.subscription.SubscriptionPorts;
import java.util.List;
import java.util.Set;

/**
 * Contracts' registration with the client: the contract-details decoder, and the {@link ContractCache} resident (it
 * owns no message kind: its answers come by request id).
 *
 * @param settings the cache and request settings
 */
public record ContractsDomain(ContractsSettings settings) implements Domain {

    @Override
    public String name() {
        return "contracts";
    }

    @Override
    public List<DomainDecoder> decoders() {
        return List.of(new ContractDetailsCodec());
    }

    @Override
    public List<Resident> residents() {
        return List.of(new Resident() {
            @Override
            public String name() {
                return ContractsFacade.RESIDENT;
            }

            @Override
            public Set<RouteKey> routes() {
                return Set.of();
            }

            @Override
            public Behavior<RequestEvent> create(SubscriptionPorts ports) {
                return ContractCache.create(settings, ports);
            }
        });
    }
}
