package io.github.twssupervisor.simulator;

import akka.actor.typed.ActorRef;
import akka.actor.typed.Behavior;
import akka.actor.typed.javadsl.AbstractBehavior;
import akka.actor.typed.javadsl.ActorContext;
import akka.actor.typed.javadsl.Behaviors;
import akka.actor.typed.javadsl.Receive;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * One blast across the simulator's clients: starts it in every session, adds up the frames each one wrote and answers
 * with the total once every session has finished (or gone). A short-lived child of the server, so that the server does
 * not keep the bookkeeping of blasts in flight.
 */
public final class BlastCoordinator extends AbstractBehavior<BlastCoordinator.Command> {

    /** Messages of a blast coordinator. */
    public sealed interface Command permits SessionDone, SessionGone {
    }

    /**
     * A session wrote all of its blast frames (or stopped part-way).
     *
     * @param session the session
     * @param frames  how many it wrote
     */
    record SessionDone(ActorRef<SimulatorSession.Command> session, long frames) implements Command {
    }

    private record SessionGone(ActorRef<SimulatorSession.Command> session) implements Command {
    }

    private final Set<ActorRef<SimulatorSession.Command>> outstanding;
    private final ActorRef<Long> replyTo;
    private long frames;

    private BlastCoordinator(ActorContext<Command> context, List<ActorRef<SimulatorSession.Command>> sessions,
                             int perSubscription, ActorRef<Long> replyTo) {
        super(context);
        this.outstanding = new HashSet<>(sessions);
        this.replyTo = replyTo;
        for (ActorRef<SimulatorSession.Command> session : sessions) {
            context.watchWith(session, new SessionGone(session));
            session.tell(new SimulatorSession.StartBlast(perSubscription, context.getSelf()));
        }
    }

    /**
     * @param sessions        the sessions of the connected clients
     * @param perSubscription frames for each streaming subscription
     * @param replyTo         told the total frames written
     * @return the behaviour of a new coordinator, which starts the blast at once
     */
    static Behavior<Command> create(List<ActorRef<SimulatorSession.Command>> sessions, int perSubscription,
                                    ActorRef<Long> replyTo) {
        return Behaviors.setup(ctx -> {
            if (sessions.isEmpty()) {
                replyTo.tell(0L);
                return Behaviors.stopped();
            }
            return new BlastCoordinator(ctx, List.copyOf(sessions), perSubscription, replyTo);
        });
    }

    @Override
    public Receive<Command> createReceive() {
        return newReceiveBuilder()
                .onMessage(SessionDone.class, this::onSessionDone)
                .onMessage(SessionGone.class, this::onSessionGone)
                .build();
    }

    private Behavior<Command> onSessionDone(SessionDone m) {
        frames += m.frames();
        outstanding.remove(m.session());
        return maybeDone();
    }

    private Behavior<Command> onSessionGone(SessionGone m) {
        outstanding.remove(m.session());
        return maybeDone();
    }

    private Behavior<Command> maybeDone() {
        if (outstanding.isEmpty()) {
            replyTo.tell(frames);
            return Behaviors.stopped();
        }
        return this;
    }
}
