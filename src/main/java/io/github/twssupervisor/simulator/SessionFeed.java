package io.github.twssupervisor.simulator;

import akka.actor.typed.ActorRef;
import akka.actor.typed.javadsl.TimerScheduler;
import java.time.Duration;
import java.util.function.Consumer;

/**
 * What a session streams on its own: the regular tick rounds of its {@link MarketDataSession}, on one timer that runs
 * only while the client has market data requests (idle clients cost nothing), and blasts ({@link BlastQueue}), which
 * pause the tick rounds while they stream. Both keep the outbox below a high-water mark, leaving the rest of it to the
 * answers to requests; each batch the socket takes goes on with a blast, else with an unfinished tick round.
 *
 * <p>Owned by the session actor and used from its thread only; not thread-safe.
 */
final class SessionFeed {

    private final TimerScheduler<SimulatorSession.Command> timers;
    private final SimulatorSession.Command tick;
    private final Duration tickInterval;
    private final Outbox outbox;
    private final Consumer<byte[]> send;
    private final int highWater;
    private final BlastQueue blasts;
    /** Null until the client is registered. */
    private MarketDataSession marketData;

    /**
     * @param timers       the session's timers
     * @param tick         the message of the tick timer, which the session answers with {@link #onTickRound()}
     * @param tickInterval the time between tick rounds
     * @param outbox       the session's outbox
     * @param send         sends a frame (through the outbox)
     * @param session      the session, named in the answers to blasts
     */
    SessionFeed(TimerScheduler<SimulatorSession.Command> timers, SimulatorSession.Command tick, Duration tickInterval,
                Outbox outbox, Consumer<byte[]> send, ActorRef<SimulatorSession.Command> session) {
        this.timers = timers;
        this.tick = tick;
        this.tickInterval = tickInterval;
        this.outbox = outbox;
        this.send = send;
        this.highWater = Math.max(1, outbox.capacity() / 2);
        // Blasts start only once the client is registered, so the market data is there when the predicate runs.
        this.blasts = new BlastQueue(outbox, highWater, reqId -> marketData.isStreaming(reqId), send, session);
    }

    /**
     * Starts the market data of a registered client.
     *
     * @param serverVersion the negotiated version
     * @param market        the client's market
     * @param metrics       the shared counters
     * @return the market data session, which answers the client's market data requests
     */
    MarketDataSession start(int serverVersion, SimulatedMarket market, SimulatorMetrics metrics) {
        marketData = new MarketDataSession(serverVersion, market, metrics, send, outbox::pending, highWater);
        return marketData;
    }

    /** Runs the tick timer exactly while the client has market data requests; call after they may have changed. */
    void updateTimer() {
        boolean needed = marketData.hasSubscriptions();
        if (needed && !timers.isTimerActive(tick)) {
            timers.startTimerWithFixedDelay(tick, tickInterval);
        } else if (!needed && timers.isTimerActive(tick)) {
            timers.cancel(tick);
        }
    }

    /** The tick timer fired: a round of quote updates, unless a blast streams (a benchmark measures the blast alone). */
    void onTickRound() {
        if (!blasts.running()) {
            marketData.onTickRound();
            updateTimer();
        }
    }

    /**
     * Applies a data-farm notice the session has just sent.
     *
     * @param code the notice code
     */
    void onNotice(int code) {
        marketData.onNotice(code);
        updateTimer();
    }

    /**
     * @param perSubscription frames for each streaming subscription
     * @param replyTo         told how many were written, once they all are
     */
    void startBlast(int perSubscription, ActorRef<BlastCoordinator.Command> replyTo) {
        blasts.start(marketData.blast(perSubscription, replyTo));
    }

    /** The socket took a batch: goes on with a blast, else with a tick round that stopped at the backlog. */
    void onOutboxDrained() {
        blasts.pump();
        if (marketData != null && !blasts.running()) {
            marketData.onOutboxDrained();
        }
    }

    /** Stops the tick timer: the session is closing. */
    void stopTicks() {
        timers.cancel(tick);
    }

    /** Answers waiting blasts and takes the subscriptions off the shared count: the session is ending. */
    void release() {
        blasts.abort();
        if (marketData != null) {
            marketData.release();
        }
    }
}
