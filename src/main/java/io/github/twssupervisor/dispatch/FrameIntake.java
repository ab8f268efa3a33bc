package io.github.twssupervisor.dispatch;

import akka.Done;
import akka.actor.Cancellable;
import akka.actor.typed.ActorRef;
import akka.actor.typed.Scheduler;
import akka.dispatch.ExecutionContexts;
import io.github.twssupervisor.connection.ConnectionMetrics;
import io.github.twssupervisor.connection.InboundSink;
import io.github.twssupervisor.connection.SessionInbox;
import io.github.twssupervisor.wire.Frames;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The dispatcher's front door: decodes and routes a socket's frames ({@link InboundRouter}) on the thread that hands
 * them over, which after Ready is the socket's own reading thread. Session events go from there straight to the
 * {@link SessionInbox} (a currentTime answer to its caller, the rest to the supervisor); events for owners and raw
 * subscribers go to the {@link Dispatcher} in one message per batch, which it acknowledges, with each route key's
 * consecutive events grouped into a {@link RequestRun}. Decoding and grouping where the bytes were read keeps them in
 * that core's cache and off the dispatcher's thread, and a currentTime answer reaches its caller two thread hand-offs
 * sooner.
 *
 * <p>Immutable, so safe from any thread. Counts every frame it is given in {@code messagesIn}.
 */
public final class FrameIntake implements InboundSink {

    private static final Logger LOG = LoggerFactory.getLogger(FrameIntake.class);
    private static final int DUMPED_BYTES = 256;

    private final InboundRouter router;
    private final ActorRef<Dispatcher.Command> dispatcher;
    private final SessionInbox session;
    private final ConnectionMetrics metrics;
    private final Scheduler scheduler;

    /**
     * @param router     decodes and routes
     * @param dispatcher gets the events for owners and raw subscribers
     * @param session    gets the session events
     * @param metrics    counts the frames
     * @param scheduler  for the dispatcher's acknowledgement timeout
     */
    public FrameIntake(InboundRouter router, ActorRef<Dispatcher.Command> dispatcher,
                       SessionInbox session, ConnectionMetrics metrics,
                       Scheduler scheduler) {
        this.router = router;
        this.dispatcher = dispatcher;
        this.session = session;
        this.metrics = metrics;
        this.scheduler = scheduler;
    }

    @Override
    public void attached(long epoch, int serverVersion) {
        dispatcher.tell(new Dispatcher.Attached(epoch));
    }

    @Override
    public CompletionStage<Done> accept(long epoch, int serverVersion, List<byte[]> payloads) {
        boolean debug = LOG.isDebugEnabled();
        List<Dispatcher.Delivery> deliveries = new ArrayList<>();
        RequestRun run = null;
        metrics.countIn(payloads.size());
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
                session.received(epoch, toSupervisor.event());
            } else if (routed instanceof Routed.ToRaw raw) {
                run = null;
                deliveries.add(raw);
            } else {
                Routed.Failed failed = (Routed.Failed) routed;
                LOG.warn("Cannot decode message {} at server version {}: {}", failed.messageId(), serverVersion,
                        failed.error());
                LOG.debug("Undecodable frame: {}", Frames.hex(payload, DUMPED_BYTES));
            }
        }
        if (deliveries.isEmpty()) {
            return CompletableFuture.completedFuture(Done.getInstance());
        }
        CompletableFuture<Done> handled = new CompletableFuture<>();
        dispatcher.tell(new Dispatcher.Decoded(epoch, deliveries, handled));
        Cancellable timer = scheduler.scheduleOnce(HANDOFF_TIMEOUT, () -> handled.completeExceptionally(
                new TimeoutException("the dispatcher did not take " + payloads.size() + " frames within "
                        + HANDOFF_TIMEOUT.toSeconds() + " s")), ExecutionContexts.global());
        handled.whenComplete((done, failure) -> timer.cancel());
        return handled;
    }
}
