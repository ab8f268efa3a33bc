package io.github.twssupervisor.json.client;

import io.github.twssupervisor.config.JsonClientSettings;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.Optional;
import java.util.function.Supplier;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.TrustManagerFactory;

/**
 * The client's TLS engines: trust from {@code tws.json.client.tls.truststore} (or the JVM's default), the server's
 * certificate checked against the host connected to, as HTTPS does.
 */
final class ClientTls {

    private ClientTls() {
    }

    /**
     * @param settings the client's settings
     * @return engines for each connection, or empty when TLS is off
     * @throws IllegalArgumentException when the truststore cannot be read, naming it
     */
    static Optional<Supplier<SSLEngine>> engines(JsonClientSettings settings) {
        JsonClientSettings.Tls tls = settings.tls();
        if (!tls.enabled()) {
            return Optional.empty();
        }
        SSLContext context = context(tls);
        return Optional.of(() -> {
            SSLEngine engine = context.createSSLEngine(settings.host(), settings.port());
            engine.setUseClientMode(true);
            SSLParameters parameters = engine.getSSLParameters();
            parameters.setEndpointIdentificationAlgorithm("HTTPS");
            engine.setSSLParameters(parameters);
            return engine;
        });
    }

    private static SSLContext context(JsonClientSettings.Tls tls) {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            if (tls.truststore().isEmpty()) {
                context.init(null, null, null);
                return context;
            }
            KeyStore store = KeyStore.getInstance(tls.storeType());
            try (InputStream in = Files.newInputStream(tls.truststore().get())) {
                store.load(in, tls.truststorePassword().toCharArray());
            }
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(store);
            context.init(null, trust.getTrustManagers(), null);
            return context;
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalArgumentException(JsonClientSettings.SECTION + ".tls.truststore: cannot read "
                    + tls.truststore().map(Object::toString).orElse("(default)") + ": " + e.getMessage(), e);
        }
    }
}
