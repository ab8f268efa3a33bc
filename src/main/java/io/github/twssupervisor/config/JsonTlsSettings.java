package io.github.twssupervisor.config;

import com.typesafe.config.Config;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * TLS of one side of the JSON profile ({@code tws.json.server.tls} in reference.conf): a keystore holding our own key
 * and certificate (a server's), a truststore of the certificates we accept (a client's, or a server's that asks for
 * client certificates). An empty store means the JDK's default for that role. Passwords never appear in
 * {@link #toString()}.
 *
 * @param enabled            whether the side speaks TLS at all
 * @param keystore           our key and certificate, if any
 * @param keystorePassword   its password (also the key's)
 * @param truststore         the certificates we trust, if not the JDK's
 * @param truststorePassword its password
 * @param storeType          the format of both stores, e.g. {@code PKCS12} or {@code JKS}
 */
public record JsonTlsSettings(boolean enabled, Optional<Path> keystore, String keystorePassword,
                              Optional<Path> truststore, String truststorePassword, String storeType) {

    /** TLS off. */
    public static final JsonTlsSettings DISABLED = new JsonTlsSettings(false, Optional.empty(), "", Optional.empty(),
            "", "PKCS12");

    /** Requires every field; the checks that name a key are the reader's, which knows the section. */
    public JsonTlsSettings {
        Objects.requireNonNull(keystore, "keystore");
        Objects.requireNonNull(keystorePassword, "keystorePassword");
        Objects.requireNonNull(truststore, "truststore");
        Objects.requireNonNull(truststorePassword, "truststorePassword");
        Checks.require(storeType != null && !storeType.isBlank(), "the TLS store type must not be empty");
    }

    /**
     * @param store    the keystore
     * @param password its password
     * @return a copy with TLS on and that keystore
     */
    public JsonTlsSettings withKeystore(Path store, String password) {
        return new JsonTlsSettings(true, Optional.of(store), password, truststore, truststorePassword, storeType);
    }

    /**
     * @param store    the truststore
     * @param password its password
     * @return a copy with TLS on and that truststore
     */
    public JsonTlsSettings withTruststore(Path store, String password) {
        return new JsonTlsSettings(true, keystore, keystorePassword, Optional.of(store), password, storeType);
    }

    /**
     * @param config  a resolved config
     * @param section the TLS section's full path, e.g. {@code tws.json.server.tls}; an empty path is no store
     * @return its settings
     * @throws com.typesafe.config.ConfigException if a key is missing or mistyped (naming the full key)
     */
    public static JsonTlsSettings from(Config config, String section) {
        return new JsonTlsSettings(config.getBoolean(section + ".enabled"), path(config, section + ".keystore"),
                config.getString(section + ".keystore-password"), path(config, section + ".truststore"),
                config.getString(section + ".truststore-password"), config.getString(section + ".store-type"));
    }

    /** An empty string is the absence of a value, as HOCON has no other way to leave a key unset. */
    private static Optional<Path> path(Config config, String key) {
        String value = config.getString(key);
        return value.isEmpty() ? Optional.empty() : Optional.of(Path.of(value));
    }

    /** Passwords are secrets: shown as {@code ***} when set. */
    @Override
    public String toString() {
        return "JsonTlsSettings[enabled=" + enabled + ", keystore=" + keystore.map(Path::toString).orElse("")
                + ", keystorePassword=" + (keystorePassword.isEmpty() ? "" : "***") + ", truststore="
                + truststore.map(Path::toString).orElse("") + ", truststorePassword="
                + (truststorePassword.isEmpty() ? "" : "***") + ", storeType=" + storeType + "]";
    }
}
