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

    @ParameterizedTest
    @ValueSource(strings = {"delay-handshake 1000000d", "delay-handshake 61m", "refuse 2h", "stall 3601s",
        "mute 1000000d 7", "flood tick 1d", "flood notice 3600001ms 2"})
    void everyDurationIsBoundedToAnHourWithAClearMessage(String line) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> FaultCommand.parse(line));
        String typed = line.split(" ")[line.startsWith("flood") ? 2 : 1];
        assertEquals("the duration must be at most 3600s (1h), was " + typed, e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"delay-handshake 1h", "refuse 60m", "stall 3600s", "mute 3600000ms", "flood tick 1h"})
    void anHourItselfIsAllowed(String line) {
        assertEquals(Fault.MAX_DURATION, FaultCommand.parse(line).fault() instanceof Fault.Flood flood
                ? flood.duration() : duration(FaultCommand.parse(line).fault()));
    }

    @Test
    void theJavaApiRefusesTheSameDurations() {
        Duration tooLong = Fault.MAX_DURATION.plusMillis(1);
        assertThrows(IllegalArgumentException.class, () -> new Fault.DelayHandshake(tooLong));
        assertThrows(IllegalArgumentException.class, () -> new Fault.Refuse(tooLong));
        assertThrows(IllegalArgumentException.class, () -> new Fault.Stall(tooLong));
        assertThrows(IllegalArgumentException.class, () -> new Fault.Mute(tooLong));
        assertThrows(IllegalArgumentException.class, () -> new Fault.Flood(FloodKind.TICK, tooLong));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Fault.requireBounded("the chaos interval", Duration.ofDays(1_000_000)));
        assertEquals("the chaos interval must be at most 3600s (1h), was 86400000000s", e.getMessage());
    }

    private static Duration duration(Fault fault) {
        if (fault instanceof Fault.DelayHandshake d) {
            return d.duration();
        } else if (fault instanceof Fault.Refuse r) {
            return r.duration();
        } else if (fault instanceof Fault.Stall s) {
            return s.duration();
        }
        return ((Fault.Mute) fault).duration();
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
