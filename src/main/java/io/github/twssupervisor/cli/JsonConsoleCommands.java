package io.github.twssupervisor.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.twssupervisor.json.JsonMessage;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * The lines of {@code json-client interactive}: {@code /ping}, {@code /echo TEXT}, {@code /broadcast TEXT},
 * {@code /stats}, {@code /custom TYPE [JSON]}, {@code /help}, {@code /exit}, and plain text, sent as an echo. Each line
 * becomes one request handed to {@code send} (which prints it and its reply); a bad line prints one {@code error:}
 * line saying what is wrong, and nothing throws out of {@link #execute(String)}, so the shell keeps running.
 */
final class JsonConsoleCommands {

    /** The commands, for /help and completion. */
    static final List<String> COMMANDS = List.of("/ping", "/echo", "/broadcast", "/stats", "/custom", "/help",
            "/exit");

    static final String HELP = String.join(System.lineSeparator(),
            "/ping                  ping the server; prints the round trip",
            "/echo TEXT             the server echoes TEXT",
            "/broadcast TEXT        every other client gets TEXT; prints how many",
            "/stats                 the server's statistics",
            "/custom TYPE [JSON]    a message of any type, its other fields a JSON object (default {})",
            "/help                  this list",
            "/exit                  end (also /quit, Ctrl-D)",
            "any other text         sent as an echo");

    /** Strict: {@code {"a":1} x} is refused, not read as {@code {"a":1}}. */
    private static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private final Consumer<String> print;
    private final Consumer<JsonMessage> send;

    /**
     * @param print prints one line
     * @param send  sends a request and prints it and its reply, or an {@code error:} line; returns when done
     */
    JsonConsoleCommands(Consumer<String> print, Consumer<JsonMessage> send) {
        this.print = print;
        this.send = send;
    }

    /**
     * @param line a line as typed
     * @return false when the line ends the session
     */
    boolean execute(String line) {
        String trimmed = line.strip();
        if (trimmed.isEmpty()) {
            return true;
        }
        if (!trimmed.startsWith("/")) {
            send.accept(new JsonMessage.Echo(trimmed, Instant.now()));
            return true;
        }
        int space = trimmed.indexOf(' ');
        String command = (space < 0 ? trimmed : trimmed.substring(0, space)).toLowerCase(Locale.ROOT);
        String rest = space < 0 ? "" : trimmed.substring(space + 1).strip();
        switch (command) {
            case "/exit", "/quit" -> {
                return false;
            }
            case "/help" -> print.accept(HELP);
            case "/ping" -> send.accept(new JsonMessage.Ping(Instant.now(), "tws-supervisor json-client interactive"));
            case "/stats" -> send.accept(new JsonMessage.GetStats(Instant.now()));
            case "/echo" -> withText(command, rest, text -> send.accept(new JsonMessage.Echo(text, Instant.now())));
            case "/broadcast" -> withText(command, rest,
                    text -> send.accept(new JsonMessage.Broadcast(text, Instant.now())));
            case "/custom" -> custom(rest);
            default -> print.accept("error: unknown command " + command + "; /help lists the commands");
        }
        return true;
    }

    private void withText(String command, String text, Consumer<String> then) {
        if (text.isEmpty()) {
            print.accept("error: " + command + " needs a text: " + command + " hello");
        } else {
            then.accept(text);
        }
    }

    private void custom(String rest) {
        if (rest.isEmpty()) {
            print.accept("error: /custom needs a type: /custom TYPE [JSON], e.g. /custom my_type {\"a\": 1}");
            return;
        }
        int space = rest.indexOf(' ');
        String type = space < 0 ? rest : rest.substring(0, space);
        String json = space < 0 ? "{}" : rest.substring(space + 1).strip();
        if (type.equals(JsonMessage.Ping.TYPE)) {
            // Its pong would be taken for the answer of a ping by timestamp, which a custom ping may not carry.
            print.accept("error: /custom ping: use /ping");
            return;
        }
        if (type.equals(JsonMessage.Auth.TYPE)) {
            print.accept("error: /custom auth: the token is sent when connecting; set tws.json.client.token or "
                    + "TWS_JSON_TOKEN");
            return;
        }
        JsonNode fields;
        try {
            fields = MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            print.accept("error: /custom " + type + ": not valid JSON: " + json + " (" + jacksonProblem(e) + ")");
            return;
        }
        if (fields == null || !fields.isObject()) {
            print.accept("error: /custom " + type + ": the fields must be a JSON object such as {\"a\": 1}, was: "
                    + json);
        } else if (fields.has("type")) {
            print.accept("error: /custom " + type + ": the fields must not have a \"type\": it is " + type);
        } else {
            send.accept(new JsonMessage.Custom(type, fields.toString()));
        }
    }

    /** @return Jackson's words without its source excerpt: {@code Unexpected end-of-input: expected close marker...} */
    static String jacksonProblem(JsonProcessingException e) {
        String message = e.getOriginalMessage();
        int cut = message.indexOf(" (start marker");
        cut = cut >= 0 ? cut : message.indexOf('\n');
        return (cut >= 0 ? message.substring(0, cut) : message) + (e.getLocation() != null
                ? " at column " + e.getLocation().getColumnNr() : "");
    }
}
