package io.github.twssupervisor.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.ZoneId;

/**
 * All settings of tws-supervisor, read from the {@code tws} section of a Typesafe Config. The only class that reads
 * configuration keys; it checks the given config against reference.conf, so a misspelt or mistyped key fails at start-up
 * with the key's name instead of being ignored.
 *
 * @param simulator the simulator's settings
 */
public record TwsSettings(SimulatorSettings simulator) {

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
            return new TwsSettings(simulator(new Keys(config, ROOT + ".simulator.")));
        } catch (ConfigException.ValidationFailed e) {
            StringBuilder problems = new StringBuilder("invalid configuration:");
            e.problems().forEach(p -> problems.append(' ').append(ROOT).append('.').append(p.path()).append(": ")
                    .append(p.problem()).append(';'));
            throw new IllegalArgumentException(problems.toString(), e);
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
                c.integer("max-clients"), c.zone("time-zone"), c.integer("outbound-buffer"));
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

        ZoneId zone(String key) {
            try {
                return ZoneId.of(string(key));
            } catch (DateTimeException e) {
                throw new ConfigException.BadValue(config.origin(), path(key), e.getMessage());
            }
        }
    }
}
