package io.github.twssupervisor.connection;

import akka.actor.typed.ActorRef;
import akka.pattern.StatusReply;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.function.Consumer;

/**
 * Callers waiting for an answer that carries no request id (currentTime, Ready), answered oldest first. Thread-safe:
 * the supervisor adds and fails waiters, and the socket's reading thread answers currentTime where it reads it (see
 * {@link SessionInbox}). A waiter is answered once, by whoever takes it out.
 *
 * @param <T> the answer type
 */
final class Waiters<T> {

    private record Waiter<T>(long requestId, Consumer<StatusReply<T>> replyTo) {
    }

    private final ConcurrentLinkedDeque<Waiter<T>> waiting = new ConcurrentLinkedDeque<>();

    void add(long requestId, ActorRef<StatusReply<T>> replyTo) {
        waiting.addLast(new Waiter<>(requestId, replyTo::tell));
    }

    /** A waiter outside the actor system: the answer completes the future, a failure fails it. */
    void add(long requestId, CompletableFuture<T> answer) {
        waiting.addLast(new Waiter<>(requestId, reply -> {
            if (reply.isSuccess()) {
                answer.complete(reply.getValue());
            } else {
                answer.completeExceptionally(reply.getError());
            }
        }));
    }

    /** Answers the oldest waiter, if any; an answer nobody waits for (a heartbeat probe's) is dropped. */
    void answerOldest(T answer) {
        Waiter<T> oldest = waiting.pollFirst();
        if (oldest != null) {
            oldest.replyTo().accept(StatusReply.success(answer));
        }
    }

    void answerAll(T answer) {
        for (Waiter<T> waiter = waiting.pollFirst(); waiter != null; waiter = waiting.pollFirst()) {
            waiter.replyTo().accept(StatusReply.success(answer));
        }
    }

    void fail(long requestId, String why) {
        for (Waiter<T> waiter : waiting) {
            if (waiter.requestId() == requestId && waiting.removeFirstOccurrence(waiter)) {
                waiter.replyTo().accept(StatusReply.error(why));
            }
        }
    }

    void failAll(String why) {
        for (Waiter<T> waiter = waiting.pollFirst(); waiter != null; waiter = waiting.pollFirst()) {
            waiter.replyTo().accept(StatusReply.error(why));
        }
    }
}
