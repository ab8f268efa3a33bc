package io.github.twssupervisor.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigUtil;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * All settings of tws-supervisor, read from the {@code tws} section of a Typesafe Config. The only class that reads
 * configuration keys; it checks the given config against reference.conf, so a misspelt key (with the known key most
 * like it), a mistyped value or a missing key fails at start-up with the key's name instead of being ignored.
 *
 * @param connection    the connection's settings
 * @param orders        the order book's settings
 * @param contracts     the contract cache's settings
 * @param history       historical data's settings
 * @param simulator     the simulator's settings
 * @param demoWatchlist the symbols the demo command subscribes to
 * @param pool          the client pool by purpose, if {@code tws.pool.purposes} names any (read from the config once:
 *                      {@link #withConnection} does not change it)
 * @param log           how accounts are shown in logs and output
 */
public record TwsSettings(ConnectionSettings connection, OrdersSettings orders, ContractsSettings contracts,
                          HistorySettings history, SimulatorSettings simulator, List<String> demoWatchlist,
                          Optional<PoolSettings> pool, LogSettings log) {

    /** Copies the list. */
    public TwsSettings {
        demoWatchlist = List.copyOf(demoWatchlist);
        pool = pool == null ? Optional.empty() : pool;
        log = log == null ? LogSettings.DEFAULT : log;
        if (demoWatchlist.isEmpty()) {
            throw new IllegalArgumentException("tws.demo.watchlist must name at least one symbol");
        }
    }

    /**
     * @param newConnection the connection settings
     * @return a copy connecting with them
     */
    public TwsSettings withConnection(ConnectionSettings newConnection) {
        return new TwsSettings(newConnection, orders, contracts, history, simulator, demoWatchlist, pool, log);
    }

    /**
     * @param newOrders the order book's settings
     * @return a copy using them
     */
    public TwsSettings withOrders(OrdersSettings newOrders) {
        return new TwsSettings(connection, newOrders, contracts, history, simulator, demoWatchlist, pool, log);
    }

    /**
     * @param newPool the client pool
     * @return a copy with it
     */
    public TwsSettings withPool(PoolSettings newPool) {
        return new TwsSettings(connection, orders, contracts, history, simulator, demoWatchlist,
                Optional.of(newPool), log);
    }

    /**
     * @param newHistory historical data's settings
     * @return a copy using them
     */
    public TwsSettings withHistory(HistorySettings newHistory) {
        return new TwsSettings(connection, orders, contracts, newHistory, simulator, demoWatchlist, pool, log);
    }

    /**
     * @param newSimulator the simulator's settings
     * @return a copy using them
     */
    public TwsSettings withSimulator(SimulatorSettings newSimulator) {
        return new TwsSettings(connection, orders, contracts, history, newSimulator, demoWatchlist, pool, log);
    }

    /** The root key of every setting. */
    public static final String ROOT = "tws";

    /**
     * Reads the settings.
     *
     * @param config a resolved config that includes reference.conf (e.g. {@code ConfigFactory.load()})
     * @return the settings
     * @throws IllegalArgumentException naming the key, if a setting is unknown (with the known key most like it),
     *                                  missing, mistyped or out of range
     */
    public static TwsSettings from(Config config) {
        try {
            Config reference = ConfigFactory.defaultReference();
            // Not defaultReference(): it holds the system properties, which would make any -Dtws.x a known key.
            List<String> unknown = KnownKeys.of(ConfigFactory.defaultReferenceUnresolved().resolve(), ROOT)
                    .unknownKeys(config);
            if (!unknown.isEmpty()) {
                throw new IllegalArgumentException("invalid configuration: " + String.join("; ", unknown));
            }
            Config tws = config.getConfig(ROOT);
            tws.checkValid(reference.getConfig(ROOT));
            Keys orders = new Keys(config, ROOT + ".orders.");
            return new TwsSettings(connection(new Keys(config, ROOT + ".connection.")),
                    new OrdersSettings(Path.of(orders.string("state-dir")), orders.integer("id-block"),
                            orders.duration("reconcile-timeout"), orders.duration("commission-grace"),
                            orders.integer("max-finished")),
                    new ContractsSettings(config.getDuration(ROOT + ".contracts.cache-ttl"),
                            config.getInt(ROOT + ".contracts.cache-size"),
                            config.getDuration(ROOT + ".contracts.request-timeout")),
                    history(new Keys(config, ROOT + ".history.")),
                    simulator(new Keys(config, ROOT + ".simulator.")),
                    config.getStringList(ROOT + ".demo.watchlist"), pool(config),
                    new LogSettings(config.getBoolean(ROOT + ".log.mask-accounts")));
        } catch (ConfigException.ValidationFailed e) {
            StringBuilder problems = new StringBuilder("invalid configuration:");
            e.problems().forEach(p -> problems.append(' ').append(ROOT).append('.').append(p.path()).append(": ")
                    .append(p.problem()).append(';'));
            throw new IllegalArgumentException(problems.toString(), e);
        } catch (ConfigException e) {
            throw new IllegalArgumentException("invalid configuration: " + e.getMessage(), e);
        }
    }

    /**
     * The runnable's service endpoint ({@code tws.service}), read apart from the library's settings: only
     * {@code run} uses it.
     *
     * @param config a resolved config that includes reference.conf
     * @return the settings
     * @throws IllegalArgumentException naming the key, if a setting is missing, mistyped or invalid
     */
    public static ServiceSettings service(Config config) {
        try {
            return new ServiceSettings(ServiceSettings.parseAddress(ROOT + ".service.http",
                    config.getString(ROOT + ".service.http")), config.getBoolean(ROOT + ".service.degraded-is-ready"));
        } catch (ConfigException e) {
            throw new IllegalArgumentException("invalid configuration: " + e.getMessage(), e);
        }
    }

    /** @return the library defaults from reference.conf */
    public static TwsSettings defaults() {
        return from(ConfigFactory.load());
    }

    /**
     * The runnable's configuration: system properties over the given file over the runnable's Akka logging and
     * reference.conf.
     *
     * @param applicationConf usually {@code conf/application.conf}
     * @return the loaded, resolved config
     * @throws IllegalArgumentException naming the file, if it does not exist or does not parse
     */
    public static Config loadConfig(Path applicationConf) {
        if (!Files.exists(applicationConf)) {
            throw new IllegalArgumentException(applicationConf + ": no such file");
        }
        if (!Files.isRegularFile(applicationConf) || !Files.isReadable(applicationConf)) {
            throw new IllegalArgumentException(applicationConf + ": not a readable file");
        }
        Config file;
        try {
            file = ConfigFactory.parseFile(applicationConf.toFile());
        } catch (ConfigException e) {
            // Typesafe Config starts its message with the file's name and line: "app.conf: 3: Expecting ..."
            String problem = e.getMessage().replace('\n', ' ');
            String name = applicationConf.toFile().getPath();
            throw new IllegalArgumentException(applicationConf + ": does not parse as HOCON: "
                    + (problem.startsWith(name + ": ") ? "line " + problem.substring(name.length() + 2) : problem), e);
        }
        return withDefaults(file);
    }

    /** @return the runnable's configuration without a file: system properties over the defaults */
    public static Config loadConfig() {
        return withDefaults(ConfigFactory.empty());
    }

    private static Config withDefaults(Config file) {
        try {
            return ConfigFactory.systemProperties().withFallback(file).withFallback(ConfigFactory.parseResources(
                    "tws-runnable.conf")).withFallback(ConfigFactory.defaultReference()).resolve();
        } catch (ConfigException e) {
            throw new IllegalArgumentException("invalid configuration: " + e.getMessage(), e);
        }
    }

    private static SimulatorSettings simulator(Keys c) {
        return new SimulatorSettings(c.string("host"), c.integer("port"), c.integer("accept-backlog"),
                c.integer("max-version"), c.config.getStringList(c.path("accounts")), c.integer("next-order-id"),
                c.integer("max-clients"), c.zone("time-zone"), c.integer("outbound-buffer"),
                c.config.getLong(c.path("seed")), c.integer("ticks-per-second"), c.integer("max-messages-per-second"),
                c.config.getLong(c.path("chaos-seed")), new SimulatorSettings.Account(
                        c.config.getDouble(c.path("account.starting-cash")), c.duration("account.update-interval"),
                        c.duration("account.pnl-interval")),
                pacingRules(new Keys(c.config, c.path("historical-pacing."))),
                new SimulatorSettings.Limits(c.duration("handshake-timeout"), c.bytes("max-frame-size"),
                        c.config.getBytes(c.path("max-buffered-bytes"))));
    }

    /**
     * Reads {@code tws.pool}: each purpose's keys over {@code tws.connection}, read at the purpose's own path so that
     * every error names the purpose's key.
     */
    private static Optional<PoolSettings> pool(Config config) {
        ConfigObject purposes = config.getObject(ROOT + ".pool.purposes");
        if (purposes.isEmpty()) {
            return Optional.empty();
        }
        Config connection = config.getConfig(ROOT + ".connection");
        Map<String, ConnectionSettings> read = new HashMap<>();
        purposes.forEach((name, value) -> read.put(name, purpose(connection, name, value)));
        return Optional.of(new PoolSettings(config.getString(ROOT + ".pool.default"), read));
    }

    private static ConnectionSettings purpose(Config connection, String name, ConfigValue value) {
        String path = ConfigUtil.joinPath(ROOT, "pool", "purposes", name);
        if (value.valueType() != ConfigValueType.OBJECT) {
            throw new IllegalArgumentException(path + " must be an object of tws.connection keys (at least client-id),"
                    + " was " + value.valueType().name().toLowerCase(java.util.Locale.ROOT));
        }
        Config overrides = ((ConfigObject) value).toConfig();
        overrides.entrySet().forEach(e -> Checks.require(connection.hasPath(e.getKey()), path + "." + e.getKey()
                + " is not a tws.connection key, so a purpose cannot override it"));
        Checks.require(overrides.hasPath("client-id"), path + ".client-id is missing: each purpose needs a client "
                + "id of its own");
        Config merged = overrides.withFallback(connection).atPath(path);
        try {
            return connection(new Keys(merged, path + "."));
        } catch (IllegalArgumentException e) {
            // The settings records name tws.connection's keys; here they are the purpose's.
            throw new IllegalArgumentException(e.getMessage().replace(ROOT + ".connection.", path + "."), e);
        }
    }

    private static HistorySettings history(Keys c) {
        Keys pacing = new Keys(c.config, c.path("pacing."));
        return new HistorySettings(pacingRules(pacing), pacing.integer("max-open"), pacing.integer("queue-size"),
                pacing.duration("retry-after-162"), c.duration("request-timeout"));
    }

    private static HistoricalPacingRules pacingRules(Keys c) {
        try {
            return new HistoricalPacingRules(c.duration("identical-request-window"), c.duration("same-contract-window"),
                    c.integer("same-contract-max"), c.duration("rolling-window"), c.integer("rolling-max"));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(c.prefix() + e.getMessage(), e);
        }
    }

    private static ConnectionSettings connection(Keys c) {
        return new ConnectionSettings(c.string("host"), c.integer("port"), c.integer("client-id"),
                c.enumValue(ConnectionSettings.ClientIdPolicy.class, "client-id-policy"),
                c.config.getIntList(c.path("client-id-rotation")), c.integer("min-version"), c.integer("max-version"),
                c.string("connect-options"), c.duration("connect-timeout"), c.duration("handshake-timeout"),
                new ConnectionSettings.Backoff(c.duration("backoff.min"), c.duration("backoff.max"),
                        c.config.getDouble(c.path("backoff.random-factor")), c.duration("backoff.reset-after")),
                new ConnectionSettings.Heartbeat(c.duration("heartbeat.idle"), c.duration("heartbeat.timeout")),
                new ConnectionSettings.Pacing(c.integer("pacing.messages-per-second"), c.integer("pacing.queue-size")),
                c.enumValue(ConnectionSettings.DisconnectedBehavior.class, "disconnected-behavior"),
                c.duration("request-timeout"), c.integer("socket-buffer"),
                new ConnectionSettings.Socket(c.config.getBoolean(c.path("socket.tcp-no-delay")),
                        c.bytes("socket.receive-buffer"), c.bytes("socket.send-buffer"),
                        c.config.getBoolean(c.path("socket.keep-alive")), c.duration("socket.keep-alive-idle"),
                        c.duration("socket.keep-alive-interval"), c.integer("socket.keep-alive-count"),
                        c.config.getBoolean(c.path("socket.tcp-quick-ack"))));
    }

    /** Reads keys of one section by their full path, so that every error message names the whole key. */
    private record Keys(Config config, String prefix) {

        String path(String key) {
            return prefix + key;
        }

        String string(String key) {
            return config.getString(path(key));
        }

        int integer(String key) {
            return config.getInt(path(key));
        }

        Duration duration(String key) {
            return config.getDuration(path(key));
        }

        int bytes(String key) {
            long value = config.getBytes(path(key));
            if (value > Integer.MAX_VALUE) {
                throw new ConfigException.BadValue(config.origin(), path(key), "at most 2 GiB");
            }
            return (int) value;
        }

        <E extends Enum<E>> E enumValue(Class<E> type, String key) {
            String text = string(key);
            for (E value : type.getEnumConstants()) {
                if (value.name().equalsIgnoreCase(text)) {
                    return value;
                }
            }
            throw new ConfigException.BadValue(config.origin(), path(key), "'" + text + "' is not one of "
                    + java.util.Arrays.stream(type.getEnumConstants()).map(v -> v.name().toLowerCase(java.util.Locale.ROOT))
                    .toList());
        }

        ZoneId zone(String key) {
            try {
                return ZoneId.of(string(key));
            } catch (DateTimeException e) {
                throw new ConfigException.BadValue(config.origin(), path(key), e.getMessage());
            }
        }
    }
}
