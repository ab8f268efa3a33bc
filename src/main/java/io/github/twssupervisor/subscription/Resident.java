package io.github.twssupervisor.subscription;

import akka.actor.typed.Behavior;
import akka.actor.typed.DispatcherSelector;
import akka.actor.typed.Props;
import io.github.twssupervisor.dispatch.RequestEvent;
import io.github.twssupervisor.dispatch.RouteKey;
import java.util.Set;

/**
 * A domain's actor that lives as long as its client, for messages no request owns: the order book (openOrder,
 * orderStatus and executions of every order of the client id), later positions and account values. The client spawns
 * it once, routes the message kinds it names to it for good, and forwards its facade's messages to it by name
 * ({@link DomainContext#tell}).
 */
public interface Resident {

    /** @return its name, unique among the client's residents; also its actor's name */
    String name();

    /** @return the route keys it owns for as long as the client lives (usually message kinds) */
    Set<RouteKey> routes();

    /** @return where it runs; with its client's actors by default */
    default Props props() {
        return DispatcherSelector.sameAsParent();
    }

    /**
     * @param ports the client's actors
     * @return its behaviour; supervised by the client with {@code resume}
     */
    Behavior<RequestEvent> create(SubscriptionPorts ports);
}
