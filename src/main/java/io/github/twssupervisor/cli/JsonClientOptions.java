package io.github.twssupervisor.cli;

import ch.qos.logback.classic.Level;
import io.github.twssupervisor.config.JsonClientSettings;
import io.github.twssupervisor.config.JsonTlsSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import picocli.CommandLine.Option;

/**
 * What every mode of {@code json-client} takes: the server's address, TLS, the settings file and how long to wait for
 * READY. The token is deliberately not an option: a command line is visible to every user of the machine (ps) and
 * lands in shell histories, so it comes from {@code tws.json.client.token} or the {@code TWS_JSON_TOKEN} environment
 * variable only.
 */
final class JsonClientOptions {

    @Option(names = "--host", paramLabel = "HOST", description = "The JSON server's host (default: "
            + "tws.json.client.host, 127.0.0.1).")
    String host;

    @Option(names = "--port", paramLabel = "PORT", description = "Its port (default: tws.json.client.port, 9999).")
    Integer port;

    @Option(names = "--config", paramLabel = "FILE", description = "HOCON settings over the built-in defaults "
            + "(tws.json.client.*: token, timeouts, backoff, TLS); default: conf/application.conf if present.")
    Path config;

    @Option(names = "--tls", description = "Speak TLS (default: tws.json.client.tls.enabled).")
    boolean tls;

    @Option(names = "--truststore", paramLabel = "FILE", description = "The certificates trusted, PKCS12 or JKS (by "
            + "its extension); implies --tls. Its password is tws.json.client.tls.truststore-password (default: the "
            + "JVM's trust).")
    Path truststore;

    @Option(names = "--ready-timeout", defaultValue = "10s", paramLabel = "D", description = "How long to wait for a "
            + "READY connection before giving up with exit code 1 (HOCON duration: 5s, 500ms; default: "
            + "${DEFAULT-VALUE}).")
    String readyTimeout;

    @Option(names = "--log-level", defaultValue = "WARN", paramLabel = "LEVEL", description = "The library's log "
            + "level (stderr): ERROR, WARN, INFO, DEBUG (default: ${DEFAULT-VALUE}, since the state changes are "
            + "printed anyway).")
    String logLevel;

    /** @return {@code --ready-timeout}, validated */
    Duration parsedReadyTimeout() {
        return Durations.parse("--ready-timeout", readyTimeout);
    }

    /**
     * @param main the top-level command, whose {@code --config} this one's overrides
     * @return the configuration loaded
     * @throws IllegalArgumentException for an unknown log level
     */
    Main.Setup setup(Main main) {
        Level level = Level.toLevel(logLevel, null);
        if (level == null) {
            throw new IllegalArgumentException("--log-level must be ERROR, WARN, INFO or DEBUG, was '" + logLevel + "'");
        }
        ConsoleCommand.setLogLevel(level);
        if (config != null) {
            main.config = config;
        }
        return main.setup();
    }

    /**
     * @param setup the configuration loaded
     * @return the configured client settings with the flags given
     * @throws IllegalArgumentException naming the flag or the key, for a bad value
     */
    JsonClientSettings settings(Main.Setup setup) {
        JsonClientSettings base = JsonClientSettings.from(setup.config());
        if (port != null && (port < 1 || port > 65535)) {
            throw new IllegalArgumentException("--port must be 1..65535, was " + port);
        }
        JsonClientSettings settings = base.withTarget(host != null ? host : base.host(),
                port != null ? port : base.port());
        if (!tls && truststore == null) {
            return settings;
        }
        JsonTlsSettings configured = settings.tls();
        Optional<Path> store = truststore != null ? Optional.of(truststore) : configured.truststore();
        if (truststore != null && !Files.isReadable(truststore)) {
            throw new IllegalArgumentException("--truststore " + truststore + " is not a readable file");
        }
        String type = truststore == null ? configured.storeType()
                : truststore.toString().toLowerCase(Locale.ROOT).endsWith(".jks") ? "JKS" : "PKCS12";
        return settings.withSecurity(settings.token(), new JsonTlsSettings(true, configured.keystore(),
                configured.keystorePassword(), store, configured.truststorePassword(), type));
    }
}
