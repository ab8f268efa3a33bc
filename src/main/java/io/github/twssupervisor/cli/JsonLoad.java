package io.github.twssupervisor.cli;

import akka.actor.typed.ActorSystem;
import akka.stream.javadsl.Sink;
import akka.stream.javadsl.Source;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;

/**
 * The measurements of {@code json-client performance}: sequential round trips, each request sent after the previous
 * reply, and pipelined throughput, a bounded window of requests outstanding. The window is an Akka Streams
 * {@code mapAsyncUnordered}: a request goes out as soon as any of the window's replies is in, with no thread or
 * callback chain of our own.
 */
final class JsonLoad {

    private JsonLoad() {
    }

    /**
     * The statistics of round trips, in microseconds.
     *
     * @param count how many
     * @param min   the fastest
     * @param avg   the mean
     * @param p50   the median (nearest rank)
     * @param p99   the 99th percentile (nearest rank)
     * @param max   the slowest
     */
    record RoundTrips(int count, long min, double avg, long p50, long p99, long max) {

        /** @param micros the round trips, in any order */
        static RoundTrips of(long[] micros) {
            long[] sorted = micros.clone();
            Arrays.sort(sorted);
            return new RoundTrips(sorted.length, sorted[0], Arrays.stream(sorted).average().orElse(0),
                    PingCommand.percentile(sorted, 50), PingCommand.percentile(sorted, 99), sorted[sorted.length - 1]);
        }
    }

    /**
     * What a pipelined run achieved.
     *
     * @param replies  requests answered
     * @param failed   requests that failed (timeout, lost connection, an error reply)
     * @param elapsed  from the first request to the last reply
     */
    record Throughput(long replies, long failed, Duration elapsed) {

        static final Throughput NONE = new Throughput(0, 0, Duration.ZERO);

        /** @return replies per second */
        double perSecond() {
            return elapsed.isZero() ? 0 : replies * 1e9 / elapsed.toNanos();
        }

        Throughput plus(boolean answered) {
            return new Throughput(replies + (answered ? 1 : 0), failed + (answered ? 0 : 1), elapsed);
        }
    }

    /**
     * Sends requests one after the other, each once the previous reply is in, on the command's thread.
     *
     * @param request sends one request
     * @param count   how many are measured
     * @param bound   the longest wait for one reply
     * @return each round trip in microseconds
     * @throws TwsSession.CommandFailure if one fails
     */
    static long[] sequential(Supplier<CompletionStage<?>> request, int count, Duration bound) {
        long[] micros = new long[count];
        for (int i = 0; i < count; i++) {
            long start = System.nanoTime();
            JsonClientSession.await(request.get(), bound);
            micros[i] = (System.nanoTime() - start) / 1_000;
        }
        return micros;
    }

    /**
     * Keeps {@code window} requests outstanding until {@code messages} were sent (or, when that is 0, until
     * {@code duration} has passed), and waits for the last reply.
     *
     * @param request  sends one request
     * @param window   requests outstanding at most
     * @param messages how many to send, or 0 to send for {@code duration}
     * @param duration how long to send, when {@code messages} is 0
     * @param system   where the stream runs
     * @return replies and failures, over the elapsed time
     */
    static Throughput pipelined(Supplier<CompletionStage<?>> request, int window, long messages, Duration duration,
                                ActorSystem<?> system) {
        Source<Integer, ?> sends = messages > 0 ? Source.repeat(1).take(messages)
                : Source.repeat(1).takeWithin(duration);
        long start = System.nanoTime();
        CompletionStage<Throughput> run = sends
                .mapAsyncUnordered(window, i -> request.get().handle((reply, failure) -> failure == null))
                .runWith(Sink.fold(Throughput.NONE, Throughput::plus), system);
        Throughput counted = JsonClientSession.await(run, (duration != null ? duration : Duration.ZERO)
                .plus(Duration.ofMinutes(10)));
        return new Throughput(counted.replies(), counted.failed(), Duration.ofNanos(System.nanoTime() - start));
    }
}
