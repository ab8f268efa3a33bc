package io.github.twssupervisor.client;

import akka.actor.typed.ActorRef;
import akka.actor.typed.ActorSystem;
import akka.actor.typed.DispatcherSelector;
import akka.actor.typed.javadsl.Behaviors;
import akka.stream.ActorAttributes;
import akka.stream.javadsl.Sink;
import akka.stream.javadsl.Source;
import com.typesafe.config.Config;
import io.github.twssupervisor.config.TwsSettings;
import java.nio.file.Path;

/**
 * A test-only program for {@link FatalErrorIT}: a client as the runnable starts it (its configuration, its actor system,
 * {@code tws.client-dispatcher}), then an {@link OutOfMemoryError} thrown on the client's dispatcher, in an actor
 * ({@code actor}) or in a stream stage ({@code stream}). The JVM is expected to exit non-zero by itself: were it to get
 * past the error, {@code main} would return and the JVM exit 0.
 *
 * <pre>
 * FatalErrorMain actor|stream PORT     PORT: where the client connects (nothing need listen)
 * stdout: "client started", then "throwing in an actor" or "throwing in a stream"
 * </pre>
 */
public final class FatalErrorMain {

    /** Printed once the client runs. */
    static final String STARTED = "client started";
    /** Printed just before the error is thrown. */
    static final String THROWING = "throwing in ";

    private FatalErrorMain() {
    }

    /**
     * @param args {@code actor} or {@code stream}, and the port to connect to
     */
    public static void main(String[] args) {
        Config config = TwsSettings.loadConfig(Path.of("conf", "application.conf"));
        TwsSettings settings = TwsSettings.from(config);
        ActorSystem<Void> system = ActorSystem.create(Behaviors.empty(), "fatal-error", config);
        TwsClient client = TwsClient.create(system, settings.withConnection(settings.connection()
                .withTarget("127.0.0.1", Integer.parseInt(args[1]), 1)));
        System.out.println(STARTED + " " + client.state());
        String where = args[0];
        System.out.println(THROWING + where);
        System.out.flush();
        if (where.equals("actor")) {
            ActorRef<String> bomb = system.systemActorOf(Behaviors.<String>receiveMessage(m -> {
                throw new OutOfMemoryError("test: " + m);
            }), "bomb", DispatcherSelector.fromConfig(TwsClient.CLIENT_DISPATCHER));
            bomb.tell("fatal error in an actor on " + TwsClient.CLIENT_DISPATCHER);
        } else {
            Source.single("fatal error in a stream stage on " + TwsClient.CLIENT_DISPATCHER)
                    .map(m -> {
                        throw new OutOfMemoryError("test: " + m);
                    })
                    .withAttributes(ActorAttributes.dispatcher(TwsClient.CLIENT_DISPATCHER))
                    .runWith(Sink.ignore(), system);
        }
        // Past the error, the system would run on until terminated: a JVM that keeps running fails the test too.
        system.getWhenTerminated().toCompletableFuture().join();
    }
}
