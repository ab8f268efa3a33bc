package io.github.twssupervisor.subscription;

import akka.actor.typed.ActorRef;
import io.github.twssupervisor.connection.StateTally;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The subscribers of one {@link ManagedSubscription} and what they have been told, owned by it and used only on its
 * thread. It keeps the contract of the signals: one Interrupted until the next Resumed, whatever number of times the
 * subscription is interrupted meanwhile, and Ended last, also for a subscriber that comes after the end. An actor subscriber
 * gets each event as a message of its own. A stream's source gets an {@link EventBatch}: while the subscription
 * handles the events of frames read together (between {@link #startBatch()} and {@link #endBatch()}) its events are
 * collected and sent once, in order, so a stream's element costs no message of its own.
 *
 * @param <E> the domain's event type
 */
final class Audience<E> {

    /** The states it reports to the client's subscription tally (metrics), as its subscribers see it. */
    static final String ACTIVE = "active";
    static final String INTERRUPTED = "interrupted";
    static final String ENDED = "ended";

    private final Function<Lifecycle, E> signal;
    private final StateTally.Entry tally;
    private boolean interrupted;
    /** Why it ended, told to any subscriber that arrives afterwards; null while it runs. */
    private E endedWith;

    /**
     * @param signal the domain's event that carries a signal
     * @param tally  where the subscription's state is counted, from now on as {@value #ACTIVE}
     */
    Audience(Function<Lifecycle, E> signal, StateTally.Entry tally) {
        this.signal = signal;
        this.tally = tally;
        tally.set(ACTIVE);
    }

    /**
     * @param spec a domain's request
     * @return its domain, for metrics: the spec's package, as every domain has one ({@code marketdata})
     */
    static String domainOf(SubscriptionSpec<?> spec) {
        String pkg = spec.getClass().getPackageName();
        return pkg.substring(pkg.lastIndexOf('.') + 1);
    }

    /** The subscription is gone: counted no more. */
    void gone() {
        tally.remove();
    }

    /** @return whether subscribers were told Interrupted and not Resumed since */
    boolean isInterrupted() {
        return interrupted;
    }

    /** @return the Ended every subscriber got, or null while the subscription runs */
    E endedWith() {
        return endedWith;
    }

    /** @param reason why data stops being trustworthy; told only if not interrupted already */
    void interrupt(String reason) {
        if (!interrupted) {
            interrupted = true;
            tally.set(INTERRUPTED);
            publish(signal.apply(new Lifecycle.Interrupted(reason)));
        }
    }

    /**
     * The request is live again: Resumed, if they were told Interrupted.
     *
     * @param reissued whether it was sent again, so that TWS answers it afresh
     */
    void resume(boolean reissued) {
        if (interrupted) {
            interrupted = false;
            tally.set(ACTIVE);
            publish(signal.apply(new Lifecycle.Resumed(reissued)));
        }
    }

    /**
     * @param code    the TWS code, or 0
     * @param message why
     * @param forget  given each subscriber, which gets nothing more
     */
    void end(int code, String message, Consumer<ActorRef<?>> forget) {
        endedWith = signal.apply(new Lifecycle.Ended(code, message));
        tally.set(ENDED);
        publish(endedWith);
        clear(forget);
    }

    /**
     * @return the signal a subscriber just added must get at once: Interrupted while the subscription is, else nothing
     */
    Optional<E> greeting() {
        return interrupted ? Optional.of(signal.apply(new Lifecycle.Interrupted("waiting for the connection")))
                : Optional.empty();
    }

    private final Set<ActorRef<E>> actors = new HashSet<>();
    private final Set<ActorRef<EventBatch<E>>> streams = new HashSet<>();
    /** The sets as lists, made anew when they change: every tick goes to each, without an iterator. */
    private List<ActorRef<E>> actorList = List.of();
    private List<ActorRef<EventBatch<E>>> streamList = List.of();
    /** What the streams get at {@link #endBatch()}; null outside a batch. */
    private List<E> forStreams;

    /** @return true if the actor was not subscribed yet */
    boolean addActor(ActorRef<E> actor) {
        if (!actors.add(actor)) {
            return false;
        }
        actorList = List.copyOf(actors);
        return true;
    }

    /** @return true if the stream's source was not subscribed yet */
    boolean addStream(ActorRef<EventBatch<E>> stream) {
        if (!streams.add(stream)) {
            return false;
        }
        streamList = List.copyOf(streams);
        return true;
    }

    /** @return true if it was subscribed, as an actor or a stream's source */
    boolean remove(ActorRef<?> subscriber) {
        if (actors.remove(subscriber)) {
            actorList = List.copyOf(actors);
            return true;
        }
        if (streams.remove(subscriber)) {
            streamList = List.copyOf(streams);
            return true;
        }
        return false;
    }

    boolean isEmpty() {
        return actors.isEmpty() && streams.isEmpty();
    }

    /** Sends what the batch collected so far, then forgets everyone; each is given to {@code forget} first. */
    void clear(Consumer<ActorRef<?>> forget) {
        flush();
        actors.forEach(forget);
        streams.forEach(forget);
        actors.clear();
        streams.clear();
        actorList = List.of();
        streamList = List.of();
    }

    /** From now until {@link #endBatch()}, the streams' events are collected. */
    void startBatch() {
        flush(); // nothing is left over from an earlier batch, but if it were it would go first
        if (!streamList.isEmpty()) {
            forStreams = new ArrayList<>();
        }
    }

    /** Sends the streams what the batch collected. */
    void endBatch() {
        flush();
        forStreams = null;
    }

    void publish(E event) {
        List<ActorRef<E>> to = actorList;
        for (int i = 0; i < to.size(); i++) {
            to.get(i).tell(event);
        }
        if (forStreams != null) {
            forStreams.add(event);
        } else if (!streamList.isEmpty()) {
            EventBatch<E> alone = EventBatch.of(event);
            streamList.forEach(stream -> stream.tell(alone));
        }
    }

    /**
     * Publishes events without reading them: their types are not checked here (not even by a cast, which
     * reads an object's header), so that handing on a batch costs no cache miss per event. Only inside a batch.
     *
     * @param events events of type E only, in order
     */
    @SuppressWarnings({"unchecked", "rawtypes"})
    void publishUnread(List<?> events) {
        List<ActorRef<E>> to = actorList;
        for (int i = 0; i < to.size(); i++) {
            ActorRef actor = to.get(i);
            for (int e = 0; e < events.size(); e++) {
                actor.tell(events.get(e));
            }
        }
        if (forStreams != null) {
            ((List) forStreams).addAll(events);
        }
    }

    private void flush() {
        if (forStreams != null && !forStreams.isEmpty()) {
            EventBatch<E> batch = new EventBatch<>(forStreams);
            streamList.forEach(stream -> stream.tell(batch));
            forStreams = new ArrayList<>();
        }
    }
}
