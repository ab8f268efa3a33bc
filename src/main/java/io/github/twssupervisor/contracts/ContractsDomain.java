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
import java.util.function.Function;

/**
 * Contracts' registration with the client: the contract-details and symbol-samples decoders, the {@link ContractCache}
 * resident and the {@link SymbolSearch} resident (they own no message kind: their answers come by request id).
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
        return List.of(new ContractDetailsCodec(), new SymbolSamplesCodec());
    }

    @Override
    public List<Resident> residents() {
        return List.of(resident(ContractsFacade.RESIDENT, ports -> ContractCache.create(settings, ports)),
                resident(ContractsFacade.SYMBOL_SEARCH, ports -> SymbolSearch.create(ports,
                        settings.requestTimeout(), SymbolSearch.INTERVAL)));
    }

    private static Resident resident(String name, Function<SubscriptionPorts, Behavior<RequestEvent>> behavior) {
        return new Resident() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public Set<RouteKey> routes() {
                return Set.of();
            }

            @Override
            public Behavior<RequestEvent> create(SubscriptionPorts ports) {
                return behavior.apply(ports);
            }
        };
    }
}
