package io.github.twssupervisor.history;

import akka.actor.typed.ActorRef;
import akka.actor.typed.Behavior;
import akka.actor.typed.javadsl.AbstractBehavior;
import akka.actor.typed.javadsl.ActorContext;
import akka.actor.typed.javadsl.Behaviors;
import akka.actor.typed.javadsl.Receive;
import akka.actor.typed.javadsl.TimerScheduler;
import akka.pattern.StatusReply;
import io.github.twssupervisor.dispatch.RequestEvent;
import io.github.twssupervisor.subscription.OneShotRequest;
import io.github.twssupervisor.subscription.SubscriptionPorts;
import io.github.twssupervisor.subscription.TwsRequestException;
import io.github.twssupervisor.wire.TwsErrorCode;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Historical bars through TWS's pacing: every request is admitted by {@link HistoricalPacing} before it goes (as a
 * {@link OneShotRequest}), waits in its queue when a rule says so, and is answered when its bars are in. An error 162
 * from TWS anyway is retried once after the rules' window, then failed with TWS's text. A resident of the client.
 */
public final class HistoricalPacer extends AbstractBehavior<RequestEvent> {

    /** What the history facade sends. */
    public sealed interface Command extends RequestEvent permits Fetch {
    }

    /**
     * @param request the bars wanted
     * @param replyTo the bars in time order, or why not
     */
    public record Fetch(HistoricalRequest request, ActorRef<StatusReply<List<Bar>>> replyTo) implements Command {
    }

    private record Fetched(long id, StatusReply<List<HistoricalDataEvent.Bars>> reply) implements RequestEvent {
    }

    private enum Tick implements RequestEvent {
        INSTANCE
    }

    private record Pending(HistoricalRequest request, PacedRequest paced, ActorRef<StatusReply<List<Bar>>> replyTo) {
    }

    private final SubscriptionPorts ports;
    private final TimerScheduler<RequestEvent> timers;
    private final Clock clock;
    private final Duration timeout;
    private final HistoricalPacing pacing;
    private final Map<Long, Pending> pending = new HashMap<>();
    private long nextId;

    private HistoricalPacer(ActorContext<RequestEvent> context, TimerScheduler<RequestEvent> timers,
                            SubscriptionPorts ports, PacingLimits limits, Duration timeout, Clock clock) {
        super(context);
        this.ports = ports;
        this.timers = timers;
        this.clock = clock;
        this.timeout = timeout;
        this.pacing = new HistoricalPacing(limits);
    }

    /**
     * @param ports   the client's actors
     * @param limits  the pacing rules (TWS's by default)
     * @param timeout how long TWS may take to answer one request once it is sent
     * @param clock   the time the rules are measured in
     * @return the behaviour
     */
    public static Behavior<RequestEvent> create(SubscriptionPorts ports, PacingLimits limits, Duration timeout,
                                                Clock clock) {
        return Behaviors.setup(ctx -> Behaviors.withTimers(timers -> new HistoricalPacer(ctx, timers, ports, limits,
                timeout, clock)));
    }

    @Override
    public Receive<RequestEvent> createReceive() {
        return newReceiveBuilder()
                .onMessage(Fetch.class, this::onFetch)
                .onMessage(Fetched.class, this::onFetched)
                .onMessage(Tick.class, m -> drain())
                .build();
    }

    private Behavior<RequestEvent> onFetch(Fetch m) {
        long id = nextId++;
        HistoricalRequest r = m.request();
        PacedRequest paced = new PacedRequest(r.identityKey(), r.contractKey(), r.isBidAsk(), id);
        PacingAdmission admission = pacing.submit(paced, clock.instant());
        if (admission instanceof PacingAdmission.Refused refused) {
            m.replyTo().tell(StatusReply.error("historical request refused: " + refused.reason()));
            return this;
        }
        pending.put(id, new Pending(r, paced, m.replyTo()));
        if (admission instanceof PacingAdmission.Send) {
            start(id);
        } else {
            PacingAdmission.Queued queued = (PacingAdmission.Queued) admission;
            getContext().getLog().debug("Historical request {} waits for TWS's pacing: position {}, expected at {}",
                    r.describe(), queued.position(), queued.eta());
            scheduleNext();
        }
        return this;
    }

    private void start(long id) {
        Pending p = pending.get(id);
        ActorRef<RequestEvent> self = getContext().getSelf();
        ActorRef<StatusReply<List<HistoricalDataEvent.Bars>>> relay = getContext().spawnAnonymous(
                Behaviors.<StatusReply<List<HistoricalDataEvent.Bars>>>receiveMessage(reply -> {
                    self.tell(new Fetched(id, reply));
                    return Behaviors.stopped();
                }));
        getContext().spawnAnonymous(OneShotRequest.create(new HistoricalBarsSpec(p.request()), ports, timeout,
                relay));
    }

    private Behavior<RequestEvent> onFetched(Fetched m) {
        Pending p = pending.get(m.id());
        if (p == null) {
            return this;
        }
        StatusReply<List<HistoricalDataEvent.Bars>> reply = m.reply();
        if (reply.isError() && reply.getError() instanceof TwsRequestException tws
                && tws.code() == TwsErrorCode.HISTORICAL_DATA_SERVICE && pacing.failedWith162(p.paced(),
                clock.instant())) {
            getContext().getLog().info("TWS refused {} for pacing (162: {}); retrying once after the window",
                    p.request().describe(), tws.twsMessage());
            scheduleNext();
            return this;
        }
        pending.remove(m.id());
        pacing.answered(p.paced());
        p.replyTo().tell(reply.isError() ? StatusReply.error(reply.getError()) : StatusReply.success(
                reply.getValue().stream().flatMap(b -> b.bars().stream()).toList()));
        return drain();
    }

    private Behavior<RequestEvent> drain() {
        for (PacedRequest due : pacing.due(clock.instant())) {
            start(due.requestId());
        }
        scheduleNext();
        return this;
    }

    private void scheduleNext() {
        pacing.nextDue(clock.instant()).ifPresentOrElse(at -> timers.startSingleTimer(Tick.INSTANCE,
                Duration.between(clock.instant(), at).plusMillis(1)), () -> timers.cancel(Tick.INSTANCE));
    }
}
