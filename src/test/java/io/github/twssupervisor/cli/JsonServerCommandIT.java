package io.github.twssupervisor.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.twssupervisor.testutil.JarProcess;
import io.github.twssupervisor.testutil.RawJsonClient;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** {@code json-server} as a user runs it: the shaded jar, a raw client, SIGTERM. */
class JsonServerCommandIT {

    @Test
    void sigtermTellsTheClientClosesAndExitsZero() {
        try (JarProcess server = JarProcess.start("json-server", "--port", "0")) {
            int port = server.listeningPort();
            try (RawJsonClient client = RawJsonClient.connect(new InetSocketAddress("127.0.0.1", port))) {
                client.send("{\"type\":\"ping\",\"timestamp\":\"2024-01-01T12:00:00.000Z\",\"client_info\":\"it\"}");
                assertEquals(client.id(), client.read("pong").get("client_id").asText());
                server.terminate();
                assertEquals("server shutting down", client.read("server_shutdown").get("message").asText());
                assertTrue(client.closedByServer(), "end of stream after server_shutdown");
            }
            assertEquals(0, server.awaitExit());
        }
    }

    @Test
    void aTokenFileIsRequiredToBeUsedAndNeverPrinted() throws Exception {
        Path tokenFile = Files.createTempFile("json-token", ".txt");
        try {
            Files.writeString(tokenFile, "file-token-93ab\n");
            try (JarProcess server = JarProcess.start("json-server", "--port", "0", "--token-file",
                    tokenFile.toString())) {
                int port = server.listeningPort();
                try (RawJsonClient client = RawJsonClient.connect(new InetSocketAddress("127.0.0.1", port))) {
                    client.send("{\"type\":\"auth\",\"token\":\"file-token-93ab\"}");
                    client.read("auth_ok");
                }
                server.terminate();
                assertEquals(0, server.awaitExit());
                String logs = String.join("\n", server.stderr());
                assertTrue(logs.contains("token required"), logs);
                assertTrue(!logs.contains("file-token-93ab"), "the token is in the logs");
            }
        } finally {
            Files.deleteIfExists(tokenFile);
        }
    }

    @Test
    void anInvalidSettingExitsWithCode2() {
        try (JarProcess server = JarProcess.start("json-server", "--port", "0", "--max-clients", "0")) {
            assertEquals(Main.EXIT_USAGE, server.awaitExit());
        }
    }
}
