package io.github.twssupervisor.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** The console's fault lines, and the chaos schedule that writes them. */
class FaultCommandTest {

    @ParameterizedTest
    @ValueSource(strings = {"drop", "drop 7", "stall 2s", "stall 2s 7", "mute 1500ms", "garbage", "bomb 3",
        "unknown-msg", "bad-field 9", "delay-handshake 2s", "refuse 500ms", "reject-client-id 4", "notice 1100",
        "notice 1300 2", "pace-limit 5", "pace-limit 5 1", "flood notice 5s", "flood error 2s", "flood unknown 2s",
        "flood tick 1500ms 3", "flood mixed 1s", "drop-after-order accepted", "drop-after-order lost 3",
        "next-id-back 5", "next-id-back 2 7"})
    void everyFaultLineParsesAndPrintsBackTheSame(String line) {
        assertEquals(line, FaultCommand.parse(line).toLine());
    }

    @Test
    void argumentsAreReadAsDurationsAndClientIds() {
        assertEquals(new FaultCommand(new Fault.Stall(Duration.ofMillis(1500)), Target.client(7)),
                FaultCommand.parse("stall 1.5s 7"));
        assertEquals(new FaultCommand(new Fault.Drop(), Target.all()), FaultCommand.parse("drop"));
        assertEquals(new FaultCommand(new Fault.Flood(FloodKind.MIXED, Duration.ofMillis(2500)), Target.client(4)),
                FaultCommand.parse("flood mixed 2.5s 4"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"stall", "stall soon", "stall 0s", "pace-limit 0", "refuse 2s 7", "drop x", "drop 1 2",
        "melt", "flood", "flood notice", "flood lava 2s", "flood tick 0s", "flood tick 2s 1 2", "drop-after-order",
        "drop-after-order maybe", "next-id-back 0", "next-id-back"})
    void invalidLinesAreRejectedWithAReason(String line) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> FaultCommand.parse(line));
        assertTrue(!e.getMessage().isBlank());
    }

    @Test
    void theChaosScheduleIsReproducibleAndBounded() {
        List<String> first = strikes(7);
        assertEquals(first, strikes(7));
        assertTrue(!first.equals(strikes(8)));
        ChaosSchedule schedule = new ChaosSchedule(3, Duration.ofSeconds(2), 50);
        Set<String> drawn = new HashSet<>();
        for (int i = 0; i < 500; i++) {
            Duration delay = schedule.nextDelay();
            assertTrue(delay.toMillis() >= 1000 && delay.toMillis() < 3000, delay.toString());
            Fault fault = schedule.next().command().fault();
            drawn.add(fault.command().split(" ")[0] + (fault instanceof Fault.DropAfterOrder d ? " " + d.lost() : ""));
            if (fault instanceof Fault.NextIdBack back) {
                assertTrue(back.by() >= 1 && back.by() <= 5, back.toString());
            }
            if (fault instanceof Fault.Stall s) {
                assertTrue(s.duration().toMillis() >= 500 && s.duration().toMillis() <= 3000);
            } else if (fault instanceof Fault.Refuse r) {
                assertTrue(r.duration().toMillis() >= 500 && r.duration().toMillis() <= 2000);
            }
        }
        assertTrue(drawn.containsAll(List.of("drop-after-order true", "drop-after-order false", "next-id-back")),
                drawn.toString());
    }

    private static List<String> strikes(long seed) {
        ChaosSchedule schedule = new ChaosSchedule(seed, Duration.ofSeconds(2), 50);
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            lines.add(schedule.nextDelay() + " " + schedule.next().command().toLine());
        }
        return lines;
    }
}
