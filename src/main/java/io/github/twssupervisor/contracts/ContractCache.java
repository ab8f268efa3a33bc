package io.github.twssupervisor.contracts;

import akka.actor.typed.ActorRef;
import akka.actor.typed.Behavior;
import akka.actor.typed.javadsl.AbstractBehavior;
import akka.actor.typed.javadsl.ActorContext;
import akka.actor.typed.javadsl.Behaviors;
import akka.actor.typed.javadsl.Receive;
import akka.actor.typed.javadsl.TimerScheduler;
import akka.pattern.StatusReply;
import io.github.twssupervisor.config.ContractsSettings;
import io.github.twssupervisor.dispatch.RequestEvent;
import io.github.twssupervisor.subscription.OneShotRequest;
import io.github.twssupervisor.subscription.SubscriptionPorts;
import io.github.twssupervisor.subscription.TwsRequestException;
import io.github.twssupervisor.wire.TwsErrorCode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Contract details, asked of TWS once per distinct contract and then served from a cache for {@code cache-ttl}: a
 * service that qualifies the same symbol a thousand times asks TWS once. Lookups of a contract already being asked for
 * wait for that answer rather than ask again. A resident of the client; each question is a {@link OneShotRequest}
 * (timeout, lost connection, TWS errors), and error 200 becomes a {@link ContractNotFoundException}. Failures are not
 * cached. Bounded: beyond {@code cache-size} the oldest answers are forgotten.
 */
public final class ContractCache extends AbstractBehavior<RequestEvent> {

    /** What the contracts facade sends. */
    public sealed interface Command extends RequestEvent permits Lookup {
    }

    /**
     * @param contract what to look up
     * @param replyTo  every contract TWS lists for it (one or more), or why not
     */
    public record Lookup(Contract contract, ActorRef<StatusReply<List<ContractDetails>>> replyTo)
            implements Command {
    }

    private record Fetched(Contract contract, StatusReply<List<ContractDetails>> reply) implements RequestEvent {
    }

    private record Expired(Contract contract) implements RequestEvent {
    }

    private final ContractsSettings settings;
    private final SubscriptionPorts ports;
    private final TimerScheduler<RequestEvent> timers;
    private final Map<Contract, List<ContractDetails>> answers;
    private final Map<Contract, List<ActorRef<StatusReply<List<ContractDetails>>>>> asking = new HashMap<>();

    private ContractCache(ActorContext<RequestEvent> context, TimerScheduler<RequestEvent> timers,
                          ContractsSettings settings, SubscriptionPorts ports) {
        super(context);
        this.settings = settings;
        this.ports = ports;
        this.timers = timers;
        this.answers = new LinkedHashMap<>(16, 0.75f, false) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Contract, List<ContractDetails>> eldest) {
                boolean full = size() > settings.cacheSize();
                if (full) {
                    timers.cancel(new Expired(eldest.getKey()));
                }
                return full;
            }
        };
    }

    /**
     * @param settings cache and request settings
     * @param ports    the client's actors
     * @return the behaviour
     */
    public static Behavior<RequestEvent> create(ContractsSettings settings, SubscriptionPorts ports) {
        return Behaviors.setup(ctx -> Behaviors.withTimers(timers -> new ContractCache(ctx, timers, settings, ports)));
    }

    @Override
    public Receive<RequestEvent> createReceive() {
        return newReceiveBuilder()
                .onMessage(Lookup.class, this::onLookup)
                .onMessage(Fetched.class, this::onFetched)
                .onMessage(Expired.class, m -> {
                    answers.remove(m.contract());
                    return this;
                })
                .build();
    }

    private Behavior<RequestEvent> onLookup(Lookup m) {
        List<ContractDetails> known = answers.get(m.contract());
        if (known != null) {
            m.replyTo().tell(StatusReply.success(known));
            return this;
        }
        List<ActorRef<StatusReply<List<ContractDetails>>>> waiting = asking.get(m.contract());
        if (waiting != null) {
            waiting.add(m.replyTo());
            return this;
        }
        asking.put(m.contract(), new ArrayList<>(List.of(m.replyTo())));
        ActorRef<RequestEvent> self = getContext().getSelf();
        Contract contract = m.contract();
        // One short-lived relay per question: it tags the answer with its contract.
        ActorRef<StatusReply<List<ContractDetails>>> relay = getContext().spawnAnonymous(
                Behaviors.<StatusReply<List<ContractDetails>>>receiveMessage(reply -> {
                    self.tell(new Fetched(contract, reply));
                    return Behaviors.stopped();
                }));
        getContext().spawnAnonymous(OneShotRequest.create(new ContractDetailsSpec(contract), ports,
                settings.requestTimeout(), relay));
        return this;
    }

    private Behavior<RequestEvent> onFetched(Fetched m) {
        List<ActorRef<StatusReply<List<ContractDetails>>>> waiting = asking.remove(m.contract());
        StatusReply<List<ContractDetails>> reply = m.reply();
        if (reply.isError() && reply.getError() instanceof TwsRequestException tws
                && tws.code() == TwsErrorCode.NO_SECURITY_DEFINITION) {
            reply = StatusReply.error(new ContractNotFoundException(m.contract(), tws.twsMessage()));
        } else if (reply.isSuccess() && !settings.cacheTtl().isZero()) {
            answers.put(m.contract(), reply.getValue());
            timers.startSingleTimer(new Expired(m.contract()), settings.cacheTtl());
        }
        StatusReply<List<ContractDetails>> answer = reply;
        if (waiting != null) {
            waiting.forEach(w -> w.tell(answer));
        }
        return this;
    }
}
