package io.github.twssupervisor.simulator;

import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import java.time.Duration;
import java.util.Map;
import java.util.function.Function;

/**
 * A fault and the connections it applies to, as one console line: {@code NAME [ARG] [CLIENT_ID]}.
 *
 * <pre>
 * drop | garbage | bomb | unknown-msg | bad-field | reject-client-id       [CLIENT_ID]
 * stall D | mute D                                                          [CLIENT_ID]
 * notice CODE | pace-limit N                                                [CLIENT_ID]
 * flood KIND D          (KIND: notice, error, unknown, tick, mixed)         [CLIENT_ID]
 * drop-after-order accepted|lost | next-id-back N                          [CLIENT_ID]
 * delay-handshake D | refuse D                                              (all connections only)
 * D is a HOCON duration: 500ms, 2s, 1.5s
 * </pre>
 *
 * @param fault  the fault
 * @param target the connections it applies to
 */
public record FaultCommand(Fault fault, Target target) {

    private static final Map<String, Fault> WITHOUT_ARGUMENT = Map.of("drop", new Fault.Drop(), "garbage",
            new Fault.Garbage(), "bomb", new Fault.Bomb(), "unknown-msg", new Fault.UnknownMessage(), "bad-field",
            new Fault.BadField(), "reject-client-id", new Fault.RejectClientId());
    private static final Map<String, Function<String, Fault>> WITH_ARGUMENT = Map.of(
            "stall", a -> new Fault.Stall(duration(a)),
            "mute", a -> new Fault.Mute(duration(a)),
            "delay-handshake", a -> new Fault.DelayHandshake(duration(a)),
            "refuse", a -> new Fault.Refuse(duration(a)),
            "notice", a -> new Fault.Notice(integer(a)),
            "pace-limit", a -> new Fault.PaceLimit(integer(a)),
            "drop-after-order", a -> new Fault.DropAfterOrder(lost(a)),
            "next-id-back", a -> new Fault.NextIdBack(integer(a)));
    private static final String FLOOD = "flood";

    /** Validates. */
    public FaultCommand {
        if (fault == null || target == null) {
            throw new IllegalArgumentException("fault and target are required");
        }
        if (target.clientId().isPresent() && !appliesToOneClient(fault)) {
            throw new IllegalArgumentException(fault.command() + " applies to the port, not to one client");
        }
    }

    /**
     * @param fault a fault
     * @return whether it may name a client id ({@code delay-handshake} and {@code refuse} act on the port)
     */
    static boolean appliesToOneClient(Fault fault) {
        return !(fault instanceof Fault.DelayHandshake || fault instanceof Fault.Refuse);
    }

    /**
     * @param name a word
     * @return whether it names a fault
     */
    public static boolean isFault(String name) {
        return WITHOUT_ARGUMENT.containsKey(name) || WITH_ARGUMENT.containsKey(name) || FLOOD.equals(name);
    }

    /**
     * @param line a console line whose first word names a fault
     * @return the command
     * @throws IllegalArgumentException naming what is wrong with the line
     */
    public static FaultCommand parse(String line) {
        String[] words = line.trim().split("\\s+");
        Fault fault;
        int next;
        if (WITHOUT_ARGUMENT.containsKey(words[0])) {
            fault = WITHOUT_ARGUMENT.get(words[0]);
            next = 1;
        } else if (WITH_ARGUMENT.containsKey(words[0])) {
            if (words.length < 2) {
                throw new IllegalArgumentException(words[0] + " needs an argument");
            }
            fault = WITH_ARGUMENT.get(words[0]).apply(words[1]);
            next = 2;
        } else if (FLOOD.equals(words[0])) {
            if (words.length < 3) {
                throw new IllegalArgumentException("flood needs a kind and a duration, e.g. 'flood notice 5s'");
            }
            fault = new Fault.Flood(FloodKind.of(words[1]), duration(words[2]));
            next = 3;
        } else {
            throw new IllegalArgumentException("no fault named '" + words[0] + "'");
        }
        if (words.length > next + 1) {
            throw new IllegalArgumentException("too many arguments in '" + line.trim() + "'");
        }
        Target target = words.length == next + 1 ? Target.client(integer(words[next])) : Target.all();
        return new FaultCommand(fault, target);
    }

    /** @return the console line that gives this command */
    public String toLine() {
        return fault.command() + target.suffix();
    }

    /** Checks the bound itself, to name the text as typed: Typesafe Config saturates a huge duration at 292 years. */
    private static Duration duration(String text) {
        Duration duration;
        try {
            duration = ConfigFactory.parseMap(Map.of("d", text)).getDuration("d");
        } catch (ConfigException e) {
            throw new IllegalArgumentException("'" + text + "' is not a duration (e.g. 500ms, 2s)", e);
        }
        if (duration.compareTo(Fault.MAX_DURATION) > 0) {
            throw new IllegalArgumentException("the duration must be at most " + Fault.format(Fault.MAX_DURATION)
                    + " (" + Fault.MAX_DURATION.toHours() + "h), was " + text);
        }
        return duration;
    }

    private static boolean lost(String text) {
        if (text.equals(Fault.DropAfterOrder.ACCEPTED) || text.equals(Fault.DropAfterOrder.LOST)) {
            return text.equals(Fault.DropAfterOrder.LOST);
        }
        throw new IllegalArgumentException("drop-after-order takes 'accepted' or 'lost', not '" + text + "'");
    }

    private static int integer(String text) {
        if (!text.matches("-?\\d{1,9}")) {
            throw new IllegalArgumentException("'" + text + "' is not a number");
        }
        return Integer.parseInt(text);
    }
}
