package io.github.twssupervisor.json.server;

import static io.github.twssupervisor.json.server.JsonServerIT.DEFAULTS;
import static io.github.twssupervisor.json.server.JsonServerIT.ping;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import akka.actor.testkit.typed.javadsl.ActorTestKit;
import akka.actor.testkit.typed.javadsl.LoggingTestKit;
import io.github.twssupervisor.config.JsonServerSettings;
import io.github.twssupervisor.config.JsonTlsSettings;
import io.github.twssupervisor.json.JsonTls;
import io.github.twssupervisor.testutil.LogCapturing;
import io.github.twssupervisor.testutil.RawJsonClient;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The token handshake and TLS: a wrong or missing token is refused with auth_failed and a close, the right one works,
 * and the token is in no log line; a TLS client that trusts the server's certificate works, one that trusts another
 * is refused, and the server serves on. The keystores are generated with keytool for each run: no key is committed.
 */
@ExtendWith(LogCapturing.class)
class JsonSecurityIT {

    private static final ActorTestKit TEST_KIT = ActorTestKit.create();

    private static final String TOKEN = "s3cret-Token-7f1c";
    private static final String PASSWORD = "changeit";

    @TempDir
    Path dir;

    @AfterAll
    static void shutdown() {
        TEST_KIT.shutdownTestKit();
    }

    @Test
    void aWrongOrMissingTokenIsRefusedTheRightOneServedAndTheTokenNeverLogged() {
        JsonServer server = JsonServerIT.start(TEST_KIT, DEFAULTS.withAuth(Optional.of(TOKEN), Duration.ofSeconds(10)));
        try {
            LoggingTestKit.custom(event -> event.message().contains(TOKEN)
                            || event.getThrowable().map(t -> String.valueOf(t.getMessage()).contains(TOKEN))
                            .orElse(false))
                    .withOccurrences(0)
                    .expect(TEST_KIT.system(), () -> {
                        try (RawJsonClient wrong = RawJsonClient.connect(server.address())) {
                            wrong.send("{\"type\":\"auth\",\"token\":\"" + TOKEN + "x\"}");
                            assertEquals("wrong token", wrong.read("auth_failed").get("error").asText());
                            assertTrue(wrong.closedByServer());
                        }
                        try (RawJsonClient none = RawJsonClient.connect(server.address())) {
                            ping(none, "auth_failed");
                            assertTrue(none.closedByServer());
                        }
                        try (RawJsonClient right = RawJsonClient.connect(server.address());
                             RawJsonClient other = RawJsonClient.connect(server.address())) {
                            right.send("{\"type\":\"auth\",\"token\":\"" + TOKEN + "\"}");
                            right.read("auth_ok");
                            ping(right);
                            // an unauthenticated client receives no broadcast
                            right.send("{\"type\":\"broadcast\",\"content\":\"x\",\"timestamp\":"
                                    + "\"2024-01-01T12:00:00.000Z\"}");
                            assertEquals(0, right.read("broadcast_sent").get("recipients").asInt());
                            other.send("{\"type\":\"auth\",\"token\":\"" + TOKEN + "\"}");
                            other.read("auth_ok");
                        }
                        return null;
                    });
        } finally {
            server.stop().toCompletableFuture().join();
        }
    }

    @Test
    void aClientThatNeverAuthenticatesIsClosedAtTheDeadline() {
        JsonServer server = JsonServerIT.start(TEST_KIT, DEFAULTS.withAuth(Optional.of(TOKEN), Duration.ofMillis(300)));
        try (RawJsonClient silent = RawJsonClient.connect(server.address())) {
            assertTrue(silent.read("auth_failed").get("error").asText().startsWith("no auth message within 300 ms"));
            assertTrue(silent.closedByServer());
        } finally {
            server.stop().toCompletableFuture().join();
        }
    }

    @Test
    void tlsWorksForAClientThatTrustsTheCertificateAndRefusesOneThatDoesNot() throws Exception {
        Path serverStore = keystore("server");
        Path otherStore = keystore("other");
        JsonTlsSettings tls = JsonTlsSettings.DISABLED.withKeystore(serverStore, PASSWORD);
        JsonServerSettings settings = DEFAULTS.withTls(tls);
        JsonServer server = JsonServerIT.start(TEST_KIT, settings);
        try {
            try (RawJsonClient trusting = tlsClient(server, serverStore)) {
                ping(trusting);
            }
            LoggingTestKit.warn("TLS with").expect(TEST_KIT.system(), () -> {
                SSLHandshakeException refused = assertThrows(SSLHandshakeException.class,
                        () -> tlsClient(server, otherStore).socket().getInputStream().read());
                assertTrue(refused.getMessage().contains("PKIX path"), refused.getMessage());
                return null;
            });
            try (RawJsonClient again = tlsClient(server, serverStore)) {
                ping(again);
            }
        } finally {
            server.stop().toCompletableFuture().join();
        }
    }

    private RawJsonClient tlsClient(JsonServer server, Path trusted) throws IOException {
        SSLContext context = JsonTls.context(JsonTlsSettings.DISABLED.withTruststore(trusted, PASSWORD));
        SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket(server.address().getAddress(),
                server.address().getPort());
        socket.startHandshake();
        return new RawJsonClient(socket);
    }

    /** A fresh PKCS12 keystore with a self-signed certificate for 127.0.0.1, written by the JDK's keytool. */
    private Path keystore(String name) throws Exception {
        Path store = dir.resolve(name + ".p12");
        Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
        Process process = new ProcessBuilder(List.of(keytool.toString(), "-genkeypair", "-alias", name,
                "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=" + name, "-ext", "SAN=ip:127.0.0.1",
                "-validity", "2", "-storetype", "PKCS12", "-keystore", store.toString(), "-storepass", PASSWORD,
                "-keypass", PASSWORD)).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "keytool did not finish");
        assertEquals(0, process.exitValue(), output);
        assertTrue(Files.isRegularFile(store));
        return store;
    }
}
