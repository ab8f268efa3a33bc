package io.github.twssupervisor.cli;

import io.github.twssupervisor.config.JsonClientSettings;
import io.github.twssupervisor.json.JsonMessage;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParentCommand;

/**
 * {@code json-client demo}: waits for READY, sends each message type once (and a type the server does not know, to
 * show its {@code error} reply), prints every request and reply, and closes.
 */
@Command(name = "demo", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Connects, sends each message type once (ping, echo, broadcast, get_stats, and an unknown type "
                + "to show the server's error reply), prints every reply with its round trip, and closes.", "",
                "Example:", "  json-client demo --port 9999", ""},
        exitCodeListHeading = "Exit codes:%n",
        exitCodeList = {"0:every request got its reply", "1:not READY within --ready-timeout, or a request got no "
                + "reply", "2:invalid arguments or settings"})
final class JsonDemoCommand implements Callable<Integer> {

    /** The type the demo sends to show the server's answer to a type it does not know. */
    static final String UNKNOWN_TYPE = "no_such_type";

    @ParentCommand
    private JsonClientCommand parent;

    @Mixin
    private JsonClientOptions options = new JsonClientOptions();

    @Override
    public Integer call() {
        Duration readyTimeout = options.parsedReadyTimeout();
        Main.Setup setup = options.setup(parent.main);
        JsonClientSettings settings = options.settings(setup);
        PrintStream out = System.out;
        out.println("json-client demo: " + describe(settings));
        List<JsonMessage> requests = requests(Instant.now());
        try (JsonClientSession session = JsonClientSession.open(setup, settings, out::println, true)) {
            session.awaitReady(readyTimeout);
            requests.forEach(session::exchange);
        }
        out.println("demo done: " + requests.size() + " requests, " + requests.size() + " replies");
        return 0;
    }

    /** @return {@code 127.0.0.1:9999 (TLS, token set)}: the target and the security, never the token */
    static String describe(JsonClientSettings settings) {
        return settings.host() + ":" + settings.port() + " (" + (settings.tls().enabled() ? "TLS" : "no TLS") + ", "
                + (settings.token().isPresent() ? "token set" : "no token") + ")";
    }

    /** @return one request of each type, and one of a type no server knows */
    static List<JsonMessage> requests(Instant now) {
        return List.of(new JsonMessage.Ping(now, "tws-supervisor json-client demo"),
                new JsonMessage.Echo("Hello, JSON server!", now),
                new JsonMessage.Broadcast("json-client demo says hello", now),
                new JsonMessage.GetStats(now),
                new JsonMessage.Custom(UNKNOWN_TYPE, "{\"note\":\"a type the server does not know\"}"));
    }
}
