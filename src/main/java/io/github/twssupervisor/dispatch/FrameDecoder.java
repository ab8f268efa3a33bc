package io.github.twssupervisor.dispatch;

import akka.Done;
import akka.actor.typed.ActorRef;
import io.github.twssupervisor.connection.ConnectionMetrics;
import io.github.twssupervisor.connection.InboundDecoder;
import io.github.twssupervisor.connection.SessionEvent;
import io.github.twssupervisor.wire.Frames;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The dispatcher's side of a socket's stream: decodes and routes each batch of frames ({@link InboundRouter}) on the
 * stream's thread, and hands the socket's actor what is for the {@link Dispatcher}: one {@link Dispatcher.Decoded} per
 * batch, with each route key's consecutive events grouped into a {@link RequestRun}. Session events go back to the
 * socket, which gives them to its handshake or the supervisor. Decoding and grouping where the frames were cut keeps
 * them off the dispatcher's thread.
 *
 * <p>Immutable, so safe from any thread.
 */
public final class FrameDecoder implements InboundDecoder<List<Dispatcher.Delivery>> {

    private static final Logger LOG = LoggerFactory.getLogger(FrameDecoder.class);
    private static final int DUMPED_BYTES = 256;

    private final InboundRouter router;
    private final ActorRef<Dispatcher.Command> dispatcher;
    private final ConnectionMetrics metrics;

    /**
     * @param router     decodes and routes
     * @param dispatcher gets the events for owners and raw subscribers
     */
    public FrameDecoder(InboundRouter router, ActorRef<Dispatcher.Command> dispatcher) {
        this(router, dispatcher, new ConnectionMetrics());
    }

    /**
     * @param router     decodes and routes
     * @param dispatcher gets the events for owners and raw subscribers
     * @param metrics    counts the frames that do not decode
     */
    public FrameDecoder(InboundRouter router, ActorRef<Dispatcher.Command> dispatcher, ConnectionMetrics metrics) {
        this.router = router;
        this.dispatcher = dispatcher;
        this.metrics = metrics;
    }

    @Override
    public Optional<List<Dispatcher.Delivery>> decode(int serverVersion, List<byte[]> payloads,
                                                      List<SessionEvent> session) {
        boolean debug = LOG.isDebugEnabled();
        List<Dispatcher.Delivery> deliveries = new ArrayList<>();
        RequestRun run = null;
        for (byte[] payload : payloads) {
            if (debug) {
                LOG.debug("<<< {}", Frames.printable(payload, DUMPED_BYTES));
            }
            Routed routed = router.route(serverVersion, payload);
            if (routed instanceof Routed.ToOwner toOwner) {
                if (run == null || !run.key().equals(toOwner.key())) {
                    run = new RequestRun(toOwner.key(), new ArrayList<>(), new ArrayList<>(0));
                    deliveries.add(run);
                }
                run.events().add(toOwner.event());
                if (toOwner.event() instanceof RequestError) {
                    run.rawErrors().add(toOwner.raw());
                }
            } else if (routed instanceof Routed.ToSupervisor toSupervisor) {
                session.add(toSupervisor.event());
            } else if (routed instanceof Routed.ToRaw raw) {
                run = null;
                deliveries.add(raw);
            } else {
                Routed.Failed failed = (Routed.Failed) routed;
                metrics.countDecodeFailure();
                LOG.warn("Cannot decode message {} at server version {}: {}", failed.messageId(), serverVersion,
                        failed.error());
                LOG.debug("Undecodable frame: {}", Frames.hex(payload, DUMPED_BYTES));
            }
        }
        return deliveries.isEmpty() ? Optional.empty() : Optional.of(deliveries);
    }

    @Override
    public void deliver(long epoch, List<Dispatcher.Delivery> decoded, ActorRef<Done> taken) {
        dispatcher.tell(new Dispatcher.Decoded(epoch, decoded, taken));
    }
}
