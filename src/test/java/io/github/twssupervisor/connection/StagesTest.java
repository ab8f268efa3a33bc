package io.github.twssupervisor.connection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import akka.actor.testkit.typed.javadsl.ActorTestKit;
import akka.actor.testkit.typed.javadsl.TestProbe;
import akka.actor.typed.ActorRef;
import akka.actor.typed.javadsl.AskPattern;
import java.time.Duration;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * A plain stage runs what is chained to it on the actor system's dispatcher, where it completes; Akka's own stage runs
 * even {@code thenApply} elsewhere (the common pool, or a new thread per step on two cores), which is why the clients
 * hand out plain ones. Failures pass through unchanged.
 */
class StagesTest {

    private static final ActorTestKit testKit = ActorTestKit.create("StagesTest");
    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    @AfterAll
    static void stop() {
        testKit.shutdownTestKit();
    }

    @Test
    void aStepChainedToAPlainStageRunsOnTheDispatcher() throws Exception {
        TestProbe<ActorRef<String>> probe = testKit.createTestProbe();
        CompletionStage<String> plain = Stages.plain(ask(probe), testKit.system().executionContext());
        CompletionStage<String> thread = plain.thenApply(v -> Thread.currentThread().getName());
        probe.receiveMessage().tell("answer");
        String name = thread.toCompletableFuture().get(5, TimeUnit.SECONDS);
        assertTrue(name.startsWith("StagesTest-akka.actor.default-dispatcher"), name);
        assertEquals("answer", plain.toCompletableFuture().get(5, TimeUnit.SECONDS));
    }

    @Test
    void akkasOwnStageRunsTheSameStepElsewhere() throws Exception {
        TestProbe<ActorRef<String>> probe = testKit.createTestProbe();
        CompletionStage<String> thread = ask(probe).thenApply(v -> Thread.currentThread().getName());
        probe.receiveMessage().tell("answer");
        String name = thread.toCompletableFuture().get(5, TimeUnit.SECONDS);
        assertFalse(name.startsWith("StagesTest-akka"), name);
    }

    @Test
    void aFailurePassesThrough() {
        TestProbe<ActorRef<String>> probe = testKit.createTestProbe();
        CompletionStage<String> plain = Stages.plain(AskPattern.ask(probe.ref(), replyTo -> replyTo,
                Duration.ofMillis(50), testKit.system().scheduler()), testKit.system().executionContext());
        ExecutionException failure = org.junit.jupiter.api.Assertions.assertThrows(ExecutionException.class,
                () -> plain.toCompletableFuture().get(5, TimeUnit.SECONDS));
        assertTrue(failure.getCause() instanceof java.util.concurrent.TimeoutException, failure.toString());
    }

    private static CompletionStage<String> ask(TestProbe<ActorRef<String>> probe) {
        return AskPattern.ask(probe.ref(), replyTo -> replyTo, TIMEOUT, testKit.system().scheduler());
    }
}
