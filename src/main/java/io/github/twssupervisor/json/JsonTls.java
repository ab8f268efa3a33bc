package io.github.twssupervisor.json;

import io.github.twssupervisor.config.JsonTlsSettings;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.function.Supplier;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;

/**
 * TLS for both sides of the JSON profile: an {@link SSLContext} from {@link JsonTlsSettings}' stores, and the
 * {@link SSLEngine} suppliers Akka Streams' {@code Tcp.bindWithTls} and {@code Tcp.outgoingConnectionWithTls} take.
 * Only TLS 1.3 and 1.2 are enabled. A store that cannot be read fails here, at start-up, with the path and the reason,
 * rather than at the first handshake.
 */
public final class JsonTls {

    private static final String[] PROTOCOLS = {"TLSv1.3", "TLSv1.2"};

    private JsonTls() {
    }

    /**
     * @param settings the stores; an absent keystore means no key of our own, an absent truststore the JDK's default
     * @return an initialised context
     * @throws IllegalArgumentException naming the store, if it is missing, unreadable, of another type or locked with
     *                                  another password
     */
    public static SSLContext context(JsonTlsSettings settings) {
        try {
            KeyManager[] keys = null;
            if (settings.keystore().isPresent()) {
                KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
                factory.init(load(settings.keystore().get(), settings.keystorePassword(), settings.storeType()),
                        settings.keystorePassword().toCharArray());
                keys = factory.getKeyManagers();
            }
            TrustManager[] trust = null;
            if (settings.truststore().isPresent()) {
                TrustManagerFactory factory = TrustManagerFactory.getInstance(
                        TrustManagerFactory.getDefaultAlgorithm());
                factory.init(load(settings.truststore().get(), settings.truststorePassword(), settings.storeType()));
                trust = factory.getTrustManagers();
            }
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keys, trust, null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("TLS cannot be set up: " + e.getMessage(), e);
        }
    }

    /**
     * @param settings the server's stores (a keystore with its key is required)
     * @return a supplier of server-mode engines, one per accepted connection
     */
    public static Supplier<SSLEngine> serverEngines(JsonTlsSettings settings) {
        SSLContext context = context(settings);
        return () -> {
            SSLEngine engine = context.createSSLEngine();
            engine.setUseClientMode(false);
            engine.setEnabledProtocols(PROTOCOLS);
            return engine;
        };
    }

    /**
     * Client-mode engines that check the server's certificate against the truststore and its name against the host
     * (HTTPS endpoint identification: the certificate must name the host, or the IP address, in its subject
     * alternative names).
     *
     * @param settings the client's stores
     * @param host     the server's host name or address, as connected to
     * @param port     the server's port
     * @return a supplier of client-mode engines, one per connection
     */
    public static Supplier<SSLEngine> clientEngines(JsonTlsSettings settings, String host, int port) {
        SSLContext context = context(settings);
        return () -> {
            SSLEngine engine = context.createSSLEngine(host, port);
            engine.setUseClientMode(true);
            engine.setEnabledProtocols(PROTOCOLS);
            SSLParameters parameters = engine.getSSLParameters();
            parameters.setEndpointIdentificationAlgorithm("HTTPS");
            engine.setSSLParameters(parameters);
            return engine;
        };
    }

    private static KeyStore load(Path path, String password, String type) throws GeneralSecurityException {
        if (!Files.isRegularFile(path)) {
            throw new IllegalArgumentException("TLS store " + path + ": no such file");
        }
        KeyStore store = KeyStore.getInstance(type);
        try (InputStream in = Files.newInputStream(path)) {
            store.load(in, password.toCharArray());
        } catch (IOException e) {
            // KeyStore reports a wrong password as an IOException whose cause is an UnrecoverableKeyException
            throw new IllegalArgumentException("TLS store " + path + " cannot be read as " + type + ": "
                    + e.getMessage() + " (wrong password or type?)", e);
        }
        return store;
    }
}
