package io.github.twssupervisor.connection;

import akka.actor.typed.ActorRef;
import akka.actor.typed.Behavior;

/**
 * Makes the {@link SocketActor} of each connection attempt. The client assembles it with the decoder of its domains, so
 * that the supervisor needs to know none of them.
 */
@FunctionalInterface
public interface SocketFactory {

    /**
     * @param epoch      the attempt's socket number
     * @param clientId   the client id to connect with
     * @param supervisor the supervisor the socket reports to
     * @return the socket's behaviour
     */
    Behavior<SocketActor.Command> socket(long epoch, int clientId, ActorRef<ConnectionSupervisor.Command> supervisor);
}
