package io.github.twssupervisor.config;

import io.github.twssupervisor.wire.ServerVersion;
import io.github.twssupervisor.wire.WireLimits;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;

/**
 * Settings of the TWS simulator ({@code tws.simulator} in reference.conf, where each one is described).
 *
 * @param host           interface to listen on
 * @param port           TCP port, 0 for a free one
 * @param acceptBacklog  listen backlog
 * @param maxVersion     highest server version spoken
 * @param accounts       accounts announced after startApi
 * @param nextOrderId    first nextValidId
 * @param maxClients     simultaneous API clients allowed
 * @param timeZone       zone of the handshake's connectionTime
 * @param outboundBuffer frames queued per connection before a non-reading client is dropped
 * @param seed           seed of the simulated market
 * @param ticksPerSecond quote updates per second of each streaming market data subscription
 * @param maxMessagesPerSecond messages a client may send in any sliding one-second window (TWS error 100 above it)
 * @param chaosSeed      seed of the {@code --chaos} fault schedule when {@code --chaos-seed} is not given
 * @param account        the simulated account's money and update rates
 * @param historicalPacing TWS's historical-data pacing rules as the simulator enforces them (error 162)
 * @param limits         what one connection, and all of them together, may hold of the simulator
 */
public record SimulatorSettings(String host, int port, int acceptBacklog, int maxVersion, List<String> accounts,
                                int nextOrderId, int maxClients, ZoneId timeZone, int outboundBuffer, long seed,
                                int ticksPerSecond, int maxMessagesPerSecond, long chaosSeed, Account account,
                                HistoricalPacingRules historicalPacing, Limits limits) {

    /**
     * What a client may hold of the simulator before it is closed ({@code tws.simulator.handshake-timeout},
     * {@code max-frame-size}, {@code max-buffered-bytes}).
     *
     * @param handshakeTimeout how long a connection may take from accept to its startApi (a delay-handshake fault adds
     *                         its delay); at most {@link #MAX_HANDSHAKE_TIMEOUT}
     * @param maxFrameSize     largest payload a client may announce, 1..0xFFFFFF (TWS-WIRE.md §1)
     * @param maxBufferedBytes bytes held for unfinished frames across all connections, at least {@code maxFrameSize}
     *                         plus its length prefix
     */
    public record Limits(Duration handshakeTimeout, int maxFrameSize, long maxBufferedBytes) {

        /** Above this a handshake timeout is a typo: no client waits an hour for its startApi to be read. */
        public static final Duration MAX_HANDSHAKE_TIMEOUT = Duration.ofHours(1);

        /** Validates every field, naming the key in the message. */
        public Limits {
            Checks.positive(handshakeTimeout, "tws.simulator.handshake-timeout");
            Checks.require(handshakeTimeout.compareTo(MAX_HANDSHAKE_TIMEOUT) <= 0,
                    "tws.simulator.handshake-timeout must be at most 1h, was " + handshakeTimeout);
            Checks.require(maxFrameSize > 0 && maxFrameSize <= WireLimits.MAX_FRAME_PAYLOAD,
                    "tws.simulator.max-frame-size must be 1.." + WireLimits.MAX_FRAME_PAYLOAD
                            + " bytes (the protocol's limit, 0xFFFFFF), was " + maxFrameSize);
            Checks.require(maxBufferedBytes >= (long) maxFrameSize + WireLimits.LENGTH_PREFIX_BYTES,
                    "tws.simulator.max-buffered-bytes must hold at least one frame of max-frame-size ("
                            + maxFrameSize + " + " + WireLimits.LENGTH_PREFIX_BYTES + " bytes), was "
                            + maxBufferedBytes);
        }
    }

    /**
     * The simulated account ({@code tws.simulator.account}).
     *
     * @param startingCash   cash in USD at the start of a run
     * @param updateInterval how often changed account summary and account update values are re-sent (TWS: 3 min)
     * @param pnlInterval    how often pnl and pnlSingle are sent, and the account's marks move (TWS: about 1 s)
     */
    public record Account(double startingCash, Duration updateInterval, Duration pnlInterval) {

        /** Validates every field, naming the key in the message. */
        public Account {
            Checks.require(startingCash >= 0 && Double.isFinite(startingCash),
                    "tws.simulator.account.starting-cash must be a number >= 0, was " + startingCash);
            Checks.require(updateInterval != null && !updateInterval.isNegative() && !updateInterval.isZero(),
                    "tws.simulator.account.update-interval must be positive, was " + updateInterval);
            Checks.require(pnlInterval != null && !pnlInterval.isNegative() && !pnlInterval.isZero(),
                    "tws.simulator.account.pnl-interval must be positive, was " + pnlInterval);
        }
    }

    /** Above this the scheduler's resolution (10 ms by default) would turn the rate into bursts. */
    public static final int MAX_TICKS_PER_SECOND = 100;

    /** Validates every field, naming the key in the message. */
    public SimulatorSettings {
        accounts = List.copyOf(accounts);
        Checks.require(host != null && !host.isBlank(), "tws.simulator.host must not be empty");
        Checks.require(port >= 0 && port <= 65535, "tws.simulator.port must be 0..65535, was " + port);
        Checks.require(acceptBacklog > 0, "tws.simulator.accept-backlog must be positive, was " + acceptBacklog);
        Checks.require(maxVersion >= ServerVersion.MIN_SUPPORTED && maxVersion <= ServerVersion.MAX_SUPPORTED,
                "tws.simulator.max-version must be " + ServerVersion.MIN_SUPPORTED + ".." + ServerVersion.MAX_SUPPORTED
                        + ", was " + maxVersion);
        Checks.require(!accounts.isEmpty(), "tws.simulator.accounts must name at least one account");
        Checks.require(accounts.stream().allMatch(a -> a.matches("[A-Za-z0-9]+")),
                "tws.simulator.accounts must be account codes (letters and digits), was " + accounts);
        Checks.require(nextOrderId > 0, "tws.simulator.next-order-id must be positive, was " + nextOrderId);
        Checks.require(maxClients > 0, "tws.simulator.max-clients must be positive, was " + maxClients);
        Checks.require(timeZone != null, "tws.simulator.time-zone must be set");
        Checks.require(outboundBuffer > 0, "tws.simulator.outbound-buffer must be positive, was " + outboundBuffer);
        Checks.require(ticksPerSecond > 0 && ticksPerSecond <= MAX_TICKS_PER_SECOND,
                "tws.simulator.ticks-per-second must be 1.." + MAX_TICKS_PER_SECOND + ", was " + ticksPerSecond);
        Checks.require(maxMessagesPerSecond > 0,
                "tws.simulator.max-messages-per-second must be positive, was " + maxMessagesPerSecond);
        Checks.require(account != null, "tws.simulator.account must be set");
        Checks.require(historicalPacing != null, "tws.simulator.historical-pacing must be set");
        Checks.require(limits != null, "tws.simulator's limits must be set");
    }

    /** @return the time between two quote updates of one subscription */
    public Duration tickInterval() {
        return Duration.ofNanos(Duration.ofSeconds(1).toNanos() / ticksPerSecond);
    }

    /**
     * @param newHost the interface
     * @param newPort the port
     * @return a copy listening elsewhere
     */
    public SimulatorSettings withAddress(String newHost, int newPort) {
        return new SimulatorSettings(newHost, newPort, acceptBacklog, maxVersion, accounts, nextOrderId, maxClients,
                timeZone, outboundBuffer, seed, ticksPerSecond, maxMessagesPerSecond, chaosSeed, account,
                historicalPacing, limits);
    }

    /**
     * @param newMaxVersion the highest server version
     * @return a copy speaking up to that version
     */
    public SimulatorSettings withMaxVersion(int newMaxVersion) {
        return new SimulatorSettings(host, port, acceptBacklog, newMaxVersion, accounts, nextOrderId, maxClients,
                timeZone, outboundBuffer, seed, ticksPerSecond, maxMessagesPerSecond, chaosSeed, account,
                historicalPacing, limits);
    }

    /**
     * @param newAccounts the accounts
     * @param newNextOrderId the first order id
     * @return a copy with other accounts and ids
     */
    public SimulatorSettings withAccounts(List<String> newAccounts, int newNextOrderId) {
        return new SimulatorSettings(host, port, acceptBacklog, maxVersion, newAccounts, newNextOrderId, maxClients,
                timeZone, outboundBuffer, seed, ticksPerSecond, maxMessagesPerSecond, chaosSeed, account,
                historicalPacing, limits);
    }

    /**
     * @param newMaxClients the client limit
     * @return a copy with another client limit
     */
    public SimulatorSettings withMaxClients(int newMaxClients) {
        return new SimulatorSettings(host, port, acceptBacklog, maxVersion, accounts, nextOrderId, newMaxClients,
                timeZone, outboundBuffer, seed, ticksPerSecond, maxMessagesPerSecond, chaosSeed, account,
                historicalPacing, limits);
    }

    /**
     * @param newSeed the market's seed
     * @return a copy whose market is seeded with it
     */
    public SimulatorSettings withSeed(long newSeed) {
        return new SimulatorSettings(host, port, acceptBacklog, maxVersion, accounts, nextOrderId, maxClients,
                timeZone, outboundBuffer, newSeed, ticksPerSecond, maxMessagesPerSecond, chaosSeed, account,
                historicalPacing, limits);
    }

    /**
     * @param newTicksPerSecond quote updates per second and subscription
     * @return a copy with another tick rate
     */
    public SimulatorSettings withTicksPerSecond(int newTicksPerSecond) {
        return new SimulatorSettings(host, port, acceptBacklog, maxVersion, accounts, nextOrderId, maxClients,
                timeZone, outboundBuffer, seed, newTicksPerSecond, maxMessagesPerSecond, chaosSeed, account,
                historicalPacing, limits);
    }

    /**
     * @param newMaxMessagesPerSecond the pacing limit
     * @return a copy enforcing another message rate
     */
    public SimulatorSettings withMaxMessagesPerSecond(int newMaxMessagesPerSecond) {
        return new SimulatorSettings(host, port, acceptBacklog, maxVersion, accounts, nextOrderId, maxClients,
                timeZone, outboundBuffer, seed, ticksPerSecond, newMaxMessagesPerSecond, chaosSeed, account,
                historicalPacing, limits);
    }

    /**
     * @param newOutboundBuffer frames a connection may have queued
     * @return a copy with another outbound bound
     */
    public SimulatorSettings withOutboundBuffer(int newOutboundBuffer) {
        return new SimulatorSettings(host, port, acceptBacklog, maxVersion, accounts, nextOrderId, maxClients,
                timeZone, newOutboundBuffer, seed, ticksPerSecond, maxMessagesPerSecond, chaosSeed, account,
                historicalPacing, limits);
    }

    /**
     * @param newLimits what connections may hold
     * @return a copy with them
     */
    public SimulatorSettings withLimits(Limits newLimits) {
        return new SimulatorSettings(host, port, acceptBacklog, maxVersion, accounts, nextOrderId, maxClients,
                timeZone, outboundBuffer, seed, ticksPerSecond, maxMessagesPerSecond, chaosSeed, account,
                historicalPacing, newLimits);
    }

    /**
     * @param newAccount the simulated account's settings
     * @return a copy with them
     */
    public SimulatorSettings withAccount(Account newAccount) {
        return new SimulatorSettings(host, port, acceptBacklog, maxVersion, accounts, nextOrderId, maxClients,
                timeZone, outboundBuffer, seed, ticksPerSecond, maxMessagesPerSecond, chaosSeed, newAccount,
                historicalPacing, limits);
    }

    /**
     * @param rules the historical-data pacing to enforce
     * @return a copy enforcing them
     */
    public SimulatorSettings withHistoricalPacing(HistoricalPacingRules rules) {
        return new SimulatorSettings(host, port, acceptBacklog, maxVersion, accounts, nextOrderId, maxClients,
                timeZone, outboundBuffer, seed, ticksPerSecond, maxMessagesPerSecond, chaosSeed, account, rules,
                limits);
    }
}
