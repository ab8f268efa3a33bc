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
import io.github.twssupervisor.subscription.EventBatch;
import io.github.twssupervisor.subscription.OneShotRequest;
import io.github.twssupervisor.subscription.OneShotSpec;
import io.github.twssupervisor.subscription.SubscriptionPorts;
import io.github.twssupervisor.subscription.TwsRequestException;
import io.github.twssupervisor.wire.TwsErrorCode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Every historical request of one client through TWS's historical pacing ({@link HistoricalPacing}): bars and head
 * timestamps (each a {@link OneShotRequest} once admitted) and the requests of keepUpToDate series (each series a
 * {@link BarFollower} child, whose live request holds an open slot for as long as it runs). A request that may not go
 * yet waits in the pacing queue; a caller that gave a listener hears its place ({@link HistoricalProgress}). An error
 * 162 from TWS anyway is retried once after {@link PacingLimits#retryAfter162()}, then failed with TWS's text. A
 * resident of the client.
 *
 * <p>reqHeadTimestamp is paced like reqHistoricalData: IB counts it among the ongoing historical requests
 * (TWS-WIRE.md §7); it takes an open slot until answered and counts in the windows, under its own identity key and
 * the contract key of the bars for the same data.
 */
public final class HistoricalPacer extends AbstractBehavior<RequestEvent> {

    /** What the history facade sends. */
    public sealed interface Command extends RequestEvent permits Fetch, FetchHead, Follow {
    }

    /**
     * @param request  the bars wanted
     * @param replyTo  the bars in time order, or why not
     * @param progress hears the request's place in the pacing queue ({@code ignoreRef} for nobody)
     */
    public record Fetch(HistoricalRequest request, ActorRef<StatusReply<List<Bar>>> replyTo,
                        ActorRef<HistoricalProgress> progress) implements Command {
    }

    /**
     * @param request the head timestamp wanted
     * @param replyTo the earliest data point, or why not
     */
    public record FetchHead(HeadTimestampRequest request, ActorRef<StatusReply<Instant>> replyTo) implements Command {
    }

    /**
     * @param request    a keepUpToDate request
     * @param subscriber the stream's source, which gets the series' events
     */
    public record Follow(HistoricalRequest request, ActorRef<EventBatch<HistoricalDataEvent>> subscriber)
            implements Command {
    }

    /** A follower asks to send a request. */
    record Admit(HistoricalRequest request, ActorRef<BarFollower.Command> follower) implements RequestEvent {
    }

    /** A follower's live request is over (connection lost, cancelled, ended): its slot is free. */
    record Release(long pacingId) implements RequestEvent {
    }

    /** TWS refused a follower's request with 162. */
    record Refused162(long pacingId, String message) implements RequestEvent {
    }

    private record Fetched(long id, StatusReply<List<Object>> reply) implements RequestEvent {
    }

    private record FollowerStopped(ActorRef<RequestEvent> follower) implements RequestEvent {
    }

    private enum Tick implements RequestEvent {
        INSTANCE
    }

    /** What goes once admitted. */
    private sealed interface Job {
    }

    private record BarsJob(HistoricalRequest request, ActorRef<StatusReply<List<Bar>>> replyTo) implements Job {
    }

    private record HeadJob(HeadTimestampRequest request, ActorRef<StatusReply<Instant>> replyTo) implements Job {
    }

    private record FollowJob(ActorRef<BarFollower.Command> follower) implements Job {
    }

    private record Pending(String describe, PacedRequest paced, Job job, ActorRef<HistoricalProgress> progress,
                           int attempt, PacingAdmission.Queued place) {

        Pending at(PacingAdmission.Queued newPlace) {
            return new Pending(describe, paced, job, progress, attempt, newPlace);
        }

        Pending retry() {
            return new Pending(describe, paced, job, progress, attempt + 1, null);
        }

        boolean listened(ActorRef<?> nobody) {
            return !progress.equals(nobody);
        }
    }

    private final SubscriptionPorts ports;
    private final TimerScheduler<RequestEvent> timers;
    private final Clock clock;
    private final Duration timeout;
    private final HistoricalPacing pacing;
    private final ActorRef<HistoricalProgress> nobody;
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
        this.nobody = context.getSystem().ignoreRef();
    }

    /**
     * @param ports   the client's actors
     * @param limits  the pacing rules (TWS's with a margin, from {@code tws.history.pacing})
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
                .onMessage(Fetch.class, m -> submit(m.request().describe(), m.request().identityKey(),
                        m.request().contractKey(), m.request().isBidAsk(), new BarsJob(m.request(), m.replyTo()),
                        m.progress()))
                .onMessage(FetchHead.class, m -> submit(m.request().describe(), m.request().identityKey(),
                        m.request().contractKey(), false, new HeadJob(m.request(), m.replyTo()), nobody))
                .onMessage(Follow.class, this::onFollow)
                .onMessage(Admit.class, m -> submit(m.request().describe(), m.request().identityKey(),
                        m.request().contractKey(), m.request().isBidAsk(), new FollowJob(m.follower()), nobody))
                .onMessage(Release.class, m -> onDone(m.pacingId()))
                .onMessage(Refused162.class, this::onRefused162)
                .onMessage(Fetched.class, this::onFetched)
                .onMessage(FollowerStopped.class, this::onFollowerStopped)
                .onMessage(Tick.class, m -> drain())
                .build();
    }

    private Behavior<RequestEvent> onFollow(Follow m) {
        ActorRef<RequestEvent> follower = getContext().spawnAnonymous(BarFollower.create(m.request(), m.subscriber(),
                ports, getContext().getSelf(), clock));
        getContext().watchWith(follower, new FollowerStopped(follower));
        return this;
    }

    private Behavior<RequestEvent> submit(String describe, String identity, String contract, boolean bidAsk, Job job,
                                          ActorRef<HistoricalProgress> progress) {
        long id = nextId++;
        PacedRequest paced = new PacedRequest(identity, contract, bidAsk, id);
        boolean listened = !progress.equals(nobody);
        PacingAdmission admission = pacing.submit(paced, clock.instant(), listened);
        if (admission instanceof PacingAdmission.Refused refused) {
            fail(job, new IllegalStateException("historical request refused: " + refused.reason()));
            return this;
        }
        pending.put(id, new Pending(describe, paced, job, progress, 1, null));
        if (admission instanceof PacingAdmission.Send) {
            start(id);
        } else {
            getContext().getLog().debug("Historical request {} waits for TWS's pacing: {}", describe, admission);
            scheduleNext(); // before anyone hears of it: a listener that moves time on finds the timer set
            if (listened) {
                place(id, (PacingAdmission.Queued) admission);
            }
        }
        return this;
    }

    private void start(long id) {
        Pending p = pending.get(id);
        pending.put(id, p.at(null));
        p.progress().tell(new HistoricalProgress.Sent(p.attempt()));
        if (p.job() instanceof FollowJob follow) {
            follow.follower().tell(new BarFollower.Admitted(id));
        } else if (p.job() instanceof BarsJob bars) {
            ask(id, new HistoricalBarsSpec(bars.request()));
        } else {
            ask(id, new HeadTimestampSpec(((HeadJob) p.job()).request()));
        }
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private <R> void ask(long id, OneShotSpec<R> spec) {
        ActorRef<RequestEvent> self = getContext().getSelf();
        ActorRef<StatusReply<List<R>>> relay = getContext().spawnAnonymous(
                Behaviors.<StatusReply<List<R>>>receiveMessage(reply -> {
                    self.tell(new Fetched(id, (StatusReply) reply));
                    return Behaviors.stopped();
                }));
        getContext().spawnAnonymous(OneShotRequest.create(spec, ports, timeout, relay));
    }

    private Behavior<RequestEvent> onFetched(Fetched m) {
        Pending p = pending.get(m.id());
        if (p == null) {
            return this;
        }
        StatusReply<List<Object>> reply = m.reply();
        if (reply.isError() && reply.getError() instanceof TwsRequestException tws
                && tws.code() == TwsErrorCode.HISTORICAL_DATA_SERVICE && retry(m.id(), p, tws.twsMessage())) {
            return this;
        }
        pending.remove(m.id());
        pacing.answered(p.paced());
        if (reply.isError()) {
            fail(p.job(), reply.getError());
        } else if (p.job() instanceof BarsJob bars) {
            bars.replyTo().tell(StatusReply.success(reply.getValue().stream()
                    .flatMap(b -> ((HistoricalDataEvent.Bars) b).bars().stream()).toList()));
        } else {
            ((HeadJob) p.job()).replyTo().tell(StatusReply.success((Instant) reply.getValue().get(0)));
        }
        return drain();
    }

    private Behavior<RequestEvent> onRefused162(Refused162 m) {
        Pending p = pending.get(m.pacingId());
        if (p != null && !retry(m.pacingId(), p, m.message())) {
            pending.remove(m.pacingId());
            pacing.answered(p.paced());
            ((FollowJob) p.job()).follower().tell(new BarFollower.PacingFailed(m.message()));
            return drain();
        }
        return this;
    }

    /** @return whether the request goes once more after the window (its first 162) */
    private boolean retry(long id, Pending p, String message) {
        if (!pacing.failedWith162(p.paced(), clock.instant())) {
            return false;
        }
        getContext().getLog().info("TWS refused {} for pacing (162: {}); retrying once after the window", p.describe(),
                message);
        pending.put(id, p.retry());
        scheduleNext();
        p.progress().tell(new HistoricalProgress.Retrying(TwsErrorCode.HISTORICAL_DATA_SERVICE, message));
        return true;
    }

    private Behavior<RequestEvent> onDone(long id) {
        Pending p = pending.remove(id);
        if (p != null) {
            pacing.cancel(p.paced());
        }
        return drain();
    }

    private Behavior<RequestEvent> onFollowerStopped(FollowerStopped m) {
        List<Long> its = pending.entrySet().stream().filter(e -> e.getValue().job() instanceof FollowJob f
                && f.follower().equals(m.follower())).map(Map.Entry::getKey).toList();
        its.forEach(id -> pacing.cancel(pending.remove(id).paced()));
        return drain();
    }

    private void fail(Job job, Throwable error) {
        if (job instanceof BarsJob bars) {
            bars.replyTo().tell(StatusReply.error(error));
        } else if (job instanceof HeadJob head) {
            head.replyTo().tell(StatusReply.error(error));
        } else {
            ((FollowJob) job).follower().tell(new BarFollower.PacingFailed(error.getMessage()));
        }
    }

    private Behavior<RequestEvent> drain() {
        List<PacedRequest> due = pacing.due(clock.instant());
        scheduleNext(); // before anyone hears of it: a listener that moves time on finds the timer set
        due.forEach(r -> start(r.requestId()));
        if (pacing.footprint().queued() > 0 && pending.values().stream().anyMatch(p -> p.listened(nobody))) {
            pacing.forecast(clock.instant()).forEach(this::place);
        }
        return this;
    }

    /** Tells a listener its place, when it changed. */
    private void place(long id, PacingAdmission.Queued place) {
        Pending p = pending.get(id);
        if (p != null && !place.equals(p.place())) {
            pending.put(id, p.at(place));
            p.progress().tell(new HistoricalProgress.Queued(place.position(), place.eta()));
        }
    }

    private void scheduleNext() {
        pacing.nextDue(clock.instant()).ifPresentOrElse(at -> timers.startSingleTimer(Tick.INSTANCE,
                Duration.between(clock.instant(), at).plusMillis(1)), () -> timers.cancel(Tick.INSTANCE));
    }
}
