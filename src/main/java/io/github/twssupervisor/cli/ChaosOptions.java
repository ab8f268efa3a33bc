package io.github.twssupervisor.cli;

import io.github.twssupervisor.config.SimulatorSettings;
import io.github.twssupervisor.simulator.Fault;
import io.github.twssupervisor.simulator.TwsSimulator;
import java.io.PrintStream;
import java.time.Duration;
import picocli.CommandLine.Option;

/** The random fault schedule shared by {@code simulator} and {@code demo}. */
final class ChaosOptions {

    @Option(names = "--chaos", paramLabel = "RATE", description = "Inject a random fault of any kind about every RATE "
            + "(HOCON duration, e.g. 2s), printing each as 'chaos: <fault> <args>'; default: none.")
    String chaos;

    @Option(names = "--chaos-seed", paramLabel = "N", description = "Seed of the --chaos schedule "
            + "(default: tws.simulator.chaos-seed).")
    Long chaosSeed;

    /** Fails on an invalid --chaos before anything starts. */
    void validate() {
        Duration interval = Durations.parse("--chaos", chaos);
        if (interval != null) {
            try {
                Fault.requireBounded("--chaos", interval);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("--chaos '" + chaos + "' is not a positive duration of at most "
                        + Fault.MAX_DURATION.toHours() + "h such as 2s", e);
            }
        }
    }

    /**
     * Starts the schedule, if --chaos was given.
     *
     * @param simulator the simulator to hurt
     * @param settings  its settings (the default seed)
     * @param out       where the chaos lines go
     * @param json        print each as a JSON object ({@code "event":"chaos"}) instead of {@code chaos: ...}
     */
    void start(TwsSimulator simulator, SimulatorSettings settings, PrintStream out, boolean json) {
        if (chaos != null) {
            long seed = chaosSeed != null ? chaosSeed : settings.chaosSeed();
            simulator.startChaos(Durations.parse("--chaos", chaos), seed, line -> {
                out.println(json ? Json.object("chaos").put("fault", line.substring("chaos: ".length())).toString()
                        : line);
                out.flush();
            });
        }
    }
}
