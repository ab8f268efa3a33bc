package io.github.twssupervisor.json.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import akka.actor.testkit.typed.javadsl.ActorTestKit;
import com.typesafe.config.ConfigFactory;
import io.github.twssupervisor.config.JsonClientSettings;
import io.github.twssupervisor.connection.ConnectionState;
import io.github.twssupervisor.json.JsonMessage;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** A request the client cannot encode is refused at once, and the client lives on. No server is needed. */
class JsonClientRequestTest {

    private static final ActorTestKit KIT = ActorTestKit.create();

    @AfterAll
    static void shutdown() {
        KIT.shutdownTestKit();
    }

    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    @Test
    void aCustomMessageWhoseFieldsAreNoJsonObjectIsRefusedWithoutStoppingTheClient() throws Exception {
        JsonClient client = JsonClient.create(KIT.system(), JsonClientSettings.from(ConfigFactory.load())
                .withTarget("127.0.0.1", closedPort()));
        try {
            CompletableFuture<JsonMessage> refused = client.send(new JsonMessage.Custom("x", "[1]"))
                    .toCompletableFuture();
            // Well within the 10 s request timeout: the refusal is an answer, not the ask timing out.
            ExecutionException e = assertThrows(ExecutionException.class, () -> refused.get(5, TimeUnit.SECONDS));
            assertTrue(e.getCause().getMessage().startsWith("x not sent: "), e.getCause().getMessage());
        } finally {
            client.closeAsync().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
        assertEquals(ConnectionState.CLOSED, client.state());
    }

    @Test
    void aCustomPingOrAuthIsRefusedSinceItsReplyWouldAnswerNoRequestInOrder() throws Exception {
        JsonClient client = JsonClient.create(KIT.system(), JsonClientSettings.from(ConfigFactory.load())
                .withTarget("127.0.0.1", closedPort()));
        try {
            for (JsonMessage custom : java.util.List.of(new JsonMessage.Custom("ping", "{}"),
                    new JsonMessage.Custom("auth", "{\"token\":\"t\"}"), new JsonMessage.Auth("t"))) {
                ExecutionException e = assertThrows(ExecutionException.class,
                        () -> client.send(custom).toCompletableFuture().get(5, TimeUnit.SECONDS));
                assertTrue(e.getCause() instanceof IllegalArgumentException, custom + ": " + e.getCause());
            }
        } finally {
            client.close();
        }
    }

    @Test
    void closingTwiceAndWithACancelledStreamCompletesAndLaterStreamsAreEmpty() throws Exception {
        JsonClient client = JsonClient.create(KIT.system(), JsonClientSettings.from(ConfigFactory.load())
                .withTarget("127.0.0.1", closedPort()));
        client.broadcasts().runWith(akka.stream.javadsl.Sink.cancelled(), KIT.system());
        CompletableFuture<?> stream = client.events().runWith(akka.stream.javadsl.Sink.ignore(), KIT.system())
                .toCompletableFuture();
        client.closeAsync().toCompletableFuture().get(5, TimeUnit.SECONDS);
        client.closeAsync().toCompletableFuture().get(5, TimeUnit.SECONDS);
        client.close();
        stream.get(5, TimeUnit.SECONDS); // completed by the close
        client.interruptions().runWith(akka.stream.javadsl.Sink.ignore(), KIT.system()).toCompletableFuture()
                .get(5, TimeUnit.SECONDS);
    }

    @Test
    void aTruststoreThatCannotBeReadThrowsToTheCaller() throws Exception {
        java.nio.file.Path missing = java.nio.file.Path.of("no-such-dir", "trust.p12");
        JsonClientSettings settings = JsonClientSettings.from(ConfigFactory.load()).withTarget("127.0.0.1",
                closedPort());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> JsonClient.create(
                KIT.system(), settings.withSecurity(java.util.Optional.empty(),
                        io.github.twssupervisor.config.JsonTlsSettings.DISABLED.withTruststore(missing, "pw"))));
        assertTrue(e.getMessage().contains(missing.toString()), e.getMessage());
    }
}
