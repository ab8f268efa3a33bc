package io.github.twssupervisor.contracts;

import akka.actor.typed.ActorRef;
import akka.actor.typed.Behavior;
import akka.actor.typed.javadsl.ActorContext;
import akka.actor.typed.javadsl.Behaviors;
import akka.actor.typed.javadsl.TimerScheduler;
import akka.pattern.StatusReply;
import io.github.twssupervisor.dispatch.RequestEvent;
import io.github.twssupervisor.subscription.OneShotRequest;
import io.github.twssupervisor.subscription.SubscriptionPorts;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/**
 * Symbol searches of one client, within IB's pacing of reqMatchingSymbols: "there must be an interval of at least 1
 * second between successive calls" (TWS API documentation, Stock Contract Search), and TWS answers one at a time. A
 * resident of the client; each search is a {@link OneShotRequest} (timeout, lost connection, TWS errors).
 *
 * <pre>
 * idle    --Search-->           asking   (reqMatchingSymbols goes out)
 * asking  --answer or failure-> resting  (for {@link #INTERVAL}, counted from the answer: so at least that long
 *                                         between two requests on the wire, whatever the pacer's queue did)
 * resting --Rested-->           asking the next waiting search, or idle
 * </pre>
 *
 * Searches that arrive while one is asked or resting wait, in order, up to {@link #MAX_WAITING}; beyond that a search
 * is refused at once.
 */
public final class SymbolSearch {

    /** IB's minimum interval between two reqMatchingSymbols. */
    public static final Duration INTERVAL = Duration.ofSeconds(1);
    /** Searches that may wait their turn; one more is refused. */
    public static final int MAX_WAITING = 16;

    /** What the contracts facade sends. */
    public sealed interface Command extends RequestEvent permits Search {
    }

    /**
     * @param pattern a validated pattern ({@link ContractsFacade#search})
     * @param replyTo the matches, possibly none, or why not
     */
    public record Search(String pattern, ActorRef<StatusReply<List<ContractDescription>>> replyTo)
            implements Command {
    }

    private record Answered(Search search, StatusReply<List<SymbolSamplesEvent>> reply) implements RequestEvent {
    }

    private enum Rested implements RequestEvent {
        INSTANCE
    }

    private final ActorContext<RequestEvent> context;
    private final TimerScheduler<RequestEvent> timers;
    private final SubscriptionPorts ports;
    private final Duration requestTimeout;
    private final Duration interval;
    private final Deque<Search> waiting = new ArrayDeque<>();

    private SymbolSearch(ActorContext<RequestEvent> context, TimerScheduler<RequestEvent> timers,
                         SubscriptionPorts ports, Duration requestTimeout, Duration interval) {
        this.context = context;
        this.timers = timers;
        this.ports = ports;
        this.requestTimeout = requestTimeout;
        this.interval = interval;
    }

    /**
     * @param ports          the client's actors
     * @param requestTimeout how long TWS may take to answer one search
     * @param interval       the least time from one answer to the next request ({@link #INTERVAL})
     * @return the behaviour, idle
     */
    public static Behavior<RequestEvent> create(SubscriptionPorts ports, Duration requestTimeout, Duration interval) {
        return Behaviors.setup(ctx -> Behaviors.withTimers(timers -> new SymbolSearch(ctx, timers, ports,
                requestTimeout, interval).idle()));
    }

    private Behavior<RequestEvent> idle() {
        return Behaviors.receive(RequestEvent.class)
                .onMessage(Search.class, this::ask)
                .build();
    }

    private Behavior<RequestEvent> asking() {
        return Behaviors.receive(RequestEvent.class)
                .onMessage(Search.class, this::await)
                .onMessage(Answered.class, this::onAnswered)
                .build();
    }

    private Behavior<RequestEvent> resting() {
        return Behaviors.receive(RequestEvent.class)
                .onMessage(Search.class, this::await)
                .onMessage(Rested.class, m -> waiting.isEmpty() ? idle() : ask(waiting.poll()))
                .build();
    }

    private Behavior<RequestEvent> ask(Search search) {
        ActorRef<RequestEvent> self = context.getSelf();
        // One short-lived relay per search: it tags the answer with the search it answers.
        ActorRef<StatusReply<List<SymbolSamplesEvent>>> relay = context.spawnAnonymous(
                Behaviors.<StatusReply<List<SymbolSamplesEvent>>>receiveMessage(reply -> {
                    self.tell(new Answered(search, reply));
                    return Behaviors.stopped();
                }));
        context.spawnAnonymous(OneShotRequest.create(new SymbolSearchSpec(search.pattern()), ports, requestTimeout,
                relay));
        return asking();
    }

    private Behavior<RequestEvent> await(Search search) {
        if (waiting.size() >= MAX_WAITING) {
            search.replyTo().tell(StatusReply.error(new IllegalStateException("symbol search '" + search.pattern()
                    + "' refused: " + MAX_WAITING + " searches already wait for IB's pacing of one reqMatchingSymbols"
                    + " per second")));
        } else {
            waiting.add(search);
        }
        return Behaviors.same();
    }

    private Behavior<RequestEvent> onAnswered(Answered m) {
        StatusReply<List<SymbolSamplesEvent>> reply = m.reply();
        if (reply.isSuccess()) {
            List<SymbolSamplesEvent> rows = reply.getValue(); // exactly one: the message that ends the request
            m.search().replyTo().tell(StatusReply.success(rows.isEmpty() ? List.of() : rows.get(0).descriptions()));
        } else {
            m.search().replyTo().tell(StatusReply.error(reply.getError()));
        }
        timers.startSingleTimer(Rested.INSTANCE, interval);
        return resting();
    }
}
