package io.github.twssupervisor.marketdata;

import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import akka.actor.testkit.typed.javadsl.ActorTestKit;
import akka.actor.testkit.typed.javadsl.TestProbe;
import akka.actor.typed.ActorRef;
import akka.japi.Pair;
import akka.stream.testkit.TestSubscriber;
import akka.stream.testkit.javadsl.TestSink;
import io.github.twssupervisor.contracts.Contract;
import io.github.twssupervisor.subscription.EventBatch;
import io.github.twssupervisor.subscription.Lifecycle;
import io.github.twssupervisor.subscription.Overflow;
import io.github.twssupervisor.subscription.SubscriptionHandle;
import io.github.twssupervisor.subscription.SubscriptionOverflowException;
import io.github.twssupervisor.subscription.SubscriptionStreams;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** The stream's source stage: batches in, events out at the consumer's pace, under each overflow policy. */
class MarketDataSourceTest {

    private static final ActorTestKit testKit = ActorTestKit.create();

    @AfterAll
    static void shutdown() {
        testKit.shutdownTestKit();
    }

    /** The running stream, the stage's actor as the subscription would see it, and the handle. */
    private record Running(TestSubscriber.Probe<MarketDataEvent> consumer, ActorRef<EventBatch<MarketDataEvent>> source,
                           SubscriptionHandle handle) {
        void send(MarketDataEvent... events) {
            source.tell(new EventBatch<MarketDataEvent>(List.of(events)));
        }
    }

    private static Running run(Overflow overflow) {
        TestProbe<ActorRef<EventBatch<MarketDataEvent>>> subscribed = testKit.createTestProbe();
        Pair<SubscriptionHandle, TestSubscriber.Probe<MarketDataEvent>> materialized = SubscriptionStreams
                .source(new MarketDataSpec(MarketDataRequest.stream(Contract.stock("AAPL"), MarketDataOptions.defaults())), overflow, subscribed.ref()::tell)
                .toMat(TestSink.probe(testKit.system().classicSystem()), Pair::create)
                .run(testKit.system());
        return new Running(materialized.second(), subscribed.receiveMessage(), materialized.first());
    }

    private static MarketDataEvent price(TickType field, double value) {
        return new MarketDataEvent.Price(field, value, Optional.empty(), 0);
    }

    @Test
    void emitsTheEventsOfEachBatchInOrderAtTheConsumersPace() {
        Running stream = run(new Overflow.Buffer(100));
        stream.send(price(TickType.BID, 1), price(TickType.BID, 2));
        stream.send(price(TickType.BID, 3));

        stream.consumer().request(2);
        stream.consumer().expectNext(price(TickType.BID, 1), price(TickType.BID, 2));
        stream.consumer().expectNoMessage();
        stream.consumer().request(5);
        stream.consumer().expectNext(price(TickType.BID, 3));
        stream.consumer().expectNoMessage();
    }

    @Test
    void aBufferFailsTheStreamWhenABatchArrivesWithMoreThanItsSizeStillWaiting() {
        Running stream = run(new Overflow.Buffer(3));
        // Nothing is asked for: the boundary to the consumer takes one list, the rest waits in the stage. A batch
        // larger than the buffer is taken (frames read together arrive together); once more than three events wait,
        // the next batch is one too many. However the boundary's one list and these batches interleave, that is by
        // the third batch.
        stream.send(price(TickType.BID, 1));
        stream.send(price(TickType.BID, 2), price(TickType.BID, 3), price(TickType.BID, 4), price(TickType.BID, 5));
        stream.send(price(TickType.BID, 6));
        stream.send(price(TickType.BID, 7));

        Throwable error = stream.consumer().expectSubscriptionAndError(false); // no demand: nothing is emitted
        assertInstanceOf(SubscriptionOverflowException.class, error);
        assertTrue(error.getMessage().contains("AAPL") && error.getMessage().contains("more than 3 events"),
                error.getMessage());
    }

    @Test
    void conflationKeepsTheLatestValuePerFieldWhileTheConsumerWaitsAndEveryMarkerInItsPlace() {
        Running stream = run(new Overflow.Conflate());
        stream.consumer().request(1);
        stream.send(price(TickType.BID, 1));
        stream.consumer().expectNext(price(TickType.BID, 1));
        // The boundary to the consumer takes at most one list (BID 2 alone, or with what follows if it comes first):
        // the last batch is conflated either way.
        stream.send(price(TickType.BID, 2));
        stream.send(price(TickType.ASK, 3), new MarketDataEvent.Status(new Lifecycle.Interrupted("lost")),
                price(TickType.BID, 4), price(TickType.BID, 5), price(TickType.ASK, 6));

        stream.consumer().request(10);
        stream.consumer().expectNext(price(TickType.BID, 2), price(TickType.ASK, 3),
                new MarketDataEvent.Status(new Lifecycle.Interrupted("lost")), price(TickType.BID, 5), price(TickType.ASK, 6));
        stream.consumer().expectNoMessage();
    }

    @Test
    void theStreamCompletesAfterEmittingEndedAndIgnoresWhatFollows() {
        Running stream = run(new Overflow.Buffer(10));
        MarketDataEvent ended = new MarketDataEvent.Status(new Lifecycle.Ended(200, "no security definition"));
        stream.send(price(TickType.BID, 1), ended, price(TickType.BID, 2));
        stream.send(price(TickType.BID, 3));

        stream.consumer().request(10);
        stream.consumer().expectNext(price(TickType.BID, 1), ended);
        stream.consumer().expectComplete();
    }

    @Test
    void theHandleEndsTheStreamAfterTheEventsAlreadyWaiting() {
        Running stream = run(new Overflow.Buffer(10));
        stream.send(price(TickType.BID, 1));
        stream.handle().cancel();
        stream.handle().cancel();

        stream.consumer().request(10);
        stream.consumer().expectNext(price(TickType.BID, 1), new MarketDataEvent.Status(new Lifecycle.Ended(0, SubscriptionHandle.CANCELLED)));
        stream.consumer().expectComplete();
    }

    @Test
    void cancellingDownstreamStopsTheSourcesActorWhichIsHowTheSubscriptionLearnsOfIt() {
        Running stream = run(new Overflow.Conflate());
        TestProbe<Object> watcher = testKit.createTestProbe();
        stream.consumer().request(1);
        stream.send(price(TickType.LAST, 1));
        stream.consumer().expectNext(price(TickType.LAST, 1));

        stream.consumer().cancel();
        watcher.expectTerminated(stream.source());
    }

    @Test
    void aConsumerThatBlocksItsThreadDoesNotStopThePolicyWhichEndsTheStreamInsteadOfQueueingWithoutBound()
            throws InterruptedException {
        TestProbe<ActorRef<EventBatch<MarketDataEvent>>> subscribed = testKit.createTestProbe();
        CountDownLatch blocked = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        SubscriptionStreams.source(new MarketDataSpec(MarketDataRequest.stream(Contract.stock("AAPL"),
                        MarketDataOptions.defaults())), new Overflow.Buffer(10), subscribed.ref()::tell)
                .runForeach(event -> {
                    // A println into a full pipe: the consumer's thread is stuck until released.
                    blocked.countDown();
                    release.await();
                }, testKit.system());
        ActorRef<EventBatch<MarketDataEvent>> source = subscribed.receiveMessage();
        source.tell(EventBatch.of(price(TickType.BID, 0)));
        assertTrue(blocked.await(5, TimeUnit.SECONDS), "the consumer got its first event");
        try {
            for (int batch = 1; batch <= 20; batch++) {
                source.tell(EventBatch.of(price(TickType.BID, batch)));
            }
            // Fused with the consumer, the stage would sit behind the blocked thread and the batches in its mailbox.
            testKit.createTestProbe().expectTerminated(source, Duration.ofSeconds(5));
        } finally {
            release.countDown();
        }
    }
}
