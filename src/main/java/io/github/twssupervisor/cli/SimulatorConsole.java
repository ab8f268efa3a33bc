package io.github.twssupervisor.cli;

import io.github.twssupervisor.simulator.ClientInfo;
import io.github.twssupervisor.simulator.Fault;
import io.github.twssupervisor.simulator.FaultCommand;
import io.github.twssupervisor.simulator.TwsSimulator;
import java.io.PrintStream;
import java.util.List;

/**
 * The simulator's console commands, one per line of stdin. Runs on the console thread, never in an actor, so it may wait
 * for the simulator's answers.
 */
final class SimulatorConsole {

    static final String HELP = "commands: stats | clients | blast N (N ticks per subscription) | quit | faults, "
            + "each for all clients or, with a trailing CLIENT_ID, one: drop | stall D | mute D | garbage | bomb "
            + "| unknown-msg | bad-field | reject-client-id | notice CODE (1100, 1101, 1102, 2110, 1300) | pace-limit N "
            + "| flood KIND D (KIND: notice, error, unknown, tick, mixed) | drop-after-order accepted|lost "
            + "| next-id-back N | delay-handshake D | refuse D (these two: all only); D: 500ms, 2s, at most 1h";

    private SimulatorConsole() {
    }

    /** Injects the fault a line names, or says what is wrong with the line. */
    private static void inject(String line, TwsSimulator simulator, PrintStream out) {
        FaultCommand command;
        try {
            command = FaultCommand.parse(line);
        } catch (IllegalArgumentException e) {
            out.println("invalid command '" + line + "': " + e.getMessage());
            return;
        }
        int applied = simulator.inject(command.fault(), command.target()).toCompletableFuture().join();
        if (command.fault() instanceof Fault.Drop) {
            out.println("dropped " + applied + " connections");
        } else if (command.fault() instanceof Fault.Notice notice) {
            out.println("notice " + notice.code() + " sent to " + applied + " clients");
        } else if (command.fault() instanceof Fault.DelayHandshake || command.fault() instanceof Fault.RejectClientId
                || command.fault() instanceof Fault.NextIdBack) {
            out.println(command.toLine() + " armed");
        } else {
            out.println(command.toLine() + " applied to " + applied + " connections");
        }
    }

    /**
     * @param line      one command line
     * @param simulator the simulator to act on
     * @param out       where answers go
     * @return false when the command asks the simulator to stop
     */
    static boolean execute(String line, TwsSimulator simulator, PrintStream out) {
        switch (line) {
            case "":
                return true;
            case "stats":
                out.println(simulator.stats().toCompletableFuture().join().toLine());
                return true;
            case "clients":
                List<ClientInfo> clients = simulator.clients().toCompletableFuture().join();
                if (clients.isEmpty()) {
                    out.println("no clients");
                }
                clients.forEach(c -> out.println(c.toLine()));
                return true;
            case "quit":
                out.println("stopping");
                return false;
            default:
                if (FaultCommand.isFault(line.split("\\s+")[0])) {
                    inject(line, simulator, out);
                } else if (line.matches("blast \\d{1,9}")) {
                    int ticks = Integer.parseInt(line.substring("blast ".length()));
                    long started = System.nanoTime();
                    long frames = simulator.blast(ticks).toCompletableFuture().join();
                    long millis = Math.max(1, (System.nanoTime() - started) / 1_000_000);
                    out.println("blast wrote " + frames + " frames in " + millis + " ms (" + frames * 1000 / millis
                            + " frames/s)");
                } else {
                    out.println("unknown command '" + line + "'; " + HELP);
                }
                return true;
        }
    }
}
