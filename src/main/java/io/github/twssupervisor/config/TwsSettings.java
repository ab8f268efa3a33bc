package io.github.twssupervisor.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;

/**
 * All settings of tws-supervisor, read from the {@code tws} section of a Typesafe Config. The only class that reads
 * configuration keys; it checks the given config against reference.conf, so a misspelt or mistyped key fails at start-up
 * with the key's name instead of being ignored.
 *
 * @param connection    the connection's settings
 * @param orders        the order book's settings
 * @param contracts     the contract cache's settings
 * @param simulator     the simulator's settings
 * @param demoWatchlist the symbols the demo command subscribes to
 */
public record TwsSettings(ConnectionSettings connection, OrdersSettings orders, ContractsSettings contracts,
                          SimulatorSettings simulator, List<String> demoWatchlist) {

    /** Copies the list. */
    public TwsSettings {
        demoWatchlist = List.copyOf(demoWatchlist);
        if (demoWatchlist.isEmpty()) {
            throw new IllegalArgumentException("tws.demo.watchlist must name at least one symbol");
        }
    }

    /**
     * @param newConnection the connection settings
     * @return a copy connecting with them
     */
    public TwsSettings withConnection(ConnectionSettings newConnection) {
        return new TwsSettings(newConnection, orders, contracts, simulator, demoWatchlist);
    }

    /**
     * @param newOrders the order book's settings
     * @return a copy using them
     */
    public TwsSettings withOrders(OrdersSettings newOrders) {
        return new TwsSettings(connection, newOrders, contracts, simulator, demoWatchlist);
    }

    /** The root key of every setting. */
    public static final String ROOT = "tws";

    /**
     * Reads the settings.
     *
     * @param config a resolved config that includes reference.conf (e.g. {@code ConfigFactory.load()})
     * @return the settings
     * @throws IllegalArgumentException naming the key, if a setting is missing, mistyped or out of range
     */
    public static TwsSettings from(Config config) {
        try {
            Config tws = config.getConfig(ROOT);
            tws.checkValid(ConfigFactory.defaultReference().getConfig(ROOT));
            Keys orders = new Keys(config, ROOT + ".orders.");
            return new TwsSettings(connection(new Keys(config, ROOT + ".connection.")),
                    new OrdersSettings(Path.of(orders.string("state-dir")), orders.integer("id-block"),
                            orders.duration("reconcile-timeout"), orders.duration("commission-grace"),
                            orders.integer("max-finished")),
                    new ContractsSettings(config.getDuration(ROOT + ".contracts.cache-ttl"),
                            config.getInt(ROOT + ".contracts.cache-size"),
                            config.getDuration(ROOT + ".contracts.request-timeout")),
                    simulator(new Keys(config, ROOT + ".simulator.")),
                    config.getStringList(ROOT + ".demo.watchlist"));
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
     * The runnable's configuration: the given file (if it exists) over system properties' defaults and reference.conf.
     *
     * @param applicationConf usually {@code conf/application.conf}
     * @return the loaded, resolved config
     */
    public static Config loadConfig(Path applicationConf) {
        Config file = Files.isRegularFile(applicationConf) ? ConfigFactory.parseFile(applicationConf.toFile())
                : ConfigFactory.empty();
        return ConfigFactory.systemProperties().withFallback(file).withFallback(ConfigFactory.parseResources(
                "tws-runnable.conf")).withFallback(ConfigFactory.defaultReference()).resolve();
    }

    private static SimulatorSettings simulator(Keys c) {
        return new SimulatorSettings(c.string("host"), c.integer("port"), c.integer("accept-backlog"),
                c.integer("max-version"), c.config.getStringList(c.path("accounts")), c.integer("next-order-id"),
                c.integer("max-clients"), c.zone("time-zone"), c.integer("outbound-buffer"),
                c.config.getLong(c.path("seed")), c.integer("ticks-per-second"), c.integer("max-messages-per-second"),
                c.config.getLong(c.path("chaos-seed")), new SimulatorSettings.Account(
                        c.config.getDouble(c.path("account.starting-cash")), c.duration("account.update-interval"),
                        c.duration("account.pnl-interval")),
                new SimulatorSettings.Limits(c.duration("handshake-timeout"), c.bytes("max-frame-size"),
                        c.config.getBytes(c.path("max-buffered-bytes"))));
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
