package io.github.twssupervisor.connection;

import akka.actor.typed.ActorRef;
import akka.pattern.StatusReply;
import java.util.ArrayDeque;
import java.util.Iterator;

/**
 * Callers waiting for an answer that carries no request id (currentTime, Ready), answered oldest first. Owned and used
 * by one actor only.
 *
 * @param <T> the answer type
 */
final class Waiters<T> {

    private record Waiter<T>(long requestId, ActorRef<StatusReply<T>> replyTo) {
    }

    private final ArrayDeque<Waiter<T>> waiting = new ArrayDeque<>();

    void add(long requestId, ActorRef<StatusReply<T>> replyTo) {
        waiting.addLast(new Waiter<>(requestId, replyTo));
    }

    /** Answers the oldest waiter, if any; an answer nobody waits for (a heartbeat probe's) is dropped. */
    void answerOldest(T answer) {
        Waiter<T> oldest = waiting.pollFirst();
        if (oldest != null) {
            oldest.replyTo().tell(StatusReply.success(answer));
        }
    }

    void answerAll(T answer) {
        for (Waiter<T> waiter = waiting.pollFirst(); waiter != null; waiter = waiting.pollFirst()) {
            waiter.replyTo().tell(StatusReply.success(answer));
        }
    }

    void fail(long requestId, String why) {
        for (Iterator<Waiter<T>> it = waiting.iterator(); it.hasNext(); ) {
            Waiter<T> waiter = it.next();
            if (waiter.requestId() == requestId) {
                it.remove();
                waiter.replyTo().tell(StatusReply.error(why));
            }
        }
    }

    void failAll(String why) {
        for (Waiter<T> waiter = waiting.pollFirst(); waiter != null; waiter = waiting.pollFirst()) {
            waiter.replyTo().tell(StatusReply.error(why));
        }
    }
}
