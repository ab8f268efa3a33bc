package io.github.twssupervisor.cli;

import akka.actor.CoordinatedShutdown;
import akka.actor.typed.ActorSystem;
import io.github.twssupervisor.config.JsonServerSettings;
import io.github.twssupervisor.json.server.JsonServer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletionException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code json-server}: runs the JSON profile's server until SIGTERM or Ctrl-C, then shuts down gracefully (unbind,
 * {@code server_shutdown} to every client, close) and exits 0.
 */
@Command(name = "json-server", mixinStandardHelpOptions = true,
        description = {"Runs the JSON profile's server: 4-byte big-endian length + UTF-8 JSON (ping, echo, broadcast, "
            + "get_stats). Prints 'listening on HOST:PORT' as its first line. SIGTERM or Ctrl-C: stop accepting, send "
            + "server_shutdown to every client, close, exit 0. Settings: tws.json.server (reference.conf)."})
final class JsonServerCommand implements Callable<Integer> {

    @ParentCommand
    private Main main;

    @Option(names = "--host", paramLabel = "HOST", description = "Interface to listen on (default: "
            + "tws.json.server.host, 127.0.0.1); anything but loopback without TLS is logged at WARN.")
    private String host;

    @Option(names = "--port", paramLabel = "PORT", description = "Port; 0 picks a free one (default: "
            + "tws.json.server.port, 9999).")
    private Integer port;

    @Option(names = "--max-clients", paramLabel = "N", description = "Connections served at once (default: "
            + "tws.json.server.max-clients).")
    private Integer maxClients;

    @Option(names = "--config", paramLabel = "FILE", description = "HOCON settings over the built-in defaults, as "
            + "the global --config.")
    private Path config;

    @Option(names = "--token-file", paramLabel = "FILE", description = "Require clients to send auth with the token "
            + "in this file (its first line); or set tws.json.server.auth-token / TWS_JSON_TOKEN. Never printed.")
    private Path tokenFile;

    @Option(names = "--tls-keystore", paramLabel = "FILE", description = "Serve TLS with the key in this keystore "
            + "(password: tws.json.server.tls.keystore-password / TWS_JSON_KEYSTORE_PASSWORD).")
    private Path tlsKeystore;

    @Override
    public Integer call() throws Exception {
        if (config != null) {
            main.config = config;
        }
        Main.Setup setup = main.setup();
        JsonServerSettings settings = overrides(JsonServerSettings.from(setup.config()));
        ActorSystem<Void> system = setup.actorSystem("json-server");
        JsonServer server;
        try {
            server = JsonServer.start(system, settings).toCompletableFuture().join();
        } catch (CompletionException e) {
            System.err.println("error: " + e.getCause().getMessage());
            system.terminate();
            system.getWhenTerminated().toCompletableFuture().join();
            return Main.EXIT_FAILURE;
        }
        CoordinatedShutdown.get(system).addTask(CoordinatedShutdown.PhaseServiceUnbind(), "stop-json-server",
                server::stop);
        ShutdownSignals.install(system);
        System.out.println("listening on " + server.address().getHostString() + ":" + server.address().getPort());
        System.out.flush();
        system.getWhenTerminated().toCompletableFuture().join();
        return 0;
    }

    private JsonServerSettings overrides(JsonServerSettings base) throws IOException {
        JsonServerSettings s = base.withAddress(host != null ? host : base.host(), port != null ? port : base.port());
        if (maxClients != null) {
            s = s.withMaxClients(maxClients);
        }
        if (tokenFile != null) {
            String token = Files.readAllLines(tokenFile, StandardCharsets.UTF_8).stream().findFirst().orElse("")
                    .strip();
            if (token.isEmpty()) {
                throw new IllegalArgumentException("--token-file " + tokenFile + ": the first line is empty");
            }
            s = s.withAuth(Optional.of(token), s.authTimeout());
        }
        if (tlsKeystore != null) {
            s = s.withTls(s.tls().withKeystore(tlsKeystore, s.tls().keystorePassword()));
        }
        return s;
    }
}
