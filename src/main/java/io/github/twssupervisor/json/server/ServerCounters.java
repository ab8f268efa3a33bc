package io.github.twssupervisor.json.server;

import io.github.twssupervisor.json.JsonMessage.ServerStats;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * The figures of {@code server_stats}, shared by the server's actors the way the simulator shares its metrics: the
 * {@link ServerGuardian} counts connections, every connection's inbound stream counts the messages it reads, and any
 * connection reads a snapshot when a client asks.
 */
final class ServerCounters {

    private final Instant startTime;
    private final LongAdder messages = new LongAdder();
    private final AtomicInteger connected = new AtomicInteger();

    ServerCounters(Instant startTime) {
        this.startTime = startTime;
    }

    /** One more message read from a client (valid or not). */
    void received() {
        messages.increment();
    }

    /** @param clients how many connections are open now */
    void connected(int clients) {
        connected.set(clients);
    }

    /**
     * @param now the current time
     * @return the figures as {@code server_stats} carries them
     */
    ServerStats snapshot(Instant now) {
        return new ServerStats(connected.get(), Duration.between(startTime, now).toSeconds(), messages.sum(),
                startTime, now);
    }
}
