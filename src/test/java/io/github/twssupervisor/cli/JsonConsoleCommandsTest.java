package io.github.twssupervisor.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.twssupervisor.json.JsonMessage;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The interactive mode's lines, each turned into one request or one error line, with no client. */
class JsonConsoleCommandsTest {

    private final List<String> printed = new ArrayList<>();
    private final List<JsonMessage> sent = new ArrayList<>();
    private final JsonConsoleCommands commands = new JsonConsoleCommands(printed::add, sent::add);

    @Test
    void eachCommandSendsItsMessageAndPlainTextIsAnEcho() {
        for (String line : List.of("/ping", "/echo hi there", "/broadcast to all", "/stats", "/custom foo {\"a\":1}",
                "/custom bare", "just text", "  ")) {
            assertTrue(commands.execute(line), line);
        }
        assertEquals(List.of("ping", "echo", "broadcast", "get_stats", "foo", "bare", "echo"),
                sent.stream().map(JsonMessage::type).toList());
        assertEquals("hi there", ((JsonMessage.Echo) sent.get(1)).content());
        assertEquals("to all", ((JsonMessage.Broadcast) sent.get(2)).content());
        assertEquals("{\"a\":1}", ((JsonMessage.Custom) sent.get(4)).fieldsJson());
        assertEquals("{}", ((JsonMessage.Custom) sent.get(5)).fieldsJson());
        assertEquals("just text", assertInstanceOf(JsonMessage.Echo.class, sent.get(6)).content());
        assertEquals(List.of(), printed);
    }

    @Test
    void badLinesPrintOneErrorAndSendNothing() {
        for (String line : List.of("/custom bad {", "/custom arr [1]", "/custom two {} {}", "/custom t {\"type\":1}",
                "/custom", "/custom ping", "/custom auth {\"token\":\"x\"}", "/echo", "/broadcast", "/nope")) {
            assertTrue(commands.execute(line), line);
        }
        assertEquals(List.of(), sent);
        assertEquals(10, printed.size(), String.valueOf(printed));
        assertTrue(printed.stream().allMatch(l -> l.startsWith("error: ")), String.valueOf(printed));
        assertEquals("error: /custom bad: not valid JSON: { (Unexpected end-of-input: expected close marker for "
                + "Object at column 2)", printed.get(0));
        assertTrue(printed.get(1).contains("must be a JSON object"), printed.get(1));
        assertTrue(printed.get(2).contains("not valid JSON"), printed.get(2));
        assertTrue(printed.get(3).contains("must not have a \"type\""), printed.get(3));
        assertTrue(printed.get(9).contains("unknown command /nope"), printed.get(9));
    }

    @Test
    void exitAndQuitEndTheSessionAndHelpListsEveryCommand() {
        assertTrue(commands.execute("/help"));
        JsonConsoleCommands.COMMANDS.forEach(c -> assertTrue(printed.get(0).contains(c), c));
        assertFalse(commands.execute("/exit"));
        assertFalse(commands.execute("/QUIT"));
    }
}
